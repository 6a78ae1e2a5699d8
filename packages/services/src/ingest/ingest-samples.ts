import { drizzle } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';
import { AppError, jobIds, type TUser } from '@quorum/contracts';
import { IngestErrorLog, ingestLineParser, type IngestError, type IngestLineParser, type SelectionStrategy } from '@quorum/core';
import { schema, type Db } from '@quorum/db';
import { flush, Outbox, type ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { stageCountsEvent } from '../stats';
import { ingestEntries, type IngestEntry, type IngestSource } from './body';
import { copyRowLine } from './copy-row';
import { INGEST_LIMITS_DEFAULT, type IngestLimits } from './limits';
import { SeenIds } from './seen-ids';
import { StagedWriter, type Batch } from './staged-writer';
import { stagingCreate, type MergeCounts } from './staging';
import { catchUpStrategy } from './strategy-catch-up';

export type IngestResult = {
  /** Non-blank lines (or array entries) read. */
  received: number;
  inserted: number;
  /** Known external ids whose content or model version changed; the old version is a revision. */
  updated: number;
  /** Known external ids sent again with the same content: nothing was written. */
  unchanged: number;
  /** Lines replaced by a later line with the same external id in the same request. */
  superseded: number;
  rejected: number;
  /** Samples that became gold items (records with gold_label). */
  gold: number;
  /** The first INGEST_MAX_ERRORS problems, by line (partial mode; otherwise a 400 carries them). */
  errors: IngestError[];
};

export type IngestOptions = {
  /** Write the valid lines and report the rest, instead of all or nothing. */
  partial?: boolean;
  limits?: IngestLimits;
};

/** Rows are handed to COPY in batches of about this many characters: fewer, larger writes. */
const COPY_BATCH_CHARS = 256 * 1024;

/** drizzle keeps the pg Pool it was made with; COPY needs one of its connections to itself. */
function poolOf(db: Db): Pool {
  const pool = (db as Db & { $client?: Pool }).$client;
  if (!pool) throw new Error('ingest needs a node-postgres database (db.$client)');
  return pool;
}

type Tally = { received: number; valid: number; log: IngestErrorLog };

/** Reads and checks the body line by line and hands the valid lines to the writer, in batches. */
async function stageBody(source: IngestSource, parser: IngestLineParser, writer: StagedWriter, opts: Required<IngestOptions>): Promise<Tally> {
  const t: Tally = { received: 0, valid: 0, log: new IngestErrorLog() };
  const seenIds = new SeenIds(source.kind === 'stream' ? source.contentLength : source.values.length * 1024);
  let batch: Batch = { text: '', rows: 0, gold: false, seen: 0 };
  const take = (e: IngestEntry) => {
    const outcome = 'text' in e ? parser.line(e.text) : 'value' in e ? parser.value(e.value) : { kind: 'invalid' as const, errors: [{ field: '(line)', message: e.invalid }] };
    if (outcome.kind === 'blank') return;
    t.received++;
    if (outcome.kind === 'invalid') {
      t.log.add(e.line, outcome.errors);
      return;
    }
    t.valid++;
    const gold = outcome.row.goldLabel !== null;
    // All or nothing: once a line is bad nothing will be written, so stop feeding COPY.
    if (opts.partial || t.log.rejected === 0) {
      const seen = seenIds.testAndAdd(outcome.row.externalId);
      batch.text += copyRowLine(e.line, outcome.row, seen);
      batch.rows++;
      batch.gold ||= gold;
      if (seen) batch.seen++;
    }
  };
  for await (const entries of ingestEntries(source, opts.limits)) {
    for (const e of entries) take(e);
    if (batch.text.length >= COPY_BATCH_CHARS) {
      const full = batch;
      batch = { text: '', rows: 0, gold: false, seen: 0 };
      await writer.write(full);
    }
  }
  if (batch.rows > 0) await writer.write(batch);
  return t;
}

function badLines(t: Tally): AppError {
  const first = t.log.errors[0]!;
  const where = first.line > 0 ? `line ${first.line}: ` : '';
  const total = `${t.log.rejected} of ${t.received} lines invalid, nothing written`;
  return new AppError('bad_request', `${where}${first.field}: ${first.message} (${total})`, first.field, t.log.errors);
}

const noSamples = () => new AppError('bad_request', '(body): no samples', '(body)', [{ line: 0, field: '(body)', message: 'no samples' }]);

/**
 * Ingests a body of any size in one transaction: every line is checked as it streams in, valid
 * ones are COPYed into a staging table and merged set-based (staging.ts). Idempotent on
 * (project, external_id): the same content again changes nothing; changed content or model
 * version updates the sample and keeps the previous version in sample_revision. By default one
 * bad line fails the request (400 with the first 100 problems, nothing written); with `partial`
 * the valid lines are written and the bad ones returned. Lines with gold_label become gold items.
 */
export async function ingestSamples(ctx: ServiceContext, caller: TUser, projectId: string, source: IngestSource, options: IngestOptions = {}): Promise<IngestResult> {
  const opts: Required<IngestOptions> = { partial: options.partial ?? false, limits: options.limits ?? INGEST_LIMITS_DEFAULT };
  const project = await projectForMember(ctx.db, caller.id, projectId);
  const strategy = project.selectionStrategy as SelectionStrategy;
  const parser = ingestLineParser({
    labels: project.labels,
    maxTextLength: project.maxTextLength,
    strategy,
    symmetricPairs: project.symmetricPairs,
  });
  const client = await poolOf(ctx.db).connect();
  // A connection left mid-COPY by a failed upload cannot be reused: it is destroyed, which also
  // rolls the transaction back on the server.
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const started = performance.now();
    await stagingCreate(client);
    const writer = new StagedWriter(client, projectId);
    let t: Tally;
    let merged: MergeCounts | null = null;
    try {
      t = await stageBody(source, parser, writer, opts);
      if (t.received > 0 && (opts.partial || t.log.rejected === 0)) merged = await writer.end();
    } catch (err) {
      // An upload that broke off, a body over a limit, a failed COPY or merge: the connection
      // may be mid-COPY or mid-statement.
      broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    }
    if (merged === null) {
      await writer.abort();
      throw t.received === 0 ? noSamples() : badLines(t);
    }
    const tx = drizzle(client, { schema });
    const rescored = merged.inserted + merged.updated > 0 ? await catchUpStrategy(tx, projectId, strategy) : 0;
    const out = new Outbox();
    if (merged.inserted + merged.updated > 0) out.job({ name: 'select-items', payload: { projectId }, opts: { dedupeId: jobIds.selectItems(projectId) } });
    out.event(await stageCountsEvent(tx, projectId));
    await client.query('commit');
    await flush(ctx, out);
    // Where a big ingest spends its time: reading, checking and COPY, then each set-based step.
    ctx.log.info({ projectId, received: t.received, rejected: t.log.rejected, ...merged, batches: writer.state.merges, rescored, totalMs: Math.round(performance.now() - started), ...writer.state.timings }, 'ingest committed');
    return {
      received: t.received,
      ...merged,
      unchanged: t.valid - merged.superseded - merged.inserted - merged.updated,
      rejected: t.log.rejected,
      errors: t.log.errors,
    };
  } catch (err) {
    if (!broken) await client.query('rollback').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken ?? undefined);
  }
}

/** For in-process callers (the demo seed): records as parsed JSON values, all or nothing. */
export function ingestRecords(ctx: ServiceContext, caller: TUser, projectId: string, values: readonly unknown[]): Promise<IngestResult> {
  return ingestSamples(ctx, caller, projectId, { kind: 'values', values });
}
