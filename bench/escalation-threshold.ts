/**
 * `npm run bench -- escalation-threshold [--items N] [--seeds 1,2,3]`: what escalateBelowPosterior
 * buys. Crowds like `quorum simulate`'s (honest labellers right 70–97 % of the time; or the same
 * with 10 % random clickers that got past the batch scoring) label items 5 times, 10 % of items
 * are gold; the platform's fit (core's reaggregationPlan: Dawid–Skene, gold clamped) decides every
 * other item. Per threshold: the share of items escalated to an expert, the accuracy of the items
 * settled without one, and the errors left in the dataset per 1,000 items, against the old rule
 * (majority vote, escalate below 80 % agreement). No target; it informs the README's default.
 * The last stdout line is the JSON.
 */
import { Command } from 'commander';
import { REAGGREGATE_STATE, reaggregationPlan, rngFromSeed } from '@quorum/core';
import { honest, simulateLabels, spammer, type Confusion } from '../packages/core/test/fixtures/crowd-labels';

const o = new Command()
  .option('--items <n>', 'items per crowd', '3000')
  .option('--labellers <n>', 'crowd size', '40')
  .option('--seeds <list>', 'seeds', '1,2,3,4,5')
  .parse(process.argv)
  .opts<{ items: string; labellers: string; seeds: string }>();

const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99];
type Row = { escalated: number; settledAccuracy: number; errorsPer1000: number };

function crowd(seed: string, n: number, spamShare: number): Confusion[] {
  const rng = rngFromSeed(`${seed}-crowd`);
  return Array.from({ length: n }, (_, w) => (w < Math.round(n * spamShare) ? spammer() : honest(0.7 + 0.27 * rng())));
}

function sweep(seed: string, spamShare: number): { rows: Row[]; oldRule: Row } {
  const nItems = Number(o.items);
  const { crowd: labels, truth } = simulateLabels(rngFromSeed(seed), { nItems, perItem: 5, workers: crowd(seed, Number(o.labellers), spamShare) });
  const gold = new Int32Array(nItems).fill(-1);
  for (let i = 0; i < nItems; i += 10) gold[i] = truth[i]!;
  const state = Uint8Array.from(gold, (g) => (g >= 0 ? REAGGREGATE_STATE.FIT_ONLY : REAGGREGATE_STATE.SETTLED));
  const none = new Int32Array(nItems).fill(-2);
  const stored = { winner: none, outcome: none, method: none, labelCount: none, top: new Float32Array(nItems).fill(Number.NaN), disagreement: new Float32Array(nItems).fill(Number.NaN) };
  const base = { labels, counted: new Uint8Array(labels.item.length).fill(1), gold, state, stored, method: 'dawid-skene' as const };
  const judged = nItems - Math.ceil(nItems / 10);
  const rows = THRESHOLDS.map((t) => {
    const { changes } = reaggregationPlan({ ...base, escalateBelowPosterior: t });
    let escalated = 0;
    let settled = 0;
    let right = 0;
    changes.item.forEach((i, r) => {
      if (changes.escalate[r] === 1) escalated++;
      else {
        settled++;
        if (changes.winner[r] === truth[i]) right++;
      }
    });
    return { escalated: escalated / judged, settledAccuracy: right / settled, errorsPer1000: ((settled - right) / judged) * 1000 };
  });
  // The old rule: the vote's winner, escalated below 80 % agreement.
  let escalated = 0;
  let settled = 0;
  let right = 0;
  const votes = new Int32Array(nItems * 2);
  for (let j = 0; j < labels.item.length; j++) votes[labels.item[j]! * 2 + labels.label[j]!]!++;
  for (let i = 0; i < nItems; i++) {
    if (gold[i]! >= 0) continue;
    const top = votes[2 * i]! >= votes[2 * i + 1]! ? 0 : 1;
    if (votes[2 * i + top]! / 5 < 0.8) escalated++;
    else {
      settled++;
      if (top === truth[i]) right++;
    }
  }
  return { rows, oldRule: { escalated: escalated / judged, settledAccuracy: right / settled, errorsPer1000: ((settled - right) / judged) * 1000 } };
}

function main() {
  const seeds = o.seeds.split(',');
  const mixes = { honest: 0, 'honest + 10 % random': 0.1 };
  const out: Record<string, { thresholds: Record<string, Row>; old_rule: Row }> = {};
  const mean = (rs: Row[]): Row => ({
    escalated: rs.reduce((s, r) => s + r.escalated, 0) / rs.length,
    settledAccuracy: rs.reduce((s, r) => s + r.settledAccuracy, 0) / rs.length,
    errorsPer1000: rs.reduce((s, r) => s + r.errorsPer1000, 0) / rs.length,
  });
  for (const [name, share] of Object.entries(mixes)) {
    const runs = seeds.map((s) => sweep(`${s}-${name}`, share));
    const thresholds = Object.fromEntries(THRESHOLDS.map((t, k) => [String(t), mean(runs.map((r) => r.rows[k]!))]));
    const oldRule = mean(runs.map((r) => r.oldRule));
    out[name] = { thresholds, old_rule: oldRule };
    process.stderr.write(`\n${name} (${seeds.length} seeds × ${o.items} items, 5 labels each, 10 % gold)\nthreshold  escalated  settled accuracy  errors / 1000 items\n`);
    const line = (label: string, r: Row) => process.stderr.write(`${label.padEnd(10)} ${(100 * r.escalated).toFixed(1).padStart(8)} %  ${(100 * r.settledAccuracy).toFixed(2).padStart(14)} %  ${r.errorsPer1000.toFixed(1).padStart(18)}\n`);
    for (const t of THRESHOLDS) line(String(t), thresholds[String(t)]!);
    line('old rule', oldRule);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main();
