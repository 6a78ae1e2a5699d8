/**
 * `npm run bench -- cockpit [--items N] [--pooled N] [--labellers N] [--runs N]`: issue 7's
 * target, "the page stays fast with 1,000,000 samples and 500 labellers (aggregate in SQL)". A
 * project is seeded as months of labelling leave it (bench/lib/reaggregate-seed.ts: 200,000 items
 * × 5 accepted labels from 500 labellers, 1,000 gold items × 20 answers, settled, escalated and
 * merged items) plus 800,000 samples still in the pool: 1,000,000 samples, 1,020,000 labels. A
 * slice of the batches is moved into the last day so the rates have recent work to count.
 * Then each cockpit panel's service is timed (median of --runs, after one warm-up), as the API
 * calls it.
 * Baseline, in the same run: the existing `stageCounts` (what every `stats:updated` event already
 * computes, inside the transaction that caused it). "ratio" = pipeline panel ÷ stageCounts: the
 * live panel's price against what the platform already pays per change. The other panels are
 * loaded when their tab opens; their times are reported in ms next to it. EXPLAIN (ANALYZE,
 * BUFFERS) of the slowest statements goes to stderr with --explain.
 */
import { Command } from 'commander';
import type { Pool } from 'pg';
import { sql } from 'drizzle-orm';
import type { TUser } from '@quorum/contracts';
import { cockpitCost, cockpitLabellers, cockpitPipeline, cockpitQuality, stageCounts, type ServiceContext } from '@quorum/services';
import { benchServices } from './lib/platform';
import { seedReaggregateProject } from './lib/reaggregate-seed';

const o = new Command()
  .option('--items <n>', 'labelled items', '200000')
  .option('--pooled <n>', 'samples still in the pool', '800000')
  .option('--labellers <n>', 'labellers', '500')
  .option('--runs <n>', 'timed runs per panel (median reported)', '5')
  .option('--explain', 'print EXPLAIN ANALYZE of the panels’ statements to stderr')
  .option('--seed <s>', 'seed of the synthetic crowd', 'cockpit-bench')
  .option('--project <id>', 'time an already seeded project (with BENCH_DATABASE_URL) instead of seeding one')
  .parse(process.argv)
  .opts<{ items: string; pooled: string; labellers: string; runs: string; explain?: boolean; seed: string; project?: string }>();

const log = (msg: string) => process.stderr.write(`cockpit: ${msg}\n`);
const round = (x: number, d = 3) => Number(x.toFixed(d));

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** The project as months of labelling leave it, plus the pool and a day of recent work. */
async function seed(s: Awaited<ReturnType<typeof benchServices>>): Promise<string> {
  log(`seeding ${o.items} items × 5 labels from ${o.labellers} labellers (a few minutes)`);
  const seeded = await seedReaggregateProject(s.pool, { items: Number(o.items), perItem: 5, labellers: Number(o.labellers), goldItems: Math.max(1, Math.round(Number(o.items) / 200)), goldPerItem: 20, seed: o.seed, log });
  const p = seeded.projectId;
  log(`adding ${o.pooled} pooled samples and a day of recent work`);
  await s.db.execute(sql`
    insert into sample (project_id, external_id, text_a, text_b, model_label, model_probs, model_version, uncertainty, model_confidence, pooled, created_at)
    select ${p}, 'pool-' || g, 'I am looking for help with chore ' || g, 'I can do chore ' || g, 'match', '{"match": 0.6, "no_match": 0.4}'::jsonb, 'bench',
           random(), 0.5 + random() / 2, true, now() - random() * interval '2 days'
    from generate_series(1, ${Number(o.pooled)}) g`);
  // One batch in twenty happened in the last day: its lease, its labels and its decision.
  await s.db.execute(sql`
    with recent as (select id, now() - random() * interval '23 hours' as at from batch where project_id = ${p} and random() < 0.05)
    update batch b set created_at = r.at, expires_at = r.at + interval '15 minutes', submitted_at = r.at + interval '10 minutes', decided_at = r.at + interval '11 minutes'
    from recent r where b.id = r.id`);
  await s.db.execute(sql`update label l set answered_at = b.submitted_at - interval '1 minute' from batch b where b.id = l.batch_id and b.project_id = ${p} and b.expires_at > now() - interval '1 day'`);
  await s.db.execute(sql`vacuum analyze`);
  return p;
}

async function main() {
  const runs = Number(o.runs);
  const s = await benchServices();
  try {
    const p = o.project ?? (await seed(s));
    log(`project ${p}`);
    const [counts] = (await s.db.execute<{ samples: number; labels: number; labellers: number }>(sql`
      select (select count(*) from sample)::int as samples, (select count(*) from label)::int as labels,
             (select count(*) from "user" where role = 'labeller')::int as labellers`)).rows;
    log(`project: ${counts!.samples} samples, ${counts!.labels} labels, ${counts!.labellers} labellers`);

    const [eng] = (await s.db.execute<{ id: string }>(sql`select id from "user" where email = 'bench-engineer@bench.quorum'`)).rows;
    const caller: TUser = { id: eng!.id, email: 'bench-engineer@bench.quorum', displayName: 'Engineer', role: 'engineer' };
    const ctx: ServiceContext = { db: s.db, jobs: { enqueue: async () => {} }, events: { publish: () => {} }, now: () => new Date(), random: Math.random, log: { info: () => {}, warn: () => {}, error: () => {} } };
    const page = { sort: 'name', order: 'asc', page: 1, pageSize: 25 } as const;

    const ms: Record<string, number> = {};
    ms.stage_counts = await median(runs, () => stageCounts(s.db, p));
    ms.pipeline = await median(runs, () => cockpitPipeline(ctx, caller, p));
    ms.quality = await median(runs, () => cockpitQuality(ctx, caller, p, { days: 30 }));
    ms.labellers = await median(runs, () => cockpitLabellers(ctx, caller, p, page));
    ms.labellers_by_reliability = await median(runs, () => cockpitLabellers(ctx, caller, p, { ...page, sort: 'reliability', order: 'desc', page: 10 }));
    ms.cost = await median(runs, () => cockpitCost(ctx, caller, p));
    for (const [k, v] of Object.entries(ms)) log(`${k.padEnd(26)} ${v.toFixed(1)} ms`);
    const q = await cockpitQuality(ctx, caller, p, { days: 30 });
    log(`alpha ${q.alpha.alpha?.toFixed(4)} over ${q.alpha.units} items; calibration over ${q.calibration.settled} settled items`);

    if (o.explain) {
      await explain(s.pool, {
        pipeline: () => cockpitPipeline(ctx, caller, p),
        quality: () => cockpitQuality(ctx, caller, p, { days: 30 }),
        labellers: () => cockpitLabellers(ctx, caller, p, { ...page, sort: 'reliability', order: 'desc', page: 10 }),
        cost: () => cockpitCost(ctx, caller, p),
      });
    }
    process.stdout.write(
      `${JSON.stringify({
        samples: counts!.samples,
        labels: counts!.labels,
        labellers: counts!.labellers,
        ...Object.fromEntries(Object.entries(ms).map(([k, v]) => [`${k}_ms`, round(v, 1)])),
        baseline_ms: round(ms.stage_counts!, 1),
        ratio: round(ms.pipeline! / ms.stage_counts!),
        alpha: q.alpha.alpha === null ? null : round(q.alpha.alpha, 4),
      })}\n`,
    );
  } finally {
    await s.stop();
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement a panel sends: the pool's query method is wrapped
 * while the panel runs once, and each captured statement is explained with its parameters.
 */
async function explain(pool: Pool, panels: Record<string, () => Promise<unknown>>): Promise<void> {
  for (const [name, run] of Object.entries(panels)) {
    const captured: { text: string; values: unknown[] }[] = [];
    const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: unknown }).query = (q: unknown, values?: unknown[], ...rest: unknown[]) => {
      const text = typeof q === 'string' ? q : (q as { text: string }).text;
      const vals = values ?? (q as { values?: unknown[] }).values ?? [];
      if (/^\s*(with|select)/i.test(text) && !/from "project"|project_member/.test(text.slice(0, 200))) captured.push({ text, values: vals });
      return original(q, values, ...rest);
    };
    try {
      await run();
    } finally {
      (pool as unknown as { query: unknown }).query = original;
    }
    for (const c of captured) {
      const res = await pool.query(`explain (analyze, buffers) ${c.text}`, c.values);
      log(`EXPLAIN ${name}\n${res.rows.map((r: Record<string, string>) => `  ${r['QUERY PLAN']}`).join('\n')}`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
