import type { Pool, PoolClient } from 'pg';

/**
 * A project whose pool holds `samples` pooled samples, as ingest leaves them (scored under entropy,
 * keyed by their normalised pair, pooled), plus `items` existing items in a mix of statuses, written
 * set-based (INSERT … SELECT from generate_series) in one transaction, then VACUUM ANALYZE so the
 * planner and the visibility map are as a live database's would be.
 *
 * Texts are lowercase, single-spaced ASCII (so the normalised pair key is textA ␟ textB): one of
 * six openings and of four connectors, seven words from a 100-word vocabulary and a reference
 * token, all chosen by hashes of the row number, so two rows share some phrasing (and LSH
 * buckets) but few 5-character shingles, as posts from one marketplace do. Every 500th row repeats the previous row's pair (an exact duplicate) and the next one
 * the row before that with a word appended (a near-duplicate, shingle Jaccard ≈ 0.92), each scored
 * as its original, so selection meets them wherever in the ranking it looks. Model probabilities are skewed to
 * confident (p = 1 − u⁴ / 2 for a uniform u), as a production model's are; uncertainty is their
 * normalised binary entropy.
 */
export type SelectSeed = { projectId: string; engineerId: string };
export type SelectSeedOptions = { samples: number; items: number; log: (msg: string) => void };

const WORDS = `able acorn admin agent album alpine amber anchor apple arch argue arrow atlas attic autumn badge baker bamboo banner barrel basket beacon berry bicycle blanket
  bottle bracket breeze bridge bronze bucket butter cabin cactus camera candle canvas carpet castle cedar cellar cherry chimney cinder circus clover cobalt
  comet copper cotton crayon cricket crystal cushion dagger daisy delta denim desert diesel dolphin donkey dragon drizzle eagle ember engine falcon feather
  fennel ferry fiddle fossil garden garlic ginger glacier goblet granite gravel hammer harbor hazel helmet hollow honey iris island ivory jacket jasmine
  jungle kettle ladder lantern lemon lizard maple marble meadow mirror`
  .trim()
  .split(/\s+/)
  .slice(0, 100);

async function step(client: PoolClient, log: (m: string) => void, what: string, text: string, params: unknown[] = []): Promise<void> {
  const t = performance.now();
  const r = await client.query(text, params);
  log(`seed: ${what}: ${r.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/** Word k of row g's text (uniform over the vocabulary, fixed per (g, k)). */
const word = (g: string, k: number) => `w[1 + ((hashint4(${g} * 16 + ${k}) & 2147483647) % 100)]`;
/** The row whose text row g takes: itself, or the row before for the planted duplicates. */
const BASE = `case when g % 500 = 1 then g - 1 when g % 500 = 2 then g - 2 else g end`;

export async function seedSelectProject(pool: Pool, o: SelectSeedOptions): Promise<SelectSeed> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const [engineer] = (await client.query<{ id: string }>(`insert into "user" (email, display_name, role, password_hash) values ($1, 'Bench Engineer', 'engineer', 'x') returning id`, [`bench-select-${Date.now()}@bench.test`])).rows;
    // Room for 1,000 per run for many runs: the per-run cap, not the budget, limits each run.
    const [p] = (await client.query<{ id: string }>(`insert into project (name, labels, open_item_budget, select_per_run, selection_strategy) values ('selection bench', '["match","no_match"]', 100000, 1000, 'entropy') returning id`)).rows;
    const projectId = p!.id;
    await client.query('insert into project_member (project_id, user_id) values ($1, $2)', [projectId, engineer!.id]);
    const n = o.samples + o.items;
    await step(
      client,
      o.log,
      'samples',
      `with w as (select $3::text[] as w),
       r0 as (select g, ${BASE} as b from generate_series(1, $2) g),
       -- A copy is scored like its original: the model sees (nearly) the same pair.
       r as (select g, b, (hashint8(b::bigint * 7919) & 2147483647)::float8 / 2147483647 as u from r0),
       t as (
         select r.g, r.u,
           (array['looking for', 'need', 'wanted:', 'can anyone recommend', 'seeking', 'who can help with'])[1 + (hashint4(r.b * 16 + 8) & 2147483647) % 6]
             || ' ' || ${word('r.b', 0)} || ' ' || ${word('r.b', 1)} || ' ' || (array['near', 'for', 'with', 'by'])[1 + (hashint4(r.b * 16 + 9) & 2147483647) % 4]
             || ' ' || ${word('r.b', 2)} || ' ' || ${word('r.b', 3)} || ' ref ' || left(md5(r.b::text), 6)
             || case when r.g % 500 = 2 then ' please' else '' end as a,
           ${word('r.b', 5)} || ' and ' || ${word('r.b', 6)} || ' ' || ${word('r.b', 7)} || ' offered' as b,
           1 - 0.5 * r.u ^ 4 as p
         from r, w
       )
       insert into sample (project_id, external_id, text_a, text_b, model_label, model_probs, model_version, model_confidence, uncertainty, pair_key, content_hash)
       select $1, 'ext-' || lpad(g::text, 8, '0'), a, b, case when g % 3 = 0 then 'no_match' else 'match' end,
              case when g % 3 = 0 then jsonb_build_object('match', 1 - p, 'no_match', p) else jsonb_build_object('match', p, 'no_match', 1 - p) end,
              'm-1', p, (-(p * ln(p)) - case when p < 1 then (1 - p) * ln(1 - p) else 0 end) / ln(2),
              -- As ingest keys a pair (samplePairKey): sha256 of the normalised pair, 22 base64url characters.
              translate(left(encode(sha256(convert_to(a || chr(31) || b, 'UTF8')), 'base64'), 22), '+/', '-_'), md5(g::text)
       from t`,
      [projectId, n, WORDS],
    );
    // The first `items` samples became items long ago: a mix of states, a tenth of them gold.
    await step(
      client,
      o.log,
      'items',
      `insert into item (project_id, sample_id, status, overlap, selection_strategy, selection_score, selected_at)
       select $1, s.id, st, case when st = 'gold' then null else 5 end, case when st = 'gold' then null else 'entropy' end, case when st = 'gold' then null else s.uncertainty end,
              now() - interval '1 day' + (k * interval '1 second')
       from (select s.*, row_number() over (order by s.external_id) as k from sample s where s.project_id = $1 and s.external_id <= $2) s
       cross join lateral (select (array['labelling', 'labelling', 'settled', 'settled', 'settled', 'settled', 'escalated', 'excluded', 'settled', 'gold'])[1 + (k % 10)::int] as st) x`,
      [projectId, `ext-${String(o.items).padStart(8, '0')}`],
    );
    await client.query('commit');
    const t = performance.now();
    await client.query('vacuum analyze sample');
    await client.query('vacuum analyze item');
    o.log(`seed: vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return { projectId, engineerId: engineer!.id };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
