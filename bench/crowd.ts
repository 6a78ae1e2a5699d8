/**
 * `npm run bench -- crowd [--items N] [--labellers N] [--seeds 11,12] [--time-scale X]`: issue 3's
 * crowd targets through the real platform. For each seed, `quorum simulate` runs twice against a
 * freshly started API + worker on the same items: a spammer-free crowd, then one with 30 %
 * spammers (random-fast, random-human, constant, gold-only-good, drifting). It reports the
 * settled-label accuracy of both (the target: within 1 point), and per spammer type how many of
 * their batches were rejected and how many of them were paused. The last stdout line is the JSON;
 * "ratio" = settled accuracy with spammers / without.
 */
import { Command } from 'commander';
import { createUser } from '@quorum/services';
import { simulate, type SimulateOptions } from '../apps/cli/src/simulate/run';
import type { SimSummary } from '../apps/cli/src/simulate/summary';
import { benchPlatform } from './lib/platform';

const o = new Command()
  .option('--items <n>', 'items per run', '300')
  .option('--labellers <n>', 'crowd size', '20')
  .option('--seeds <list>', 'seeds, one pair of runs each', '11,12')
  .option('--time-scale <x>', "see quorum simulate's help; ≥ 0.05 keeps the speed evidence honest", '0.05')
  .option('--max-minutes <n>', 'hard stop per run', '15')
  .parse(process.argv)
  .opts<{ items: string; labellers: string; seeds: string; timeScale: string; maxMinutes: string }>();

const CLEAN = 'honest=1';
const SPAMMY = 'honest=0.7,random-fast=0.06,random-human=0.08,constant=0.06,gold-only-good=0.05,drifting=0.05';

async function main() {
  const platform = await benchPlatform({ worker: true, workerConcurrency: 4 });
  try {
    await createUser(platform.db, { email: 'bench@bench.quorum', displayName: 'bench', password: 'bench-password', role: 'engineer' });
    const runs: { seed: number; clean: SimSummary; spammy: SimSummary }[] = [];
    for (const seed of o.seeds.split(',').map(Number)) {
      const base: SimulateOptions = {
        url: platform.baseUrl, email: 'bench@bench.quorum', password: 'bench-password', seed, items: Number(o.items), labellers: Number(o.labellers),
        mix: CLEAN, goldRatio: 0.1, batchSize: 10, overlap: 5, timeScale: Number(o.timeScale), maxMinutes: Number(o.maxMinutes),
      };
      const progress = (tag: string) => (p: { phase: string; done: number; total: number }) => process.stderr.write(`\r[crowd] seed ${seed} ${tag}: ${p.phase} ${p.done}/${p.total}      `);
      const clean = await simulate({ ...base, projectName: `clean-${seed}` }, progress('spammer-free'));
      process.stderr.write(`\n[crowd] seed ${seed} spammer-free: settled accuracy ${clean.accuracy.settled}\n`);
      const spammy = await simulate({ ...base, mix: SPAMMY, projectName: `spammy-${seed}` }, progress('30 % spammers'));
      process.stderr.write(`\n[crowd] seed ${seed} 30 % spammers: settled accuracy ${spammy.accuracy.settled}\n`);
      runs.push({ seed, clean, spammy });
    }
    const mean = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0) / xs.length;
    const clean = mean(runs.map((r) => r.clean.accuracy.settled));
    const spammy = mean(runs.map((r) => r.spammy.accuracy.settled));
    const types: Record<string, { labellers: number; batches_rejected: number; paused: number }> = {};
    for (const r of runs) {
      for (const [t, s] of Object.entries(r.spammy.types)) {
        const acc = (types[t] ??= { labellers: 0, batches_rejected: 0, paused: 0 });
        const sum = s!;
        acc.labellers += sum.labellers;
        acc.paused += sum.paused;
        acc.batches_rejected += sum.batches.rejected / Math.max(1, sum.batches.accepted + sum.batches.rejected + sum.batches.waiting) / runs.length;
      }
    }
    const figures = {
      seeds: runs.map((r) => r.seed),
      items: Number(o.items),
      settled_accuracy: { spammer_free: clean, with_30pct_spammers: spammy, difference_points: Math.round((clean - spammy) * 10_000) / 100 },
      labels_per_settled_item: { spammer_free: mean(runs.map((r) => r.clean.labels_per_settled_item)), with_30pct_spammers: mean(runs.map((r) => r.spammy.labels_per_settled_item)) },
      types,
      runs: runs.map((r) => ({ seed: r.seed, clean: r.clean, spammy: r.spammy })),
      ratio: clean > 0 ? spammy / clean : null,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
