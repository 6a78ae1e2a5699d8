/**
 * `npm run bench -- dataset-checks [rows] [parentRows]`: the merge's data checks
 * (checkCandidateRows: invalid values, duplicates, conflicts, MinHash/LSH near-duplicates and
 * leakage, splits, drift) on seeded synthetic rows, default 1,000,000 new rows onto an empty
 * parent. Rows are text pairs from a 5,000-word vocabulary, with 1 % exact copies (after
 * normalisation), 1 % near-copies (one character added), 0.2 % relabelled copies (conflicts)
 * and 0.1 % invalid values planted. Target: a million rows well within a merge job's minute.
 * `ratio` = check time / the time to only normalise and key every row (pairKey), measured in
 * the same run: what the checks cost on top of reading each pair once.
 * The last stdout line is the JSON of the figures.
 */
import { checkCandidateRows, datasetSettingsParse, pairKey, rngFromSeed, type CandidateRow, type ParentRow } from '../packages/core/src/index';

const rows = Number(process.argv[2] ?? 1_000_000);
const parentRows = Number(process.argv[3] ?? 0);
const rng = rngFromSeed('dataset-checks');
const vocabulary = Array.from({ length: 5000 }, (_, i) => ((i + 1) * 2654435761 >>> 0).toString(36).slice(0, 3 + (i % 6)));
const sentence = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(rng() * vocabulary.length)]).join(' ');
const label = () => (rng() < 0.6 ? 'match' : 'no_match');

function synthetic(n: number, prefix: string): CandidateRow[] {
  const out: CandidateRow[] = [];
  for (let i = 0; i < n; i++) {
    const itemId = `${prefix}${String(i).padStart(8, '0')}`;
    const r = rng();
    const src = out.length > 0 ? out[Math.floor(rng() * out.length)]! : null;
    if (src && r < 0.01) {
      out.push({ ...src, itemId, textA: src.textA.toUpperCase() });
    } else if (src && r < 0.02) {
      out.push({ ...src, itemId, textA: `${src.textA}!` });
    } else if (src && r < 0.022) {
      out.push({ ...src, itemId, label: src.label === 'match' ? 'no_match' : 'match' });
    } else if (r < 0.023) {
      out.push({ itemId, textA: ' \u200b ', textB: sentence(6), label: label() });
    } else {
      out.push({ itemId, textA: `${sentence(10)} ${i}`, textB: sentence(7), label: label() });
    }
  }
  return out;
}

process.stderr.write(`generating ${rows} rows and ${parentRows} parent rows…\n`);
const candidates = synthetic(rows, 'n');
const parent: ParentRow[] = synthetic(parentRows, 'p');
const config = { ...datasetSettingsParse({}), labels: ['match', 'no_match'], maxTextLength: 10_000 };

const t0 = performance.now();
let keyed = 0;
for (const row of [...parent, ...candidates]) {
  keyed += pairKey(row.textA, row.textB, { symmetric: false }).length > 0 ? 1 : 0;
}
const baselineSeconds = (performance.now() - t0) / 1000;

const t1 = performance.now();
const { report } = checkCandidateRows(candidates, parent, config);
const seconds = (performance.now() - t1) / 1000;
const heapMb = process.memoryUsage().heapUsed / 1e6;

process.stderr.write(`checkCandidateRows: ${seconds.toFixed(2)} s (${((seconds / Math.max(1, rows + parentRows)) * 1e6).toFixed(1)} µs per row); pairKey only: ${baselineSeconds.toFixed(2)} s; heap ${heapMb.toFixed(0)} MB\n`);
process.stderr.write(`accepted ${report.accepted}, quarantined ${report.quarantined}: ${JSON.stringify(report.findingCounts)}\n`);
process.stdout.write(
  `${JSON.stringify({ rows, parentRows, keyed, seconds, baselineSeconds, ratio: seconds / baselineSeconds, heapMb, accepted: report.accepted, quarantined: report.quarantined, findingCounts: report.findingCounts })}\n`,
);
