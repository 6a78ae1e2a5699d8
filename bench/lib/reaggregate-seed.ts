import type { Pool, PoolClient } from 'pg';
import { rngFromSeed } from '@quorum/core';
import { simulateLabels } from '../../packages/core/test/fixtures/crowd-labels';
import { crowdMix } from './crowd-mix';

/**
 * A project as it stands after months of labelling under the old majority-vote rule, written
 * set-based (unnest of the simulated arrays into temp tables, then INSERT … SELECT) in one
 * transaction: `items` items × `perItem` accepted labels from `labellers` labellers
 * (bench/lib/crowd-mix.ts, seeded, with a hidden ground truth) in accepted batches of 10; gold
 * items each answered by `goldPerItem` labellers; every item settled (4–1, 5–0) or escalated
 * (3–2) by the vote, with its aggregate; every 10th escalation settled by an expert (the label
 * became gold), every 10th + 1 claimed by one right now; 30 % of the crowd's settled items in an
 * approved dataset version.
 *
 * Every row satisfies the schema's constraints. The one trigger, assignment_live_count, would
 * update an item row per assignment (a million updates and as many dead tuples); it is disabled
 * while the assignments are written, and the counter it keeps (live_assignments: all `perItem`
 * accepted, none on gold items) is written with the items instead.
 */
export type ReaggregateSeed = { projectId: string; truth: Int32Array; labels: number; goldLabels: number; items: number };

export type ReaggregateSeedOptions = { items: number; perItem: number; labellers: number; goldItems: number; goldPerItem: number; seed: string; log: (msg: string) => void };

const LABELS = ['match', 'no_match'];
/** Item states after the old vote, as sent to SQL. */
const SETTLED = 0;
const QUEUED = 1;
const CLAIMED = 2;
const EXPERT = 3;
const GOLD = 4;

export async function seedReaggregateProject(pool: Pool, o: ReaggregateSeedOptions): Promise<ReaggregateSeed> {
  const workers = crowdMix(o.seed, o.labellers);
  const { crowd, truth } = simulateLabels(rngFromSeed(o.seed), { nItems: o.items, perItem: o.perItem, workers });
  const gold = simulateLabels(rngFromSeed(`${o.seed}-gold`), { nItems: o.goldItems, perItem: o.goldPerItem, workers });
  const nAll = o.items + o.goldItems;

  const match = new Int32Array(o.items);
  for (let j = 0; j < crowd.item.length; j++) if (crowd.label[j] === 0) match[crowd.item[j]!]!++;
  const kind = new Int32Array(nAll).fill(GOLD);
  const merged = new Array<boolean>(nAll).fill(false);
  let escalations = 0;
  let settled = 0;
  for (let i = 0; i < o.items; i++) {
    const top = Math.max(match[i]!, o.perItem - match[i]!);
    if (top / o.perItem >= 0.8) {
      kind[i] = SETTLED;
      merged[i] = settled++ % 10 < 3;
    } else {
      const e = escalations++ % 10;
      kind[i] = e === 0 ? EXPERT : e === 1 ? CLAIMED : QUEUED;
    }
  }
  const allTruth = [...truth, ...gold.truth];

  // Labels (crowd, then gold answers) in batches of 10 per labeller, in the order they come.
  const n = crowd.item.length + gold.crowd.item.length;
  const lItem = new Array<number>(n);
  const lWorker = new Array<number>(n);
  const lValue = new Array<number>(n);
  const lBatch = new Array<number>(n);
  const lPosition = new Array<number>(n);
  const lGold = new Array<boolean>(n);
  const batchWorker: number[] = [];
  const current = new Int32Array(o.labellers).fill(-1);
  const answered = new Int32Array(o.labellers);
  for (let j = 0; j < n; j++) {
    const isGold = j >= crowd.item.length;
    const src = isGold ? gold.crowd : crowd;
    const k = isGold ? j - crowd.item.length : j;
    const w = src.worker[k]!;
    const pos = answered[w]!++ % 10;
    if (pos === 0) {
      current[w] = batchWorker.length;
      batchWorker.push(w);
    }
    lItem[j] = isGold ? o.items + src.item[k]! : src.item[k]!;
    lWorker[j] = w;
    lValue[j] = src.label[k]!;
    lBatch[j] = current[w]!;
    lPosition[j] = pos;
    lGold[j] = isGold;
  }

  const client = await pool.connect();
  try {
    await client.query('begin');
    const step = async (what: string, text: string, values: unknown[] = []) => {
      const t = performance.now();
      await client.query(text, values);
      o.log(`seed: ${what} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    };
    const projectId = await writeProject(client);
    const p = `'${projectId}'::uuid`;
    await step(
      'temp tables',
      `create temp table t_worker on commit drop as select g as w, gen_random_uuid() as id from generate_series(0, ${o.labellers - 1}) g;
       create temp table t_item (u int primary key, kind int, merged bool, truth int, matches int, id uuid default gen_random_uuid(), sample_id uuid default gen_random_uuid()) on commit drop;
       create temp table t_batch (b int primary key, w int, id uuid default gen_random_uuid()) on commit drop;
       create temp table t_label (u int, w int, v int, b int, pos int, is_gold bool, aid uuid default gen_random_uuid()) on commit drop;
       create temp table t_staff on commit drop as select gen_random_uuid() as expert, gen_random_uuid() as engineer;`,
    );
    await client.query(`insert into t_item (u, kind, merged, truth, matches) select * from unnest($1::int[], $2::int[], $3::bool[], $4::int[], $5::int[])`, [
      Array.from({ length: nAll }, (_, u) => u),
      Array.from(kind),
      merged,
      allTruth,
      Array.from({ length: nAll }, (_, u) => (u < o.items ? match[u]! : 0)),
    ]);
    await client.query(`insert into t_batch (b, w) select * from unnest($1::int[], $2::int[])`, [batchWorker.map((_, b) => b), batchWorker]);
    await client.query(`insert into t_label (u, w, v, b, pos, is_gold) select * from unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::bool[])`, [lItem, lWorker, lValue, lBatch, lPosition, lGold]);
    await step(
      'users',
      `insert into "user" (id, email, display_name, password_hash, role)
         select id, 'bench-labeller-' || w || '@bench.quorum', 'Labeller ' || w, 'x', 'labeller' from t_worker
         union all select expert, 'bench-expert@bench.quorum', 'Expert', 'x', 'expert' from t_staff
         union all select engineer, 'bench-engineer@bench.quorum', 'Engineer', 'x', 'engineer' from t_staff;
       insert into project_member (project_id, user_id) select ${p}, id from t_worker union all select ${p}, expert from t_staff union all select ${p}, engineer from t_staff;`,
    );
    const probs = JSON.stringify({ match: 0.55, no_match: 0.45 });
    await step(
      'samples',
      `insert into sample (id, project_id, external_id, text_a, text_b, model_label, model_probs, model_version, uncertainty, model_confidence)
         select sample_id, ${p}, 'bench-' || u, 'I am looking for help with errand ' || u, 'I can run errand ' || u, 'match', '${probs}', 'bench', 0.45, 0.55 from t_item`,
    );
    // Labels: item u's winner under the old vote is 'match' when it has the majority of matches.
    const winner = `(case when t.matches * 2 > ${o.perItem} then 'match' else 'no_match' end)`;
    const truthLabel = `(case when t.truth = 0 then 'match' else 'no_match' end)`;
    await step(
      'items, gold answers',
      `insert into item (id, project_id, sample_id, status, overlap, live_assignments, final_label, decided_by, settled_at, selected_at)
         select t.id, ${p}, t.sample_id,
                case t.kind when ${SETTLED} then 'settled' when ${EXPERT} then 'settled' when ${GOLD} then 'gold' else 'escalated' end,
                case when t.kind = ${GOLD} then null else ${o.perItem} end,
                case when t.kind = ${GOLD} then 0 else ${o.perItem} end,
                case t.kind when ${SETTLED} then ${winner} when ${EXPERT} then ${truthLabel} end,
                case t.kind when ${SETTLED} then 'crowd' when ${EXPERT} then 'expert' end,
                case when t.kind in (${SETTLED}, ${EXPERT}) then now() - interval '1 day' end,
                now() - interval '3 days'
         from t_item t;
       insert into gold_answer (item_id, label, source, created_at)
         select t.id, ${truthLabel}, case when t.kind = ${GOLD} then 'import' else 'expert' end, now() - interval '1 day' from t_item t where t.kind in (${GOLD}, ${EXPERT});`,
    );
    await step(
      'batches',
      `insert into batch (id, project_id, labeller_id, status, created_at, expires_at, submitted_at, decided_at, reasons)
         select b.id, ${p}, w.id, 'accepted', now() - interval '3 days', now() - interval '3 days' + interval '15 minutes',
                now() - interval '3 days' + interval '10 minutes', now() - interval '2 days' + b.b * interval '1 millisecond', '[]'::jsonb
         from t_batch b join t_worker w on w.w = b.w`,
    );
    await step(
      'assignments',
      `alter table assignment disable trigger assignment_live_count;
       insert into assignment (id, batch_id, item_id, labeller_id, position, status, is_gold, created_at)
         select l.aid, b.id, t.id, w.id, l.pos, 'accepted', l.is_gold, now() - interval '3 days'
         from t_label l join t_batch b on b.b = l.b join t_item t on t.u = l.u join t_worker w on w.w = l.w;
       alter table assignment enable trigger assignment_live_count;`,
    );
    await step(
      'labels',
      `insert into label (assignment_id, batch_id, item_id, labeller_id, value, seconds, created_at, answered_at)
         select l.aid, b.id, t.id, w.id, case when l.v = 0 then 'match' else 'no_match' end, 6, now() - interval '3 days', now() - interval '3 days'
         from t_label l join t_batch b on b.b = l.b join t_item t on t.u = l.u join t_worker w on w.w = l.w`,
    );
    const share = (x: string) => `(${x})::float8 / ${o.perItem}`;
    const entropy = `(case when t.matches in (0, ${o.perItem}) then 0 else -(${share('t.matches')} * ln(${share('t.matches')}) + ${share(`${o.perItem} - t.matches`)} * ln(${share(`${o.perItem} - t.matches`)})) / ln(2) end)`;
    await step(
      'aggregates, reviews',
      `insert into aggregate (item_id, method, posterior, top_posterior, votes, winner, agreement, disagreement, vote_entropy, label_count, outcome, computed_at)
         select t.id, 'majority',
                jsonb_build_object('match', ${share('t.matches')}, 'no_match', ${share(`${o.perItem} - t.matches`)}),
                greatest(${share('t.matches')}, ${share(`${o.perItem} - t.matches`)}),
                jsonb_build_object('match', t.matches, 'no_match', ${o.perItem} - t.matches),
                ${winner}, greatest(t.matches, ${o.perItem} - t.matches)::float8 / ${o.perItem}, ${entropy}, ${entropy}, ${o.perItem},
                case when t.kind = ${SETTLED} then 'settled' else 'escalated' end, now() - interval '2 days'
         from t_item t where t.kind <> ${GOLD};
       insert into review (project_id, item_id, status, claimed_by, claim_expires_at, settled_by, settled_at, decision, label, crowd_label, created_at)
         select ${p}, t.id,
                case t.kind when ${QUEUED} then 'queued' when ${CLAIMED} then 'claimed' else 'settled' end,
                case when t.kind = ${CLAIMED} then s.expert end,
                case when t.kind = ${CLAIMED} then now() + interval '1 hour' end,
                case when t.kind = ${EXPERT} then s.expert end,
                case when t.kind = ${EXPERT} then now() - interval '1 day' end,
                case when t.kind = ${EXPERT} then 'label' end,
                case when t.kind = ${EXPERT} then ${truthLabel} end,
                case when t.kind = ${EXPERT} then ${winner} end,
                now() - interval '2 days'
         from t_item t cross join t_staff s where t.kind in (${QUEUED}, ${CLAIMED}, ${EXPERT});`,
    );
    await step(
      'dataset version',
      `with v as (
         insert into dataset_version (project_id, number, content_hash, row_count, added_count, status, report, decided_by, decided_at)
         select ${p}, 1, 'bench', (select count(*) from t_item where merged), (select count(*) from t_item where merged), 'approved', '{}'::jsonb, engineer, now() - interval '1 day' from t_staff
         returning id)
       insert into dataset_row (version_id, project_id, valid_from, item_id, sample_id, external_id, text_a, text_b, label, decided_by, provenance)
         select v.id, ${p}, 1, t.id, t.sample_id, 'bench-' || t.u, 'I am looking for help with errand ' || t.u, 'I can run errand ' || t.u, ${winner}, 'crowd', '{}'::jsonb
         from t_item t cross join v where t.merged`,
    );
    await client.query('commit');
    await step('vacuum analyze', 'vacuum analyze');
    return { projectId, truth, labels: crowd.item.length, goldLabels: gold.crowd.item.length, items: o.items };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function writeProject(client: PoolClient): Promise<string> {
  const r = await client.query<{ id: string }>(`insert into project (name, labels, overlap, batch_size, gold_ratio) values ('reaggregate bench', $1::jsonb, 5, 10, 0.1) returning id`, [
    JSON.stringify(LABELS),
  ]);
  return r.rows[0]!.id;
}
