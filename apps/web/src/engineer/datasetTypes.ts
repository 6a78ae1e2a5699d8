import type { TDatasetDiff, TDatasetDiffRow, TDatasetReport, TDatasetSplit, TDatasetVersion, TQuarantinedRow } from '@quorum/contracts';

/**
 * The dataset screens' names for the contract's types, and the lists their controls offer.
 * The lists are spelled out rather than read from the zod enums so the bundle needs no zod;
 * `satisfies` keeps them to the contract's values.
 */

export type DatasetVersion = TDatasetVersion;
export type DatasetReport = TDatasetReport;
export type LabelDriftLine = TDatasetReport['drift'][number];
export type DatasetDiff = TDatasetDiff;
export type DiffRow = TDatasetDiffRow;
export type DiffKind = TDatasetDiffRow['kind'];
export type DiffSide = NonNullable<TDatasetDiffRow['before']>;
export type DatasetSplit = TDatasetSplit;
export type QuarantinedRow = TQuarantinedRow;
export type QuarantineStatus = TQuarantinedRow['status'];
/** What a fix may change; at least one of label, textA, textB. */
export type QuarantineFix = { label?: string; textA?: string; textB?: string; note?: string };

export const DATASET_SPLITS = ['train', 'dev', 'test'] as const satisfies readonly TDatasetSplit[];
export const DIFF_KINDS = ['added', 'removed', 'relabelled', 'moved'] as const satisfies readonly DiffKind[];
export const EXPORT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type CardFormat = 'json' | 'md';
