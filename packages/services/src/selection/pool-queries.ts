import { sql } from 'drizzle-orm';
import { pairKey, type SelectionCandidate, type SelectionExisting, type SelectionSkip } from '@quorum/core';
import type { DbOrTx } from '@quorum/db';
import { samplePairKey } from '../ingest/copy-row';
import type { PairHashMemo } from './pair-hash-memo';

/** Items collecting crowd labels: what the open-item budget caps (item_project_status_idx). */
export async function openItemCount(db: DbOrTx, projectId: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from item where project_id = ${projectId} and status = 'labelling'`);
  return r.rows[0]!.n;
}

type KeyRow = { ref: string; pair_key: string | null; text_a: string | null; text_b: string | null };
type PairOpts = { symmetric: boolean };

/** Items whose texts are read in one query. */
const TEXT_CHUNK = 2000;

/** A row's normalised pair (core pairKey), from its texts. */
const pairOf = (r: KeyRow, opts: PairOpts): string => pairKey(r.text_a ?? '', r.text_b ?? '', opts);

/**
 * Every item of the project, in any status (labelling, escalated, settled, excluded, gold — and
 * so everything in a dataset), with its pair key and its pair's hash: a question asked once is
 * never asked again. The hashes come from the caller's memo; texts travel only for keys it does
 * not know (once per key and process), a chunk at a time, hashed and dropped, so a first run over
 * a project with many items does not hold all their texts.
 */
export async function existingItemKeys(db: DbOrTx, projectId: string, opts: PairOpts, memo: PairHashMemo): Promise<SelectionExisting[]> {
  const r = await db.execute<KeyRow>(sql`
    select i.id as ref, s.pair_key,
           case when s.pair_key is null then s.text_a end as text_a,
           case when s.pair_key is null then s.text_b end as text_b
    from item i join sample s on s.id = i.sample_id
    where i.project_id = ${projectId}
    order by i.id`);
  const out: SelectionExisting[] = [];
  const unknown: number[] = [];
  for (const row of r.rows) {
    // Rows from before pair keys are keyed from their texts as ingest keys them (samplePairKey).
    const pair = row.pair_key === null ? pairOf(row, opts) : null;
    const key = row.pair_key ?? samplePairKey(pair!);
    const hash = memo.known(key) ?? (pair !== null ? memo.hash(key, pair) : undefined);
    if (!hash) unknown.push(out.length);
    out.push({ ref: row.ref, pairKey: key, ...(hash ? { hash } : {}) });
  }
  for (let at = 0; at < unknown.length; at += TEXT_CHUNK) {
    const chunk = unknown.slice(at, at + TEXT_CHUNK).map((k) => out[k]!);
    const pairs = await itemPairs(db, chunk.map((e) => e.ref), opts);
    for (const e of chunk) e.hash = memo.hash(e.pairKey, pairs.get(e.ref)!);
  }
  return out;
}

/** The normalised pairs (core pairKey) of these items, by item id, read a chunk at a time. */
export async function itemPairs(db: DbOrTx, refs: readonly string[], opts: PairOpts): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let at = 0; at < refs.length; at += TEXT_CHUNK) {
    const r = await db.execute<{ ref: string; text_a: string; text_b: string }>(sql`
      select i.id as ref, s.text_a, s.text_b from item i join sample s on s.id = i.sample_id
      where i.id = any(${sql.param(refs.slice(at, at + TEXT_CHUNK))}::uuid[])`);
    for (const row of r.rows) out.set(row.ref, pairKey(row.text_a, row.text_b, opts));
  }
  return out;
}

export type PoolCursor = { score: number; sampleId: string };

/**
 * One page of the pool, most uncertain first: a walk down sample_pool_idx, which is why the
 * query says `where pooled` and `order by uncertainty desc nulls last, id` exactly as the index
 * does. The next page starts after the cursor; `uncertainty <= score` lets the walk start there
 * instead of filtering from the top. Candidates carry their texts (normalised): they are new,
 * so their similarity has to be measured.
 */
export async function poolPage(db: DbOrTx, projectId: string, opts: PairOpts, after: PoolCursor | null, limit: number): Promise<SelectionCandidate[]> {
  const from = after
    ? sql`and uncertainty <= ${after.score}::real and (uncertainty < ${after.score}::real or id > ${after.sampleId}::uuid)`
    : sql``;
  const r = await db.execute<KeyRow & { score: number }>(sql`
    select id as ref, uncertainty as score, pair_key, text_a, text_b
    from sample
    where project_id = ${projectId} and pooled ${from}
    order by uncertainty desc nulls last, id
    limit ${limit}`);
  return r.rows.map((row) => {
    const pair = pairOf(row, opts);
    return { sampleId: row.ref, score: Number(row.score), pairKey: row.pair_key ?? samplePairKey(pair), pair };
  });
}

/**
 * Takes the chosen and the skipped samples out of the pool in one set-based update (the skipped
 * with their reason; sample_skipped_not_pooled keeps the two together). Doing it before the items
 * are inserted leaves the item_unpools_sample trigger, which would update the chosen samples one
 * statement per row, nothing to do.
 */
export async function unpoolSamples(db: DbOrTx, chosen: readonly { sampleId: string }[], skipped: readonly SelectionSkip[], now: Date): Promise<number> {
  const ids = [...chosen.map((c) => c.sampleId), ...skipped.map((x) => x.sampleId)];
  if (ids.length === 0) return 0;
  const reasons: (string | null)[] = [...chosen.map(() => null), ...skipped.map((x) => x.reason)];
  const r = await db.execute(sql`
    update sample s set pooled = false, skip_reason = u.reason, updated_at = ${now}
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(reasons)}::text[]) as u(id, reason)
    where s.id = u.id and s.pooled`);
  return r.rowCount ?? 0;
}

/** New items for the chosen samples, recording the strategy and each sample's score. */
export async function insertSelectedItems(
  db: DbOrTx,
  p: { projectId: string; overlap: number; strategy: string; selectedAt: Date },
  chosen: readonly { sampleId: string; score: number }[],
): Promise<number> {
  if (chosen.length === 0) return 0;
  const r = await db.execute(sql`
    insert into item (project_id, sample_id, overlap, status, selection_strategy, selection_score, selected_at)
    select ${p.projectId}, u.sample_id, ${p.overlap}, 'labelling', ${p.strategy}, u.score, ${p.selectedAt}
    from unnest(${sql.param(chosen.map((c) => c.sampleId))}::uuid[], ${sql.param(chosen.map((c) => c.score))}::real[]) as u(sample_id, score)
    on conflict (sample_id) do nothing`);
  return r.rowCount ?? 0;
}
