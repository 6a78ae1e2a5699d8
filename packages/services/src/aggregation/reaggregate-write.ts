import { sql } from 'drizzle-orm';
import { REAGGREGATE_STATE, type ReaggregationChanges } from '@quorum/core';
import type { Tx } from '@quorum/db';
import { reviewChanged } from '../reviews/claims';
import type { Outbox } from '../context';
import { pgLabelArray, pgNumberArray } from './pg-arrays';

/**
 * Writes a re-aggregation's changes, set-based: a handful of statements whatever the number of
 * items. Runs under the project's re-aggregation and merge locks (see reaggregateProject), so no
 * uncount and no merge moves these items meanwhile; experts still claim and settle, hence the
 * conditions on the review, re-checked by each statement, and SKIP LOCKED: an item or review
 * someone holds right now is left for the next run rather than waited for.
 *   settled → escalated  the item is escalated and queued for review (review:changed 'queued')
 *   escalated → settled  the still-queued review is removed and the crowd's winner becomes the
 *                        item's final label (review:changed 'settled': it left the queue)
 *   settled, new winner  the final label follows
 * Aggregates are rewritten for every changed item except flips that did not happen.
 */
export type ReaggregationWrite = { toEscalated: number; toSettled: number; relabelled: number; aggregates: number };

type Changed = {
  /** Item index → item.num: statements name items by num (item_num_unique), no uuids to format. */
  itemNum: Float64Array;
  changes: ReaggregationChanges;
  state: Uint8Array;
  storedWinner: Int32Array;
  labels: readonly string[];
};

export async function writeReaggregation(tx: Tx, out: Outbox, projectId: string, c: Changed, method: string, now: Date): Promise<ReaggregationWrite> {
  const { changes, labels } = c;
  const numOf = (r: number) => c.itemNum[changes.item[r]!]!;
  const nums = (rs: readonly number[]) => sql`${pgNumberArray(rs.map(numOf))}::int8[]`;
  const rows = Array.from(changes.item, (_, r) => r);
  const winnerOf = (r: number) => (changes.winner[r]! >= 0 ? labels[changes.winner[r]!]! : null);
  const was = (r: number) => c.state[changes.item[r]!];
  const toEscalated = rows.filter((r) => was(r) === REAGGREGATE_STATE.SETTLED && changes.escalate[r] === 1);
  const toSettled = rows.filter((r) => was(r) === REAGGREGATE_STATE.QUEUED && changes.escalate[r] === 0);
  const relabel = rows.filter((r) => was(r) === REAGGREGATE_STATE.SETTLED && changes.escalate[r] === 0 && changes.winner[r] !== c.storedWinner[changes.item[r]!]);

  const escalated = await tx.execute<{ items: string[]; reviews: string[] }>(sql`
    with target as (
      select i.id from item i where i.num = any(${nums(toEscalated)})
        and i.status = 'settled' and i.decided_by = 'crowd'
      for update skip locked
    ), upd as (
      update item i set status = 'escalated', final_label = null, decided_by = null, settled_at = null
      from target where i.id = target.id returning i.id, i.num
    ), ins as (
      insert into review (project_id, item_id, created_at) select ${projectId}, id, ${now} from upd
      on conflict (item_id) do nothing returning id
    )
    select (select coalesce(array_agg(num), '{}') from upd) as items, (select coalesce(array_agg(id), '{}') from ins) as reviews`);
  const settled = await tx.execute<{ items: string[]; reviews: string[] }>(sql`
    with target as (
      select i.id, r.id as review_id, u.winner from item i
      join unnest(${nums(toSettled)}, ${pgLabelArray(toSettled.map(winnerOf))}::text[]) as u(num, winner) on u.num = i.num
      join review r on r.item_id = i.id
      where i.status = 'escalated' and i.decided_by is null and r.status = 'queued'
      for update of i, r skip locked
    ), del as (
      delete from review r using target t where r.id = t.review_id returning r.id
    ), upd as (
      update item i set status = 'settled', final_label = t.winner, decided_by = 'crowd', settled_at = ${now}
      from target t where i.id = t.id returning i.num
    )
    select (select coalesce(array_agg(num), '{}') from upd) as items, (select coalesce(array_agg(id), '{}') from del) as reviews`);
  const relabelled = await tx.execute(sql`
    update item i set final_label = u.winner
    from unnest(${nums(relabel)}, ${pgLabelArray(relabel.map(winnerOf))}::text[]) as u(num, winner)
    where i.num = u.num and i.status = 'settled' and i.decided_by = 'crowd' and i.final_label is distinct from u.winner`);

  // int8 comes back as text; nums stay far below 2⁵³.
  const flipped = new Set([...escalated.rows[0]!.items, ...settled.rows[0]!.items].map(Number));
  const missed = new Set([...toEscalated, ...toSettled].filter((r) => !flipped.has(numOf(r))));
  const write = rows.filter((r) => !missed.has(r));
  const K = labels.length;
  const numbers = (f: (r: number) => number, type: string) => sql`${pgNumberArray(write.map(f))}::${sql.raw(type)}[]`;
  const names = labels.map((_, t) => sql.raw(`p${t}`));
  const voteNames = labels.map((_, t) => sql.raw(`v${t}`));
  const aggregates = await tx.execute(sql`
    update aggregate a set
      method = ${method},
      posterior = jsonb_build_object(${sql.join(labels.map((l, t) => sql`${l}::text, u.${names[t]!}`), sql`, `)}),
      top_posterior = greatest(${sql.join(names.map((n) => sql`u.${n}`), sql`, `)}),
      votes = jsonb_build_object(${sql.join(labels.map((l, t) => sql`${l}::text, u.${voteNames[t]!}`), sql`, `)}),
      winner = u.winner, agreement = u.agreement, disagreement = u.disagreement, vote_entropy = u.vote_entropy,
      label_count = u.label_count, outcome = u.outcome, computed_at = ${now}
    from item i, unnest(
      ${nums(write)},
      ${sql.join(labels.map((_, t) => numbers((r) => changes.posterior[r * K + t]!, 'float8')), sql`, `)},
      ${sql.join(labels.map((_, t) => numbers((r) => changes.votes[r * K + t]!, 'int4')), sql`, `)},
      ${pgLabelArray(write.map(winnerOf))}::text[], ${numbers((r) => changes.agreement[r]!, 'float8')}, ${numbers((r) => changes.disagreement[r]!, 'float8')},
      ${numbers((r) => changes.voteEntropy[r]!, 'float8')}, ${numbers((r) => changes.labelCount[r]!, 'int4')},
      ${pgLabelArray(write.map((r) => (changes.escalate[r] === 1 ? 'escalated' : 'settled')))}::text[]
    ) as u(num, ${sql.join(names, sql`, `)}, ${sql.join(voteNames, sql`, `)}, winner, agreement, disagreement, vote_entropy, label_count, outcome)
    where i.num = u.num and a.item_id = i.id
      -- An item an expert took meanwhile (claimed, or settled since) is theirs.
      and not exists (select 1 from review r where r.item_id = a.item_id and r.status <> 'queued')`);

  for (const id of escalated.rows[0]!.reviews) reviewChanged(out, projectId, id, 'queued');
  for (const id of settled.rows[0]!.reviews) reviewChanged(out, projectId, id, 'settled');
  return { toEscalated: escalated.rows[0]!.items.length, toSettled: settled.rows[0]!.items.length, relabelled: relabelled.rowCount ?? 0, aggregates: aggregates.rowCount ?? 0 };
}
