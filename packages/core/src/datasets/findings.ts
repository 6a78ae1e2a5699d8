import type { DatasetSplit } from './split';

/**
 * What the dataset checks can find. Row codes in QUARANTINE_CODES keep a row out of the version
 * (DESIGN.md step 7: quarantined with the reason, never dropped); near_duplicate only flags an
 * accepted row, and label_drift is about the version, not any one row.
 */
export const FINDING_CODES = [
  'empty_text',
  'text_too_long',
  'broken_unicode',
  'unknown_label',
  'duplicate',
  'conflict',
  'near_duplicate',
  'leakage',
  'label_drift',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const QUARANTINE_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'empty_text',
  'text_too_long',
  'broken_unicode',
  'unknown_label',
  'duplicate',
  'conflict',
  'leakage',
]);

/** Codes about the row's own values: such a row can be fixed, never released as it is. */
export const INVALID_VALUE_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'empty_text',
  'text_too_long',
  'broken_unicode',
  'unknown_label',
]);

/** The row a finding points at: the one duplicated, contradicted or resembled. */
export type RelatedRow = {
  itemId: string;
  /** 'parent' for a row of the parent version, 'candidate' for another row of this merge. */
  in: 'parent' | 'candidate';
  label?: string;
  split?: DatasetSplit;
  /** Shingle Jaccard, for near_duplicate and leakage. */
  similarity?: number;
};

export type RowFinding = {
  code: FindingCode;
  /** A sentence an engineer can act on; quarantine reasons are these, joined. */
  message: string;
  field?: 'textA' | 'textB' | 'label';
  related?: RelatedRow;
};

/** Zero for every code, so reports always have the same keys. */
export function findingCountsEmpty(): Record<FindingCode, number> {
  return Object.fromEntries(FINDING_CODES.map((c) => [c, 0])) as Record<FindingCode, number>;
}

/** The text stored as a quarantined row's reason. */
export function findingsReason(findings: readonly RowFinding[]): string {
  return findings
    .filter((f) => QUARANTINE_CODES.has(f.code))
    .map((f) => f.message)
    .join('; ');
}
