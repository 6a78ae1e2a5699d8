import type { DatasetReport, LabelDriftLine } from './datasetTypes';

/**
 * Reads a version's data-check report defensively. Versions merged before the checks existed
 * come with an empty report (the contract says every code is present in `findingCounts`, so an
 * empty one means "not checked", not "nothing found"), and a finding about the version as a
 * whole has no row; the core's own names (versionShare, related.itemId) are read too.
 */
export type ReadFinding = Omit<DatasetReport['findings'][number], 'itemId' | 'externalId'> & { itemId: string | null; externalId: string | null };
export type ReadReport = Omit<DatasetReport, 'findings'> & { findings: ReadFinding[]; checked: boolean };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const numbers = (v: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries(obj(v) ?? {}).filter((e): e is [string, number] => num(e[1]) !== null));

function driftLine(v: unknown): LabelDriftLine | null {
  const d = obj(v);
  const label = str(d?.label);
  if (!d || label === null) return null;
  return { label, parentShare: num(d.parentShare), share: num(d.share) ?? num(d.versionShare) ?? 0, delta: num(d.delta), flagged: d.flagged === true };
}

function finding(v: unknown): ReadFinding | null {
  const f = obj(v);
  const code = str(f?.code);
  if (!f || code === null) return null;
  const related = obj(f.related);
  return {
    itemId: str(f.itemId),
    externalId: str(f.externalId),
    code,
    message: str(f.message) ?? '',
    relatedItemId: str(f.relatedItemId) ?? str(related?.itemId),
    similarity: num(f.similarity) ?? num(related?.similarity),
  };
}

export function readReport(report: Readonly<Record<string, unknown>>): ReadReport {
  const findings = Array.isArray(report.findings) ? report.findings.map(finding).filter((f): f is ReadFinding => f !== null) : [];
  const findingCounts = numbers(report.findingCounts);
  return {
    checked: Object.keys(findingCounts).length > 0,
    findingCounts,
    quarantinedByCode: numbers(report.quarantinedByCode),
    drift: Array.isArray(report.drift) ? report.drift.map(driftLine).filter((d): d is LabelDriftLine => d !== null) : [],
    findings,
    findingsTotal: num(report.findingsTotal) ?? findings.length,
  };
}

/**
 * The kinds an engineer reads a report by. "Invalid values" gathers the four per-value checks,
 * which are fixed the same way (edit the row); the codes are those of @quorum/core's checks.
 */
export type FindingKind = { key: string; name: string; codes: readonly string[]; hint: string };
export const FINDING_KINDS: readonly FindingKind[] = [
  { key: 'duplicate', name: 'Duplicates', codes: ['duplicate'], hint: 'The same pair twice with the same label; the copy is quarantined.' },
  { key: 'near_duplicate', name: 'Near duplicates', codes: ['near_duplicate'], hint: 'Pairs whose texts are almost the same; flagged, kept in the version.' },
  { key: 'leakage', name: 'Leakage', codes: ['leakage'], hint: 'A pair (or one very like it) in another split: a test row seen in training.' },
  { key: 'conflict', name: 'Conflicts', codes: ['conflict'], hint: 'The same pair with different labels.' },
  { key: 'invalid', name: 'Invalid values', codes: ['empty_text', 'text_too_long', 'broken_unicode', 'unknown_label'], hint: 'Empty or over-long texts, broken unicode, labels not in the label set.' },
  { key: 'label_drift', name: 'Label drift', codes: ['label_drift'], hint: 'A label’s share of the version moved past the threshold against the parent.' },
];

export const CODE_NAMES: Readonly<Record<string, string>> = {
  duplicate: 'duplicate',
  near_duplicate: 'near duplicate',
  leakage: 'leakage',
  conflict: 'conflict',
  empty_text: 'empty text',
  text_too_long: 'text too long',
  broken_unicode: 'broken unicode',
  unknown_label: 'unknown label',
  label_drift: 'label drift',
};
export const codeName = (code: string) => CODE_NAMES[code] ?? code.replace(/[_-]+/g, ' ');

export const kindOfCode = (code: string): FindingKind | undefined => FINDING_KINDS.find((k) => k.codes.includes(code));

const sumOf = (counts: Readonly<Record<string, number>>, codes: readonly string[]) => codes.reduce((n, c) => n + (counts[c] ?? 0), 0);

/** Per kind: how many findings, and how many rows were kept out for it; unknown codes get a kind of their own. */
export function findingsByKind(r: Pick<DatasetReport, 'findingCounts' | 'quarantinedByCode'>): (FindingKind & { found: number; quarantined: number })[] {
  const known = new Set(FINDING_KINDS.flatMap((k) => k.codes));
  const extra = [...new Set([...Object.keys(r.findingCounts), ...Object.keys(r.quarantinedByCode)])].filter((c) => !known.has(c)).sort();
  const kinds = [...FINDING_KINDS, ...extra.map((c) => ({ key: c, name: codeName(c), codes: [c], hint: '' }))];
  return kinds.map((k) => ({ ...k, found: sumOf(r.findingCounts, k.codes), quarantined: sumOf(r.quarantinedByCode, k.codes) }));
}
