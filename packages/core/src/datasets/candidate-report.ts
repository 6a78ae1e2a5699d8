import { FINDING_CODES, findingCountsEmpty, type FindingCode, type RowFinding } from './findings';
import type { LabelDrift } from './label-drift';
import { DATASET_SPLITS, type DatasetSplit } from './split';

/**
 * The data-check report stored with a candidate version: counts the engineer reads before
 * approving, and every finding so each count can be opened up. Every code, split and project
 * label appears with its count even when zero, so two reports always have the same shape.
 */

export type SplitLabelCounts = {
  total: number;
  bySplit: Record<DatasetSplit, number>;
  byLabel: Record<string, number>;
  bySplitLabel: Record<DatasetSplit, Record<string, number>>;
};

export type ReportFinding = RowFinding & {
  /** The row found; null for findings about the version as a whole (label_drift). */
  itemId: string | null;
};

export type CandidateReport = {
  /** Rows offered to this merge. */
  candidates: number;
  accepted: number;
  quarantined: number;
  parentRows: number;
  /** parentRows + accepted. */
  versionRows: number;
  /** How many findings of each code, flags included. */
  findingCounts: Record<FindingCode, number>;
  /** Rows kept out, by each code they carry (a row can carry several). */
  quarantinedByCode: Record<FindingCode, number>;
  added: SplitLabelCounts;
  version: SplitLabelCounts;
  drift: LabelDrift[];
  /** Sorted by code (in FINDING_CODES order), then itemId. */
  findings: ReportFinding[];
};

export function splitLabelCountsEmpty(labels: readonly string[]): SplitLabelCounts {
  const perLabel = () => Object.fromEntries(labels.map((l) => [l, 0])) as Record<string, number>;
  return {
    total: 0,
    bySplit: { train: 0, dev: 0, test: 0 },
    byLabel: perLabel(),
    bySplitLabel: { train: perLabel(), dev: perLabel(), test: perLabel() },
  };
}

export function splitLabelCountsAdd(counts: SplitLabelCounts, split: DatasetSplit, label: string, n = 1): void {
  counts.total += n;
  counts.bySplit[split] += n;
  counts.byLabel[label] = (counts.byLabel[label] ?? 0) + n;
  counts.bySplitLabel[split][label] = (counts.bySplitLabel[split][label] ?? 0) + n;
}

/** Sum of two count tables (the version is the parent plus the added rows). */
export function splitLabelCountsMerge(a: SplitLabelCounts, b: SplitLabelCounts, labels: readonly string[]): SplitLabelCounts {
  const out = splitLabelCountsEmpty(labels);
  for (const c of [a, b]) {
    for (const split of DATASET_SPLITS) {
      for (const [label, n] of Object.entries(c.bySplitLabel[split])) {
        splitLabelCountsAdd(out, split, label, n);
      }
    }
  }
  return out;
}

const codeRank = new Map(FINDING_CODES.map((c, i) => [c, i]));

/** Counts and sorted list from per-row findings; drift lines that are flagged become findings. */
export function candidateReportFindings(
  rowFindings: readonly { itemId: string; findings: readonly RowFinding[]; quarantined: boolean }[],
  drift: readonly LabelDrift[],
): Pick<CandidateReport, 'findingCounts' | 'quarantinedByCode' | 'findings'> {
  const findingCounts = findingCountsEmpty();
  const quarantinedByCode = findingCountsEmpty();
  const findings: ReportFinding[] = [];
  for (const row of rowFindings) {
    for (const f of row.findings) {
      findingCounts[f.code]++;
      findings.push({ itemId: row.itemId, ...f });
    }
    if (row.quarantined) {
      for (const code of new Set(row.findings.map((f) => f.code))) {
        quarantinedByCode[code]++;
      }
    }
  }
  for (const d of drift.filter((x) => x.flagged)) {
    findingCounts.label_drift++;
    const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed(1)} %`;
    findings.push({
      itemId: null,
      code: 'label_drift',
      field: 'label',
      message: `'${d.label}' is ${pct(d.versionShare)} of the version against ${pct(d.parentShare)} of the parent`,
    });
  }
  findings.sort(
    (x, y) =>
      codeRank.get(x.code)! - codeRank.get(y.code)! ||
      ((x.itemId ?? '') < (y.itemId ?? '') ? -1 : (x.itemId ?? '') > (y.itemId ?? '') ? 1 : 0),
  );
  return { findingCounts, quarantinedByCode, findings };
}
