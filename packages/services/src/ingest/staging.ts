import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { STAGING_COLUMNS } from './copy-row';

/**
 * The bulk path: valid lines are COPYed into a temporary staging table inside the request's
 * transaction, then merged into `sample` with a few set-based statements, one batch at a time
 * (staged-writer.ts). Dropped at commit or rollback, so a failed request leaves nothing behind.
 */

export async function stagingCreate(client: PoolClient): Promise<void> {
  await client.query(`create temp table ingest_staging (
    line integer not null,
    external_id text not null,
    text_a text not null,
    text_b text not null,
    model_label text,
    model_probs jsonb not null,
    predictions jsonb,
    model_version text,
    metadata jsonb,
    model_confidence real not null,
    uncertainty real not null,
    pair_key text not null,
    content_hash text not null,
    gold_label text,
    -- The request may have sent this external id before (an earlier line): see SeenIds.
    seen boolean not null
  ) on commit drop`);
  // The dedupe's hash aggregate and the joins below fit in memory instead of spilling to disk.
  await client.query(`set local work_mem = '64MB'`);
}

export function stagingCopy(client: PoolClient): Writable {
  return client.query(copyFrom(`copy ingest_staging (${STAGING_COLUMNS.join(', ')}) from stdin`));
}

export type MergeCounts = { superseded: number; inserted: number; updated: number; gold: number };

/** What a batch's merge needs to know about the ones before it in the same request. */
export type MergeState = {
  /** Set by the first merge, under the lock: did the project have samples before this request? */
  hadSamples: boolean | null;
  merges: number;
  /** Milliseconds per step, summed over batches, for the log. */
  timings: Record<string, number>;
};

const SAMPLE_VALUES = ['text_a', 'text_b', 'model_label', 'model_probs', 'predictions', 'model_version', 'metadata', 'model_confidence', 'uncertainty', 'pair_key', 'content_hash'];

type Changed = { updated: number; superseded: number; matched: number; removed: number };

/**
 * Replaces the known samples whose content changed, keeping their previous version as a
 * revision, and drops every staged row that matched a stored sample (unless it carries a gold
 * label, which may still make an item), so the insert that follows only sees new ids.
 * Rows this transaction wrote (an earlier batch of the same request) have updated_at = now(),
 * the transaction's start: a later line for them supersedes the earlier one without a revision,
 * as within one batch. No row lock is taken to read: only ingest changes a sample's content, and
 * it holds the project's ingest lock; the UPDATE locks the rows it changes.
 */
async function mergeChanged(client: PoolClient, projectId: string, onlySeen: boolean): Promise<Changed> {
  // LATERAL … LIMIT 1 (an external id is unique in a project) keeps this an index lookup per
  // staged row: a hash join would read every sample of the project once per batch.
  const res = await client.query<Changed>(
    `with matched as (
       select o.id, ${SAMPLE_VALUES.map((c) => `o.${c}`).join(', ')}, o.updated_at, o.skip_reason,
              o.updated_at = now() as ours, o.content_hash <> s.content_hash as differs,
              s.external_id as n_external_id, s.gold_label is not null as n_gold,
              ${SAMPLE_VALUES.map((c) => `s.${c} as n_${c}`).join(', ')}
         from ingest_staging s
        cross join lateral (select * from sample o where o.project_id = $1 and o.external_id = s.external_id limit 1) o
        ${onlySeen ? 'where s.seen' : ''}
     ), revision as (
       insert into sample_revision (sample_id, text_a, text_b, model_label, model_probs, predictions, model_version, metadata, content_hash, ingested_at)
       select id, text_a, text_b, model_label, model_probs, predictions, model_version, metadata, content_hash, updated_at
         from matched where differs and not ours
     ), updated as (
       update sample o set
         ${SAMPLE_VALUES.map((c) => `${c} = m.n_${c}`).join(', ')}, updated_at = now(),
         -- A sample skipped as a duplicate of another pair is a new question once its texts change.
         pooled = case when m.skip_reason is not null and m.pair_key is distinct from m.n_pair_key then true else o.pooled end,
         skip_reason = case when m.skip_reason is not null and m.pair_key is distinct from m.n_pair_key then null else o.skip_reason end
         from matched m
        where o.id = m.id and m.differs
       returning m.ours
     ), known as (
       delete from ingest_staging s using matched m where s.external_id = m.n_external_id and not m.n_gold
       returning 1
     )
     select (select count(*) from updated where not ours)::int as updated,
            (select count(*) from matched where ours)::int as superseded,
            (select count(*) from matched)::int as matched,
            (select count(*) from known)::int as removed`,
    [projectId],
  );
  return res.rows[0]!;
}

/**
 * Merges the staged batch into the project's samples. From the first batch on the request holds
 * the project's ingest lock until it commits, so two requests with overlapping external ids merge
 * one after the other, each seeing what the other committed: neither hits a unique violation nor
 * loses the other's newer prediction.
 */
export async function stagingMerge(client: PoolClient, projectId: string, state: MergeState, opts: { gold: boolean; seen: number }): Promise<MergeCounts> {
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    state.timings[name] = (state.timings[name] ?? 0) + Math.round(now - t);
    t = now;
  };
  if (state.hadSamples === null) {
    await client.query(`select pg_advisory_xact_lock(hashtext('ingest-samples'), hashtext($1))`, [projectId]);
    const existing = await client.query<{ any: boolean }>('select exists (select 1 from sample where project_id = $1) as any', [projectId]);
    state.hadSamples = existing.rows[0]!.any;
    if (state.hadSamples) {
      // Selection marks and unpools sample rows; taking its lock before touching stored rows
      // keeps the two from locking the same rows in opposite orders (a deadlock). The lock is
      // selection's (services/selection.ts). Rows this request inserted are invisible to
      // selection until the commit, so a first ingest into an empty project needs no lock.
      await client.query(`select pg_advisory_xact_lock(hashtext('select-items'), hashtext($1))`, [projectId]);
    }
    lap('lockMs');
  }
  // Within one batch the last line for an external id wins, as a later re-ingest would. Only a
  // batch with a line whose id may have come before can hold a duplicate.
  const deduped =
    opts.seen > 0
      ? await client.query(
          `delete from ingest_staging s
            using (select external_id, max(line) as keep from ingest_staging
                    where external_id in (select external_id from ingest_staging where seen)
                    group by external_id having count(*) > 1) d
            where s.external_id = d.external_id and s.line < d.keep`,
        )
      : { rowCount: 0 };
  lap('dedupeMs');
  // In a project that was empty, only ids this request sent before can be stored already.
  const changed = state.hadSamples || opts.seen > 0 ? await mergeChanged(client, projectId, !state.hadSamples) : { updated: 0, superseded: 0, matched: 0, removed: 0 };
  lap('changedMs');
  // Under the ingest lock nobody else inserts this project's samples: when every staged row that
  // matched a stored one is gone, a plain insert is safe (and cheaper than ON CONFLICT's
  // speculative insertion).
  const inserted = await client.query(
    `insert into sample (project_id, external_id, ${SAMPLE_VALUES.join(', ')})
     select $1, external_id, ${SAMPLE_VALUES.join(', ')} from ingest_staging
     ${changed.matched > changed.removed ? 'on conflict (project_id, external_id) do nothing' : ''}`,
    [projectId],
  );
  lap('insertMs');
  let gold = 0;
  if (opts.gold) {
    // A sample that is already an item keeps it (selection may have taken it meanwhile).
    const g = await client.query(
      `with g as (
         insert into item (project_id, sample_id, status, overlap)
         select $1, o.id, 'gold', null
           from ingest_staging s
           join sample o on o.project_id = $1 and o.external_id = s.external_id
          where s.gold_label is not null
         on conflict (sample_id) do nothing
         returning id, sample_id
       )
       insert into gold_answer (item_id, label, source)
       select g.id, s.gold_label, 'import'
         from g join sample o on o.id = g.sample_id join ingest_staging s on s.external_id = o.external_id`,
      [projectId],
    );
    gold = g.rowCount ?? 0;
    lap('goldMs');
  }
  await client.query('truncate ingest_staging');
  state.merges++;
  return { superseded: (deduped.rowCount ?? 0) + changed.superseded, inserted: inserted.rowCount ?? 0, updated: changed.updated, gold };
}
