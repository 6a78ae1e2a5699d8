/**
 * `npm run bench -- reliability-tradeoff [careers]`: how well random clickers who keep a human
 * pace can be caught without hurting honest labellers at the project's minimum accuracy, over the
 * decision threshold (a batch is rejected once nothing more can come if P(spam) ≥ decideAt) and
 * the evidence pause threshold (pauseByEvidence's spamPriorAbove; "—" = only "2 of the last 3
 * rejected"), on simulated careers (packages/core/test/fixtures/careers.ts). "kept" = share of a
 * type's answered batches whose labels still count at the end (accepted and not taken back).
 * Prints a Markdown table on stderr; the last stdout line is the JSON of every point.
 */
import { careers, CAREER_BATCHES as BATCHES } from '../packages/core/test/fixtures/careers';

const n = Number(process.argv[2] ?? 300);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
process.stderr.write(`${n} careers of up to ${BATCHES} batches per type\n`);
process.stderr.write('| decideAt | pauseAbove | honest 0.7 rejected | honest 0.7 paused | honest 0.8 rejected | random-human paused ≤ 3 | ≤ 12 | random-human kept | gold-only-good paused | drifting paused | random-fast rejected |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
const points = [];
for (const pauseAbove of [null, 0.9, 0.8, 0.7, 0.6]) {
  for (const decideAt of [0.3, 0.5, 0.7]) {
    const rule = { decideAt, pauseAbove };
    const h70 = careers({ kind: 'honest', accuracy: 0.7 }, n, rule, 'h7');
    const h80 = careers({ kind: 'honest', accuracy: 0.8 }, n, rule, 'h8');
    const rh = careers({ kind: 'random-human' }, n, rule, 'rh');
    const gog = careers({ kind: 'gold-only-good' }, n, rule, 'g');
    const dr = careers({ kind: 'drifting', accuracy: 0.85, honestBatches: 3 }, n, rule, 'd');
    const fast = careers({ kind: 'random-fast' }, Math.ceil(n / 3), rule, 'f');
    points.push({ decideAt, pauseAbove, honest70: h70, honest80: h80, randomHuman: rh, goldOnlyGood: gog, drifting: dr, randomFast: fast });
    process.stderr.write(`| ${decideAt} | ${pauseAbove ?? '—'} | ${pct(h70.rejected)} | ${pct(h70.paused)} | ${pct(h80.rejected)} | ${pct(rh.pausedWithin3)} | ${pct(rh.paused)} | ${pct(rh.kept)} | ${pct(gog.paused)} | ${pct(dr.paused)} | ${pct(fast.rejected)} |\n`);
  }
}
process.stdout.write(`${JSON.stringify({ careers: n, batches: BATCHES, chosen: { decideAt: 0.5, pauseAbove: 0.8, retractAboveNats: 1 }, points })}\n`);
