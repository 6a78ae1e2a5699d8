/**
 * The one shape every export format writes: the columns, their types and what they mean.
 * JSONL, CSV and Parquet all take their columns from exportColumns(), so a file in one format
 * has exactly the columns of the others, in the same order.
 *
 * Per-label figures (posterior, votes, model probabilities) get one column per project label
 * rather than a nested object: every row then has the same keys and types, which is what the
 * Hugging Face JSON loader (pyarrow's JSON reader) needs to infer one schema, and a Parquet or
 * CSV reader gets plain numeric columns. Labels match /^[a-z0-9_-]+$/i (project-config.ts),
 * so they are safe inside column names.
 */
import type { DatasetSplit } from '@quorum/core';

/** One row of an exported version, with its provenance; what the export query yields. */
export type ExportRow = {
  itemId: string;
  sampleId: string;
  externalId: string;
  textA: string;
  textB: string;
  label: string;
  split: DatasetSplit;
  decidedBy: 'crowd' | 'expert';
  /** Share of crowd votes for the winning label; null when the crowd did not vote. */
  agreement: number | null;
  /** Aggregated posterior over the project's labels; null when there was none. */
  posterior: Readonly<Record<string, number>> | null;
  votes: Readonly<Record<string, number>> | null;
  expertNote: string | null;
  modelLabel: string | null;
  modelVersion: string | null;
  modelProbs: Readonly<Record<string, number>> | null;
  /** The batches whose accepted labels settled the item, sorted. */
  batchIds: readonly string[];
};

export type ExportColumnType = 'string' | 'double' | 'int' | 'string_list';
export type ExportValue = string | number | readonly string[] | null;

export type ExportColumn = {
  name: string;
  type: ExportColumnType;
  nullable: boolean;
  description: string;
  /** Prose, not an identifier: Parquet skips min/max statistics, useless for it and slow. */
  freeText?: boolean;
  value: (row: ExportRow) => ExportValue;
};

const perLabel = (
  labels: readonly string[],
  prefix: string,
  type: 'double' | 'int',
  what: string,
  pick: (row: ExportRow) => Readonly<Record<string, number>> | null,
): ExportColumn[] =>
  labels.map((label) => ({
    name: `${prefix}_${label}`,
    type,
    nullable: true,
    description: `${what} '${label}'`,
    // A map that exists but lacks the label means 0 for that label, not "unknown".
    value: (row: ExportRow) => {
      const m = pick(row);
      return m === null ? null : (m[label] ?? 0);
    },
  }));

/** The columns of an export of a project with these labels, in file order. */
export function exportColumns(labels: readonly string[]): ExportColumn[] {
  const col = (name: string, type: ExportColumnType, nullable: boolean, description: string, value: ExportColumn['value']): ExportColumn => ({
    name,
    type,
    nullable,
    description,
    value,
  });
  return [
    col('id', 'string', false, 'item id: stable across versions', (r) => r.itemId),
    col('external_id', 'string', false, 'the sample id the model owner sent at ingest', (r) => r.externalId),
    col('sample_id', 'string', false, 'Quorum sample id', (r) => r.sampleId),
    { ...col('text_a', 'string', false, 'first text of the pair', (r) => r.textA), freeText: true },
    { ...col('text_b', 'string', false, 'second text of the pair', (r) => r.textB), freeText: true },
    col('label', 'string', false, 'the settled label', (r) => r.label),
    col('split', 'string', false, 'train, dev or test; fixed by a hash of the normalised pair', (r) => r.split),
    col('decided_by', 'string', false, 'crowd (aggregated votes) or expert (review)', (r) => r.decidedBy),
    col('agreement', 'double', true, 'share of crowd votes for the winning label', (r) => r.agreement),
    ...perLabel(labels, 'posterior', 'double', 'aggregated posterior probability of', (r) => r.posterior),
    ...perLabel(labels, 'votes', 'int', 'accepted crowd votes for', (r) => r.votes),
    { ...col('expert_note', 'string', true, "the expert reviewer's note", (r) => r.expertNote), freeText: true },
    col('model_label', 'string', true, "the production model's label at ingest", (r) => r.modelLabel),
    col('model_version', 'string', true, 'the production model version', (r) => r.modelVersion),
    ...perLabel(labels, 'model_prob', 'double', "the production model's probability of", (r) => r.modelProbs),
    col('batch_ids', 'string_list', false, 'batches whose accepted labels settled the item', (r) => r.batchIds),
  ];
}

/**
 * The row's value for a column, checked against the column's type: a file with a string in a
 * number column, or NaN (which JSON cannot carry), is worse than a failed export.
 */
export function exportValue(column: ExportColumn, row: ExportRow): ExportValue {
  const v = column.value(row);
  const bad = (why: string) => new TypeError(`export: row ${row.itemId}, column ${column.name}: ${why}`);
  if (v === null || v === undefined) {
    if (!column.nullable) {
      throw bad('is missing');
    }
    return null;
  }
  switch (column.type) {
    case 'string':
      if (typeof v !== 'string') {
        throw bad('is not a string');
      }
      return v;
    case 'double':
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw bad(`${String(v)} is not a finite number`);
      }
      return v;
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || Math.abs(v) > 2 ** 31 - 1) {
        throw bad(`${String(v)} is not a 32-bit whole number`);
      }
      return v;
    case 'string_list':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        throw bad('is not a list of strings');
      }
      return v as readonly string[];
  }
}
