import type { Pool, PoolClient } from 'pg';

/**
 * A project's dataset history written set-based through the revision storage, the way merges
 * leave it: `versions` approved versions; each adds `rows / versions` new items, and before
 * that relabels `relabelShare` of the rows then live (closing each revision, opening one with
 * the other label) and removes `removeShare` (closing only). Rows carry what a merge writes:
 * texts of about 80 and 60 characters, the per-label arrays, five votes with their voters'
 * reliability in the provenance (~1 KB), LSH bands. Samples and items exist for the foreign
 * keys, with short texts (the sample trigram index would otherwise dominate the seeding time).
 */
export type DatasetSeed = { projectId: string; engineerId: string; versions: { id: string; number: number; rows: number }[]; revisions: number };
export type DatasetSeedOptions = { rows: number; versions: number; relabelShare: number; removeShare: number; log: (msg: string) => void };

const OPEN = 2147483647;

async function step(client: PoolClient, log: (m: string) => void, what: string, text: string, params: unknown[] = []): Promise<number> {
  const t = performance.now();
  const r = await client.query(text, params);
  log(`  ${what}: ${r.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return r.rowCount ?? 0;
}

/** The row a merge would write for bench item n (columns after project_id, item_id, version_id, valid_from). */
const REVISION = `
  t.sample_id, 'ext-' || lpad(t.n::text, 8, '0'),
  'request ' || t.n || ': ' || md5(t.n::text) || ' ' || left(md5((t.n + 7)::text), 24),
  'offer ' || t.n || ': ' || md5((t.n * 31)::text) || ' ' || left(md5((t.n + 3)::text), 8),
  case when t.n % 5 < 3 then 'match' else 'no_match' end,
  (array['train', 'train', 'train', 'train', 'train', 'train', 'train', 'train', 'dev', 'test'])[1 + t.n % 10],
  case when t.n % 10 = 0 then 'expert' else 'crowd' end, 'merge', 0.8,
  array[0.93, 0.07]::float8[], array[4, 1], 'match', 'm-3', array[0.55, 0.45]::float8[],
  case when t.n % 10 = 0 then 'checked by an expert' end,
  array[t.b1, t.b2]::uuid[],
  jsonb_build_object(
    'votes', (select jsonb_agg(jsonb_build_object('labellerId', t.b1, 'label', case when g < 5 then 'match' else 'no_match' end, 'batchId', t.b2,
               'reliability', jsonb_build_object('accuracy', 0.86, 'low', 0.79, 'high', 0.92, 'evidenceCount', 40, 'computedAt', '2026-05-01T10:00:00.000Z')))
             from generate_series(1, 5) g),
    'posterior', jsonb_build_object('match', 0.93, 'no_match', 0.07),
    'aggregation', jsonb_build_object('method', 'dawid-skene', 'winner', 'match', 'agreement', 0.8, 'disagreement', 0.37),
    'model', jsonb_build_object('label', 'match', 'version', 'm-3', 'probs', jsonb_build_object('match', 0.55, 'no_match', 0.45)),
    'sampleId', t.sample_id, 'batchIds', jsonb_build_array(t.b1, t.b2)),
  array[hashtext(t.n || 'a'), hashtext(t.n || 'b'), hashtext(t.n || 'c'), hashtext(t.n || 'd'), hashtext(t.n || 'e'), hashtext(t.n || 'f'), hashtext(t.n || 'g'), hashtext(t.n || 'h'), hashtext(t.n || 'i')]`;

const COLUMNS = `project_id, item_id, version_id, valid_from, sample_id, external_id, text_a, text_b, label, split, decided_by, origin, agreement,
  posterior, votes, model_label, model_version, model_probs, expert_note, batch_ids, provenance, lsh_bands`;

export async function seedDatasetHistory(pool: Pool, o: DatasetSeedOptions): Promise<DatasetSeed> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const [engineer] = (await client.query<{ id: string }>(`insert into "user" (email, display_name, role, password_hash) values ($1, 'Bench Engineer', 'engineer', 'x') returning id`, [`bench-${Date.now()}@bench.test`])).rows;
    const [p] = (await client.query<{ id: string }>(`insert into project (name, labels) values ('dataset bench', '["match","no_match"]') returning id`)).rows;
    const projectId = p!.id;
    await client.query('insert into project_member (project_id, user_id) values ($1, $2)', [projectId, engineer!.id]);
    await step(client, o.log, 'samples', `insert into sample (project_id, external_id, text_a, text_b, model_label, model_probs, model_version, uncertainty, model_confidence)
      select $1, 'ext-' || lpad(g::text, 8, '0'), 'a', 'b', 'match', '{"match":0.55,"no_match":0.45}', 'm-3', 0.45, 0.55 from generate_series(1, $2) g`, [projectId, o.rows]);
    await step(client, o.log, 'items', `insert into item (project_id, sample_id, status, overlap, final_label, decided_by, settled_at)
      select $1, s.id, 'settled', 5, 'match', 'crowd', now() from sample s where s.project_id = $1`, [projectId]);
    await step(client, o.log, 'numbering', `create temp table t on commit drop as
      select i.id as item_id, i.sample_id, row_number() over (order by s.external_id)::int as n, gen_random_uuid() as b1, gen_random_uuid() as b2
      from item i join sample s on s.id = i.sample_id where i.project_id = $1`, [projectId]);
    await client.query('create index on t (n)');
    const perVersion = Math.ceil(o.rows / o.versions);
    const versions: DatasetSeed['versions'] = [];
    let revisions = 0;
    for (let v = 1; v <= o.versions; v++) {
      const [ver] = (await client.query<{ id: string }>(
        `insert into dataset_version (project_id, number, parent_id, content_hash, row_count, added_count, status, report, settings, decided_by, decided_at)
         values ($1, $2, $3, 'bench', 0, 0, 'approved', '{}', '{"nearDuplicateThreshold":0.9,"symmetricPairs":false}', $4, now()) returning id`,
        [projectId, v, versions.at(-1)?.id ?? null, engineer!.id],
      )).rows;
      if (v > 1) {
        // Relabelled and removed rows: a deterministic pick among the rows live now.
        const relabel = Math.round(o.relabelShare * 10_000);
        const remove = Math.round(o.removeShare * 10_000);
        await client.query(`update dataset_row set valid_to = $2::int where project_id = $1 and valid_to = ${OPEN} and abs(hashtext(item_id::text || $2::int::text)) % 10000 < $3::int`, [projectId, v, relabel + remove]);
        revisions += await client.query(
          `insert into dataset_row (${COLUMNS})
           select r.project_id, r.item_id, $3::uuid, $2::int, r.sample_id, r.external_id, r.text_a, r.text_b, case r.label when 'match' then 'no_match' else 'match' end,
                  r.split, r.decided_by, r.origin, r.agreement, r.posterior, r.votes, r.model_label, r.model_version, r.model_probs, r.expert_note, r.batch_ids,
                  r.provenance, r.lsh_bands
           from dataset_row r where r.project_id = $1 and r.valid_to = $2::int and abs(hashtext(r.item_id::text || $2::int::text)) % 10000 < $4::int`,
          [projectId, v, ver!.id, relabel],
        ).then((r) => r.rowCount ?? 0);
      }
      revisions += await client.query(
        `insert into dataset_row (${COLUMNS}) select $1, t.item_id, $2, $3, ${REVISION} from t where t.n > $4 and t.n <= $5`,
        [projectId, ver!.id, v, (v - 1) * perVersion, Math.min(o.rows, v * perVersion)],
      ).then((r) => r.rowCount ?? 0);
      const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int as n from dataset_row where project_id = $1 and valid_to = ${OPEN}`, [projectId])).rows as [{ n: number }];
      await client.query('update dataset_version set row_count = $2 where id = $1', [ver!.id, n]);
      versions.push({ id: ver!.id, number: v, rows: n });
      if (v % 10 === 0 || v === o.versions) o.log(`  version ${v}: ${n} rows, ${revisions} revisions so far`);
    }
    await client.query('commit');
    await client.query('vacuum analyze dataset_row');
    await client.query('vacuum analyze dataset_version');
    return { projectId, engineerId: engineer!.id, versions, revisions };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Counts per split and label of a version written by the seeder, as the merge would store them. */
export async function seedVersionCounts(pool: Pool, projectId: string, number: number, versionId: string): Promise<void> {
  await pool.query(
    `update dataset_version v set counts = c.counts from (
       select jsonb_object_agg(split, by_label) as counts from (
         select split, jsonb_object_agg(label, n) as by_label from (
           select split, label, count(*)::int as n from dataset_row where project_id = $1 and valid_from <= $2 and valid_to > $2 group by 1, 2) x group by split) y) c
     where v.id = $3`,
    [projectId, number, versionId],
  );
}
