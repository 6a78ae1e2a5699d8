import { invalidValueFindings } from '../checks/invalid-values';
import {
  candidateReportFindings,
  splitLabelCountsAdd,
  splitLabelCountsEmpty,
  splitLabelCountsMerge,
  type CandidateReport,
  type SplitLabelCounts,
} from './candidate-report';
import type { TDatasetSettings } from './dataset-config';
import { duplicateFindings, type KeyedRow } from './duplicates';
import { INVALID_VALUE_CODES, QUARANTINE_CODES, type FindingCode, type RowFinding } from './findings';
import { labelDriftTable } from './label-drift';
import { nearDuplicateMatches } from './near-duplicates';
import { pairKey } from './normalise';
import { splitFromKey, type DatasetSplit } from './split';

/**
 * The merge's data checks (issue 5): which settled rows join the candidate version, in which
 * split, and which are quarantined and why. In order:
 *   1. invalid values (empty, too long, broken unicode, unknown label) — the row goes no further;
 *   2. exact duplicates and conflicts by normalised pair key, against the parent and each other;
 *   3. near-duplicates of the parent's rows and of earlier accepted new rows: flagged when in
 *      the same split, quarantined as leakage when not (the near-copy would let a model see a
 *      test question in training);
 *   4. counts per split and label, and label drift against the parent.
 * The verdicts do not depend on the order of `newRows` (see duplicates.ts), and the parent's
 * rows are never re-judged: they were approved.
 *
 * The parent's rows need not be all of them: only rows with the same pair key or a shared LSH
 * band (nearDuplicateBandHashes) can produce a finding, so a caller holding a million-row parent
 * may pass just those and give the whole parent's counts as `parentCounts`.
 */

export type CandidateRow = {
  itemId: string;
  textA: string;
  textB: string;
  label: string;
  /**
   * Codes a person released this row from (a quarantined row sent back as is): findings with
   * these codes are still reported but no longer keep the row out. Invalid values cannot be
   * released, only fixed, so a code here never lets an empty or broken text in.
   */
  released?: readonly FindingCode[];
};
/** A parent row; `split` as stored, or derived from the pair when the parent predates splits. */
export type ParentRow = CandidateRow & { split?: DatasetSplit };
export type CandidateCheckConfig = TDatasetSettings & { labels: readonly string[]; maxTextLength: number };

export type RowVerdict =
  | { itemId: string; status: 'accepted'; split: DatasetSplit; findings: readonly RowFinding[] }
  | { itemId: string; status: 'quarantined'; findings: readonly RowFinding[] };

export type CandidateCheckOptions = {
  /** Counts of the whole parent, when `parentRows` is only the subset that can match. */
  parentCounts?: SplitLabelCounts;
};

export type CandidateCheckResult = {
  /** One per new row, in the order given. */
  verdicts: RowVerdict[];
  report: CandidateReport;
};

const NONE: readonly RowFinding[] = Object.freeze([]);

type Entry = { itemId: string; key: string; label: string; split: DatasetSplit; row: number };

const byItemId = (x: { itemId: string }, y: { itemId: string }) => (x.itemId < y.itemId ? -1 : x.itemId > y.itemId ? 1 : 0);

function parentIndex(parentRows: Iterable<ParentRow>, config: CandidateCheckConfig, given?: SplitLabelCounts) {
  const opts = { symmetric: config.symmetricPairs };
  const counts = splitLabelCountsEmpty(config.labels);
  const byKey = new Map<string, Entry>();
  let n = 0;
  for (const p of parentRows) {
    const key = pairKey(p.textA, p.textB, opts);
    const split = p.split ?? splitFromKey(key, config.splitRatios);
    splitLabelCountsAdd(counts, split, p.label);
    const seen = byKey.get(key);
    if (!seen || p.itemId < seen.itemId) {
      byKey.set(key, { itemId: p.itemId, key, label: p.label, split, row: -1 });
    }
    n++;
  }
  return given ? { counts: given, byKey, rows: given.total } : { counts, byKey, rows: n };
}

/** A released row stays out only for findings nobody released it from; invalid values always count. */
function blocks(row: CandidateRow, f: RowFinding): boolean {
  if (!QUARANTINE_CODES.has(f.code)) {
    return false;
  }
  return INVALID_VALUE_CODES.has(f.code) || !(row.released ?? []).includes(f.code);
}

export function checkCandidateRows(
  newRows: readonly CandidateRow[],
  parentRows: Iterable<ParentRow>,
  config: CandidateCheckConfig,
  options: CandidateCheckOptions = {},
): CandidateCheckResult {
  const opts = { symmetric: config.symmetricPairs };
  const parent = parentIndex(parentRows, config, options.parentCounts);
  // Most rows have no finding: they share one empty list instead of a million of their own.
  const findings: (readonly RowFinding[])[] = newRows.map((row) => {
    const own = invalidValueFindings(row, config);
    return own.length === 0 ? NONE : own;
  });
  const addFinding = (row: number, f: RowFinding) => {
    findings[row] = findings[row] === NONE ? [f] : [...findings[row]!, f];
  };
  const valid: KeyedRow[] = [];
  const validRow: number[] = [];
  newRows.forEach((row, i) => {
    if (findings[i] === NONE) {
      valid.push({ itemId: row.itemId, key: pairKey(row.textA, row.textB, opts), label: row.label });
      validRow.push(i);
    }
  });
  const representatives: Entry[] = [];
  duplicateFindings(valid, parent.byKey).forEach((f, v) => {
    const row = validRow[v]!;
    if (f) {
      addFinding(row, f);
    } else {
      const { itemId, key, label } = valid[v]!;
      representatives.push({ itemId, key, label, split: splitFromKey(key, config.splitRatios), row });
    }
  });

  const entries = [...[...parent.byKey.values()].sort(byItemId), ...representatives.sort(byItemId)];
  const firstNew = parent.byKey.size;
  const matches = nearDuplicateMatches(
    entries.map((e) => e.key),
    firstNew,
    { threshold: config.nearDuplicateThreshold, symmetric: config.symmetricPairs },
  );
  const accepted = new Uint8Array(entries.length).fill(1);
  for (let e = firstNew; e < entries.length; e++) {
    const match = (matches.get(e) ?? []).find((m) => accepted[m.earlier] === 1);
    if (!match) {
      continue;
    }
    const self = entries[e]!;
    const other = entries[match.earlier]!;
    const where = match.earlier < firstNew ? 'parent' : 'candidate';
    const related = { itemId: other.itemId, in: where, label: other.label, split: other.split, similarity: match.similarity } as const;
    const like = `nearly the same pair as row ${other.itemId} (similarity ${match.similarity.toFixed(3)})`;
    if (other.split === self.split) {
      addFinding(self.row, { code: 'near_duplicate', message: like, related });
    } else {
      accepted[e] = 0;
      addFinding(self.row, { code: 'leakage', message: `${like}, which is in ${other.split}; this row would be in ${self.split}`, related });
    }
  }

  const splitOfRow: (DatasetSplit | undefined)[] = new Array<DatasetSplit | undefined>(newRows.length);
  for (let e = firstNew; e < entries.length; e++) {
    if (accepted[e] === 1) {
      splitOfRow[entries[e]!.row] = entries[e]!.split;
    }
  }
  const added = splitLabelCountsEmpty(config.labels);
  const verdicts: RowVerdict[] = newRows.map((row, i) => {
    const own = findings[i]!;
    if (own.some((f) => blocks(row, f))) {
      return { itemId: row.itemId, status: 'quarantined', findings: own };
    }
    // A released duplicate or leaked row was never given a split above; its key decides it, as
    // for any row, so it lands where its twin did (duplicate) or where it falls (leakage).
    const split = splitOfRow[i] ?? splitFromKey(pairKey(row.textA, row.textB, opts), config.splitRatios);
    splitLabelCountsAdd(added, split, row.label);
    return { itemId: row.itemId, status: 'accepted', split, findings: own };
  });
  const drift = labelDriftTable(config.labels, parent.counts.byLabel, added.byLabel, config.labelDriftThreshold);
  const rowFindings = verdicts.map((v) => ({ itemId: v.itemId, findings: v.findings, quarantined: v.status === 'quarantined' }));
  return {
    verdicts,
    report: {
      candidates: newRows.length,
      accepted: added.total,
      quarantined: newRows.length - added.total,
      parentRows: parent.rows,
      versionRows: parent.rows + added.total,
      ...candidateReportFindings(rowFindings, drift),
      added,
      version: splitLabelCountsMerge(parent.counts, added, config.labels),
      drift,
    },
  };
}
