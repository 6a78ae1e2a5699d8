import type { SplitLabelCounts } from './candidate-report';
import type { FindingCode } from './findings';

/**
 * A dataset card: what a version is, where it came from and how far to trust it, shipped next
 * to every export (JSON for tools, Markdown for people, see card-markdown.ts). Built from a
 * summary the service assembles; nothing here reads a clock or a database, so the same
 * version always gets the same card.
 */

export type AgreementFigures = {
  /** Rows with an agreement figure (a crowd vote share); expert-only rows may have none. */
  rows: number;
  mean: number | null;
  /** Rows per tenth of agreement: [0, 0.1), …, [0.9, 1.0]. */
  histogram: number[];
};

export type DatasetCardSummary = {
  projectName: string;
  version: number;
  contentHash: string;
  /** ISO 8601, from the version row. */
  createdAt: string;
  parent: { version: number; contentHash: string } | null;
  counts: SplitLabelCounts;
  agreement: AgreementFigures;
  decidedBy: { crowd: number; expert: number };
  checks: {
    findingCounts: Record<FindingCode, number>;
    quarantined: number;
    /** Labels whose share drifted past the threshold. */
    driftedLabels: readonly string[];
  };
  approval: {
    status: 'candidate' | 'approved' | 'rejected';
    decidedBy: string | null;
    decidedAt: string | null;
    note: string | null;
  };
  /** The exported columns, when the card travels with an export. */
  columns?: readonly { name: string; type: string; description: string }[];
};

const HISTOGRAM_BINS = 10;

/** Running agreement figures, so an export can fill them while it streams rows. */
export function agreementFiguresEmpty(): AgreementFigures {
  return { rows: 0, mean: null, histogram: new Array<number>(HISTOGRAM_BINS).fill(0) };
}

export function agreementFiguresAdd(figures: AgreementFigures, agreement: number | null): void {
  if (agreement === null || !Number.isFinite(agreement)) {
    return;
  }
  // Incremental mean (Welford): no running sum to lose precision over a million rows.
  figures.rows++;
  figures.mean = (figures.mean ?? 0) + (agreement - (figures.mean ?? 0)) / figures.rows;
  const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(agreement * HISTOGRAM_BINS)));
  figures.histogram[bin]!++;
}

export const DATASET_CARD_SCHEMA = 'quorum.dataset-card/1';

/** The machine-readable card: plain JSON, stable key names, no derived prose. */
export function datasetCardJson(s: DatasetCardSummary) {
  return {
    schema: DATASET_CARD_SCHEMA,
    project: s.projectName,
    version: s.version,
    contentHash: { algorithm: 'sha256', value: s.contentHash },
    parent: s.parent,
    createdAt: s.createdAt,
    rows: s.counts.total,
    splits: s.counts.bySplit,
    labels: s.counts.byLabel,
    splitLabels: s.counts.bySplitLabel,
    agreement: s.agreement,
    decidedBy: s.decidedBy,
    checks: s.checks,
    approval: s.approval,
    columns: s.columns ?? [],
  };
}

export type DatasetCardJson = ReturnType<typeof datasetCardJson>;
