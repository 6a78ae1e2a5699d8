import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { AppError, type TDatasetSplit, type TUser } from '@quorum/contracts';
import type { DatasetCardJson, DatasetSplit } from '@quorum/core';
import { project } from '@quorum/db';
import type { ServiceContext } from '../context';
import type { ExportRow } from '../export/export-row';
import { EXPORT_CONTENT_TYPES, EXPORT_FILE_EXTENSIONS, exportReadable, type ExportFormat } from '../export/export-stream';
import { datasetCardOf } from './card';
import { csvColumnsSql, EXPORT_ROW_COLUMNS, jsonlLineSql } from './export-sql';
import { legacySplitsBackfill } from './settings';
import { versionForEngineer } from './versions';

/** Everything an export needs, settled before the first byte so errors can still be a 4xx. */
export type ExportPlan = {
  projectId: string;
  number: number;
  contentHash: string;
  labels: readonly string[];
  format: ExportFormat;
  split: TDatasetSplit | null;
  rowCount: number;
  filename: string;
  contentType: string;
  card: DatasetCardJson;
};

/** Checks an export may start: only approved versions are training data. */
export async function exportPlan(ctx: ServiceContext, caller: TUser, versionId: string, format: ExportFormat, split?: TDatasetSplit): Promise<ExportPlan> {
  let v = await versionForEngineer(ctx.db, caller, versionId);
  if (v.status !== 'approved') throw new AppError('conflict', `version ${v.number} is ${v.status}; only approved versions can be exported`);
  const [p] = await ctx.db.select().from(project).where(eq(project.id, v.projectId));
  if (!v.settings) {
    await ctx.db.transaction((tx) => legacySplitsBackfill(tx, p!));
    v = await versionForEngineer(ctx.db, caller, versionId);
  }
  const sum = (xs: Record<string, number> | undefined) => Object.values(xs ?? {}).reduce((a, b) => a + b, 0);
  return {
    projectId: v.projectId,
    number: v.number,
    contentHash: v.contentHash,
    labels: p!.labels,
    format,
    split: split ?? null,
    rowCount: split ? sum(v.counts[split]) : v.rowCount,
    filename: `dataset-v${v.number}-${v.contentHash.slice(0, 12)}${split ? `-${split}` : ''}${EXPORT_FILE_EXTENSIONS[format]}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    card: await datasetCardOf(ctx.db, v),
  };
}

/** The plan's rows, as a WHERE clause with literals (COPY takes no parameters; all values are checked ones). */
export function exportRowsWhere(plan: Pick<ExportPlan, 'projectId' | 'number' | 'split'>, client: Pick<PoolClient, 'escapeLiteral'>): string {
  const split = plan.split ? ` and r.split = ${client.escapeLiteral(plan.split)}` : '';
  return `r.project_id = ${client.escapeLiteral(plan.projectId)} and r.valid_from <= ${plan.number | 0} and r.valid_to > ${plan.number | 0}${split}`;
}

/**
 * JSONL: each line built by PostgreSQL and sent by COPY. In CSV format with a quote and a
 * delimiter (\x01, \x02) that JSON text never holds raw (to_json escapes control
 * characters), COPY writes the line as it is; no JSON text holds a raw newline either.
 */
export function exportCopySql(plan: ExportPlan, client: Pick<PoolClient, 'escapeLiteral'>): string {
  const rows = `from dataset_row r where ${exportRowsWhere(plan, client)} order by r.item_id`;
  return plan.format === 'jsonl'
    ? `COPY (select ${jsonlLineSql(plan.labels)} ${rows}) TO STDOUT (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')`
    : `COPY (select ${csvColumnsSql(plan.labels)} ${rows}) TO STDOUT (FORMAT csv, HEADER true)`;
}

type RowRecord = {
  item_id: string; sample_id: string; external_id: string; text_a: string; text_b: string; label: string; split: DatasetSplit;
  decided_by: 'crowd' | 'expert'; agreement: number | null; posterior: number[] | null; votes: number[] | null; expert_note: string | null;
  model_label: string | null; model_version: string | null; model_probs: number[] | null; batch_ids: string[];
};

const byLabel = (labels: readonly string[], xs: number[] | null) => (xs === null ? null : Object.fromEntries(labels.map((l, i) => [l, xs[i] ?? 0])));

export const exportRowOf = (r: RowRecord, labels: readonly string[]): ExportRow => ({
  itemId: r.item_id,
  sampleId: r.sample_id,
  externalId: r.external_id,
  textA: r.text_a,
  textB: r.text_b,
  label: r.label,
  split: r.split,
  decidedBy: r.decided_by,
  agreement: r.agreement,
  posterior: byLabel(labels, r.posterior),
  votes: byLabel(labels, r.votes),
  expertNote: r.expert_note,
  modelLabel: r.model_label,
  modelVersion: r.model_version,
  modelProbs: byLabel(labels, r.model_probs),
  batchIds: r.batch_ids,
});

function parquetStream(client: PoolClient, plan: ExportPlan): Readable {
  const query = client.query(new QueryStream(`select ${EXPORT_ROW_COLUMNS} from dataset_row r where ${exportRowsWhere(plan, client)} order by r.item_id`, [], { batchSize: 2000 }));
  async function* rows(): AsyncGenerator<ExportRow> {
    for await (const r of query as AsyncIterable<RowRecord>) yield exportRowOf(r, plan.labels);
  }
  return exportReadable('parquet', rows(), { labels: plan.labels, parquet: { metadata: { 'quorum.dataset_card': JSON.stringify(plan.card) } } });
}

/**
 * Streams the export into `out` with backpressure: a slow reader slows the COPY (or the
 * cursor) down, so memory holds a few chunks whatever the version's size. A connection left
 * mid-COPY by a reader that went away cannot be reused: it is destroyed, which also ends the
 * query on the server.
 */
export async function exportVersionTo(pool: Pool, plan: ExportPlan, out: Writable): Promise<void> {
  const client = await pool.connect();
  let failed: unknown = undefined;
  try {
    const source = plan.format === 'parquet' ? parquetStream(client, plan) : client.query(copyTo(exportCopySql(plan, client)));
    await pipeline(source, out);
  } catch (err) {
    failed = err;
    throw err;
  } finally {
    client.release(failed === undefined ? undefined : failed instanceof Error ? failed : true);
  }
}
