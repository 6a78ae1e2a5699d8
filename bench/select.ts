/**
 * `npm run bench -- select [--samples N] [--items N] [--runs N]`: issue 6's target. Choosing the
 * top 1,000 of 1,000,000 pooled samples "in well under a second", through the real service
 * (selectItems: advisory lock, budget, the pool's top read down sample_pool_idx in pages, every
 * existing item's pair key hashed for near-duplicate suppression, items inserted and skipped
 * samples marked, one transaction, commit included). The project (bench/lib/select-seed.ts) has
 * 5,000 items already and a per-run cap of 1,000, so every run chooses 1,000 more; the figure is
 * the median over `--runs` runs (the first, on colder caches, is reported apart). Before each run
 * the same choice is made without writing (choose_ms: pages, items' keys, planner), so the
 * report separates choosing from writing 1,000 items and unpooling their samples.
 * Baseline, in the same run on the same rows: the plain query without the partial index,
 * `select … where project_id = $1 and pooled order by uncertainty desc limit 1000` with index
 * scans switched off (a sequential scan and a top-N sort), median of three.
 * "ratio" = service seconds / baseline seconds. Also reported: the pool view (histogram, counts,
 * recent selections) on the same pool, and its histogram alone, right after the runs and after a
 * VACUUM (as autovacuum would leave it). The last stdout line is the JSON.
 */
import { Command } from 'commander';
import type { Pool } from 'pg';
import type { TUser } from '@quorum/contracts';
import { eq } from 'drizzle-orm';
import { project } from '@quorum/db';
import { planSelection, poolHistogram, poolView, selectionRoomOf, selectItems, type ServiceContext } from '@quorum/services';
import { benchServices } from './lib/platform';
import { seedSelectProject } from './lib/select-seed';

const o = new Command()
  .option('--samples <n>', 'pooled samples', '1000000')
  .option('--items <n>', 'items already in the project', '5000')
  .option('--runs <n>', 'selection runs of 1,000', '5')
  .parse(process.argv)
  .opts<{ samples: string; items: string; runs: string }>();

const log = (msg: string) => process.stderr.write(`select: ${msg}\n`);
const round = (x: number, d = 1) => Number(x.toFixed(d));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const TOP = `select id, uncertainty from sample where project_id = $1 and pooled order by uncertainty desc nulls last, id limit 1000`;

/** The baseline: the same top 1,000 with every index scan off, in its own transaction. */
async function baseline(pool: Pool, projectId: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_indexscan = off; set local enable_bitmapscan = off; set local enable_indexonlyscan = off');
    const t = performance.now();
    const r = await client.query(TOP, [projectId]);
    const ms = performance.now() - t;
    await client.query('commit');
    if (r.rowCount !== 1000) throw new Error(`baseline read ${r.rowCount} rows`);
    return ms;
  } finally {
    client.release();
  }
}

async function planOf(pool: Pool, projectId: string): Promise<string> {
  const r = await pool.query<{ 'QUERY PLAN': string }>(`explain ${TOP}`, [projectId]);
  return r.rows.map((x) => x['QUERY PLAN']).join('\n');
}

async function main() {
  const samples = Number(o.samples);
  const items = Number(o.items);
  const runs = Math.max(1, Number(o.runs));
  log('starting PostgreSQL');
  const s = await benchServices();
  try {
    log(`seeding ${samples} pooled samples and ${items} items (a minute or two)`);
    const t0 = performance.now();
    const seeded = await seedSelectProject(s.pool, { samples, items, log });
    log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const ctx: ServiceContext = { db: s.db, jobs: { enqueue: async () => {} }, events: { publish: () => {} }, now: () => new Date(), random: Math.random, log: { info: () => {}, warn: () => {}, error: () => {} } };
    const engineer: TUser = { id: seeded.engineerId, email: 'bench@bench.test', displayName: 'Bench Engineer', role: 'engineer' };

    const plan = await planOf(s.pool, seeded.projectId);
    const usesPoolIndex = plan.includes('sample_pool_idx');
    log(`plan of the pool's top:\n${plan}`);
    const baselines = [await baseline(s.pool, seeded.projectId)];
    log(`baseline (sequential scan + top-N sort): ${baselines[0]!.toFixed(1)} ms`);

    /** Reading and deciding only (no writes): the pool's pages, the items' keys, the planner. */
    const choose = async () => {
      const [p] = await s.db.select().from(project).where(eq(project.id, seeded.projectId));
      const t = performance.now();
      const room = await selectionRoomOf(s.db, p!);
      const plan = await planSelection(s.db, p!, room);
      if (plan.chosen.length !== 1000) throw new Error(`the plan chose ${plan.chosen.length}, not 1000`);
      return performance.now() - t;
    };
    const chooseTimes: number[] = [];
    const times: number[] = [];
    let selected = 0;
    let skipped = 0;
    for (let run = 0; run < runs; run++) {
      chooseTimes.push(await choose());
      const t = performance.now();
      const r = await selectItems(ctx, seeded.projectId);
      const ms = performance.now() - t;
      times.push(ms);
      selected += r.selected;
      skipped += r.skipped.duplicate_pair + r.skipped.near_duplicate;
      log(`run ${run + 1}: ${ms.toFixed(1)} ms (choosing alone: ${chooseTimes[run]!.toFixed(1)} ms), ${r.selected} selected, ${r.skipped.duplicate_pair} duplicate pairs and ${r.skipped.near_duplicate} near-duplicates skipped`);
      if (r.selected !== 1000) throw new Error(`run ${run + 1} selected ${r.selected}, not 1000`);
      if (run === 0 || run === runs - 1) baselines.push(await baseline(s.pool, seeded.projectId));
    }
    const warm = times.length > 1 ? times.slice(1) : times;
    const baselineMs = median(baselines);
    log(`baselines ${baselines.map((b) => b.toFixed(1)).join(', ')} ms`);

    // The pool view right after the runs, and again once (auto)vacuum has caught up: the runs
    // unpooled 1,000 samples each, and until a vacuum the index-only scans of the pool must
    // visit those heap pages to learn which entries are still live.
    const viewTimes = async () => {
      const views: number[] = [];
      const histograms: number[] = [];
      for (let i = 0; i < 3; i++) {
        let t = performance.now();
        await poolHistogram(s.db, seeded.projectId);
        histograms.push(performance.now() - t);
        t = performance.now();
        await poolView(ctx, engineer, seeded.projectId, { page: 1, pageSize: 20 });
        views.push(performance.now() - t);
      }
      return { views, histograms };
    };
    const before = await viewTimes();
    log(`pool histogram: ${before.histograms.map((v) => v.toFixed(1)).join(', ')} ms; whole pool view: ${before.views.map((v) => v.toFixed(1)).join(', ')} ms`);
    await s.pool.query('vacuum sample');
    const after = await viewTimes();
    log(`after vacuum: pool histogram: ${after.histograms.map((v) => v.toFixed(1)).join(', ')} ms; whole pool view: ${after.views.map((v) => v.toFixed(1)).join(', ')} ms`);

    process.stdout.write(
      `${JSON.stringify({
        pooled_samples: samples,
        existing_items: items,
        runs,
        selected,
        skipped,
        select_ms: round(median(warm)),
        choose_ms: round(median(chooseTimes.slice(times.length > 1 ? 1 : 0))),
        first_run_ms: round(times[0]!),
        max_ms: round(Math.max(...times)),
        baseline_ms: round(baselineMs),
        ratio: round(median(warm) / baselineMs, 3),
        target_ms: 1000,
        uses_pool_index: usesPoolIndex,
        histogram_ms: round(median(after.histograms)),
        pool_view_ms: round(median(after.views)),
        histogram_before_vacuum_ms: round(median(before.histograms)),
        pool_view_before_vacuum_ms: round(median(before.views)),
      })}\n`,
    );
  } finally {
    await s.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
