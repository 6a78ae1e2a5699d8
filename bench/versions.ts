/**
 * `npm run bench -- versions [--rows N] [--versions V]`: issue 5's storage target. A project's
 * dataset history of 1,000,000 rows across 50 approved versions (20,000 new rows each; before
 * each, 1 % of the live rows relabelled and 0.2 % removed), seeded set-based through the
 * revision storage (bench/lib/dataset-seed.ts), in a throw-away PostgreSQL. Measures:
 *  - storage: pg_total_relation_size of dataset_row (heap, TOAST, every index) against what a
 *    copy-per-version design would take, estimated as the same bytes per row times the sum of
 *    every version's row count; "ratio" = ours / copy-per-version (lower is better);
 *  - reading one version fully, in item order, streamed out of PostgreSQL with COPY: the export's
 *    columns of the newest (~1,000,000 rows) and of the middle one, and every column of the newest;
 *  - diffing two versions (summary + first page, the API's diff service): adjacent (49 → 50)
 *    and far apart (1 → 50);
 * and prints the plans, so "one index scan" can be checked. The last stdout line is the JSON.
 */
import { Command } from 'commander';
import { to as copyTo } from 'pg-copy-streams';
import { csvColumnsSql, diffDatasetVersion } from '@quorum/services';
import { benchServices } from './lib/platform';
import { seedDatasetHistory } from './lib/dataset-seed';

const o = new Command().option('--rows <n>', 'rows in the newest version', '1000000').option('--versions <n>', 'approved versions', '50').parse(process.argv).opts<{ rows: string; versions: string }>();
const log = (m: string) => process.stderr.write(`${m}\n`);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function main() {
  const s = await benchServices();
  try {
    log(`versions: seeding ${o.rows} rows across ${o.versions} versions…`);
    const t0 = performance.now();
    const seed = await seedDatasetHistory(s.pool, { rows: Number(o.rows), versions: Number(o.versions), relabelShare: 0.01, removeShare: 0.002, log });
    const seedSeconds = (performance.now() - t0) / 1000;
    const size = await s.pool.query<{ total: string; heap: string; indexes: string }>(
      `select pg_total_relation_size('dataset_row') as total, pg_relation_size('dataset_row') as heap, pg_indexes_size('dataset_row') as indexes`,
    );
    const total = Number(size.rows[0]!.total);
    const rowsSum = seed.versions.reduce((n, v) => n + v.rows, 0);
    const copyPerVersion = (total / seed.revisions) * rowsSum;
    log(`storage: ${mb(total)} MB for ${seed.revisions} revisions (heap ${mb(Number(size.rows[0]!.heap))} MB, indexes ${mb(Number(size.rows[0]!.indexes))} MB); copy per version ≈ ${mb(copyPerVersion)} MB for ${rowsSum} row copies`);

    const newest = seed.versions.at(-1)!;
    const middle = seed.versions[Math.floor(seed.versions.length / 2) - 1]!;
    const exportColumns = csvColumnsSql(['match', 'no_match']).replace(/ as "[^"]+"/g, '');
    const read = async (v: { number: number; rows: number }, columns: string) => {
      const client = await s.pool.connect();
      try {
        const t = performance.now();
        const where = `r.project_id = ${client.escapeLiteral(seed.projectId)} and r.valid_from <= ${v.number} and r.valid_to > ${v.number}`;
        const stream = client.query(copyTo(`COPY (select ${columns} from dataset_row r where ${where} order by r.item_id) TO STDOUT`));
        let n = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) for (const byte of chunk) if (byte === 10) n++;
        const seconds = (performance.now() - t) / 1000;
        if (n !== v.rows) throw new Error(`version ${v.number}: read ${n} rows, expected ${v.rows}`);
        log(`read version ${v.number} (${columns === '*' ? 'every column' : "the export's columns"}): ${n} rows in ${seconds.toFixed(2)} s`);
        return seconds;
      } finally {
        client.release();
      }
    };
    const plan = await s.pool.query(`explain select * from dataset_row r where r.project_id = $1 and r.valid_from <= $2 and r.valid_to > $2 order by r.item_id`, [seed.projectId, newest.number]);
    log(`plan (read):\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
    const readNewest = await read(newest, exportColumns);
    const readMiddle = await read(middle, exportColumns);
    // Every column includes the ~1 KB provenance JSON, whose text output is most of the time.
    const readNewestAll = await read(newest, '*');

    const ctx = { db: s.db, jobs: { enqueue: async () => {} }, events: { publish: () => {} }, now: () => new Date(), random: Math.random, log: { info: () => {}, warn: () => {}, error: () => {} } };
    const caller = { id: seed.engineerId, email: 'bench@bench.test', displayName: 'Bench Engineer', role: 'engineer' as const };
    const diff = async (a: { id: string; number: number }, b: { id: string; number: number }) => {
      const t = performance.now();
      const d = await diffDatasetVersion(ctx, caller, b.id, { against: a.id, limit: 50 });
      const seconds = (performance.now() - t) / 1000;
      log(`diff ${a.number} → ${b.number}: ${JSON.stringify(d.summary)} in ${seconds.toFixed(2)} s`);
      return { seconds, summary: d.summary };
    };
    const adjacent = await diff(seed.versions.at(-2)!, newest);
    const far = await diff(seed.versions[0]!, newest);

    const figures = {
      rows: newest.rows,
      versions: seed.versions.length,
      revisions: seed.revisions,
      seedSeconds: Math.round(seedSeconds),
      storageMb: mb(total),
      copyPerVersionMb: mb(copyPerVersion),
      ratio: Math.round((total / copyPerVersion) * 10000) / 10000,
      readNewestSeconds: readNewest,
      readMiddleSeconds: readMiddle,
      readNewestAllColumnsSeconds: readNewestAll,
      readRowsPerSecond: Math.round(newest.rows / readNewest),
      diffAdjacentSeconds: adjacent.seconds,
      diffAdjacent: adjacent.summary,
      diffFarSeconds: far.seconds,
      diffFar: far.summary,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await s.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
