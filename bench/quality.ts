/**
 * `npm run bench -- quality [--datasets DIR] [--gold-share X] [--seeds N]`: label accuracy against
 * gold on real crowd datasets (shared/datasets, see its SOURCES.md; `rte` is held out and never
 * loaded) for majority vote, the weighted vote and Dawid–Skene, and for the last two with a share
 * of the gold (default 10 %) given to them, scored on the other items only and averaged over
 * --seeds random gold draws. It also sweeps Dawid–Skene's shrinkage strength (priorStrength) and
 * its start, which is how DAWID_SKENE_DEFAULTS was chosen.
 * A tie counts as a coin flip (1/number of tied labels), as in the majority-vote errors the
 * literature reports for these datasets. The last stdout line is the JSON; "ratio" = mean
 * Dawid–Skene accuracy / mean majority accuracy over the datasets.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { aggregateLabels, DAWID_SKENE_DEFAULTS, rngFromSeed, rngShuffle, type AggregateLabelsOptions, type AggregateLabelsResult } from '@quorum/core';
import { loadDataset, QUALITY_DATASETS, type CrowdDataset } from './lib/datasets';

const o = new Command()
  .option('--datasets <dir>', 'the datasets folder', path.resolve(__dirname, '../../shared/datasets'))
  .option('--gold-share <x>', 'share of gold items given to the gold variants', '0.1')
  .option('--seeds <n>', 'random gold draws per dataset', '5')
  .option('--strengths <list>', 'priorStrength values to sweep', '0,0.5,1,2,4,8,16,32')
  .parse(process.argv)
  .opts<{ datasets: string; goldShare: string; seeds: string; strengths: string }>();

const round = (x: number) => Number(x.toFixed(4));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Accuracy over the gold items in `scored` (all gold items when omitted); ties as coin flips. */
function accuracy(result: AggregateLabelsResult, truth: Map<string, string>, scored?: Set<string>): number {
  let right = 0;
  let n = 0;
  for (const it of result.items) {
    const t = truth.get(it.item);
    if (t === undefined || (scored !== undefined && !scored.has(it.item))) continue;
    const top = Math.max(...Object.values(it.posterior));
    const tied = Object.keys(it.posterior).filter((l) => it.posterior[l]! >= top * (1 - 1e-9));
    right += tied.includes(t) ? 1 / tied.length : 0;
    n++;
  }
  return right / n;
}

type GoldDraw = { gold: Map<string, string>; scored: Set<string> };

/** --seeds draws of goldShare of the labelled gold items; the rest are scored. */
function goldDraws(d: CrowdDataset, share: number, seeds: number): GoldDraw[] {
  const labelled = [...new Set(d.rows.map((r) => r.item))].filter((i) => d.truth.has(i)).sort();
  return Array.from({ length: seeds }, (_, s) => {
    const order = rngShuffle(rngFromSeed(`${d.name}-gold-${s}`), labelled);
    const k = Math.round(share * order.length);
    return { gold: new Map(order.slice(0, k).map((i) => [i, d.truth.get(i)!])), scored: new Set(order.slice(k)) };
  });
}

function evaluate(d: CrowdDataset, draws: GoldDraw[], strengths: number[]) {
  const run = (opts: AggregateLabelsOptions) => aggregateLabels(d.rows, opts);
  const ds = run({ method: 'dawid-skene' });
  const onDraws = (opts: AggregateLabelsOptions) => round(mean(draws.map((g) => accuracy(run({ ...opts, gold: g.gold }), d.truth, g.scored))));
  const sweep = strengths.map((s) => ({
    strength: s,
    noGold: accuracy(run({ method: 'dawid-skene', dawidSkene: { priorStrength: s } }), d.truth),
    gold: onDraws({ method: 'dawid-skene', dawidSkene: { priorStrength: s } }),
  }));
  return {
    items: ds.items.length,
    workers: ds.workers.length,
    labels: d.rows.length,
    classes: ds.labels.length,
    majority: round(accuracy(run({ method: 'majority' }), d.truth)),
    weighted: round(accuracy(run({ method: 'weighted' }), d.truth)),
    dawid_skene: round(accuracy(ds, d.truth)),
    dawid_skene_iterations: ds.iterations,
    dawid_skene_weighted_start: round(accuracy(run({ method: 'dawid-skene', dawidSkene: { init: 'weighted' } }), d.truth)),
    // Scored on the items whose gold was withheld, mean over the draws.
    heldout: {
      majority: round(mean(draws.map((g) => accuracy(run({ method: 'majority' }), d.truth, g.scored)))),
      dawid_skene: round(mean(draws.map((g) => accuracy(ds, d.truth, g.scored)))),
      weighted_gold: onDraws({ method: 'weighted' }),
      dawid_skene_gold: onDraws({ method: 'dawid-skene' }),
      dawid_skene_gold_weighted_start: onDraws({ method: 'dawid-skene', dawidSkene: { init: 'weighted' } }),
    },
    sweep,
  };
}

function main() {
  const dir = path.resolve(o.datasets);
  if (!existsSync(dir)) {
    process.stderr.write(`quality: no datasets folder at ${dir} (pass --datasets DIR); skipped\n`);
    process.stdout.write(`${JSON.stringify({ skipped: `no datasets folder at ${dir}` })}\n`);
    return;
  }
  const share = Number(o.goldShare);
  const seeds = Math.max(1, Number(o.seeds));
  const strengths = o.strengths.split(',').map(Number);
  const results: Record<string, ReturnType<typeof evaluate>> = {};
  for (const name of QUALITY_DATASETS) {
    if (!existsSync(path.join(dir, name))) {
      process.stderr.write(`quality: ${name} missing, skipped\n`);
      continue;
    }
    const started = performance.now();
    const d = loadDataset(dir, name);
    const r = (results[name] = evaluate(d, goldDraws(d, share, seeds), strengths));
    process.stderr.write(
      `quality: ${name.padEnd(8)} ${String(r.items).padStart(5)} items ${String(r.labels).padStart(6)} labels | majority ${r.majority.toFixed(4)} weighted ${r.weighted.toFixed(4)} dawid-skene ${r.dawid_skene.toFixed(4)}` +
        ` | held out, ${share * 100}% gold: majority ${r.heldout.majority.toFixed(4)} dawid-skene ${r.heldout.dawid_skene.toFixed(4)} weighted+gold ${r.heldout.weighted_gold.toFixed(4)} dawid-skene+gold ${r.heldout.dawid_skene_gold.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
  }
  const names = Object.keys(results);
  if (names.length === 0) {
    process.stdout.write(`${JSON.stringify({ skipped: `no dataset found in ${dir}` })}\n`);
    return;
  }
  process.stderr.write(`\nquality: priorStrength sweep (Dawid–Skene accuracy, no gold / ${share * 100}% gold)\n  strength ${names.map((n) => n.padStart(15)).join('')}        mean\n`);
  const tuning = strengths.map((s, k) => {
    const noGold = names.map((n) => results[n]!.sweep[k]!.noGold);
    const gold = names.map((n) => results[n]!.sweep[k]!.gold);
    process.stderr.write(`  ${String(s).padStart(8)} ${noGold.map((a, j) => `${a.toFixed(3)}/${gold[j]!.toFixed(3)}`.padStart(15)).join('')} ${mean(noGold).toFixed(4)}/${mean(gold).toFixed(4)}\n`);
    return { strength: s, no_gold_mean: round(mean(noGold)), gold_mean: round(mean(gold)) };
  });
  const datasets = Object.fromEntries(names.map((n) => [n, { ...results[n]!, sweep: results[n]!.sweep.map((p) => ({ strength: p.strength, no_gold: round(p.noGold), gold: p.gold })) }]));
  const meanOf = (f: (r: ReturnType<typeof evaluate>) => number) => round(mean(names.map((n) => f(results[n]!))));
  process.stdout.write(
    `${JSON.stringify({
      datasets,
      gold_share: share,
      seeds,
      mean: { majority: meanOf((r) => r.majority), weighted: meanOf((r) => r.weighted), dawid_skene: meanOf((r) => r.dawid_skene) },
      ratio: round(meanOf((r) => r.dawid_skene) / meanOf((r) => r.majority)),
      default_prior_strength: DAWID_SKENE_DEFAULTS.priorStrength,
      tuning,
    })}\n`,
  );
}

main();
