import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// `quorum aggregate` as users run it: the real bin script in a child process, on temp files, with
// no server and no database anywhere.
const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'apps/cli/bin/quorum.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-aggregate-'));
// Each run starts node + tsx (~1.5 s, more on a busy machine); some tests start four.
jest.setTimeout(90_000);

type Result = { code: number; stdout: string; stderr: string };

async function quorum(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

// Eight gold items show worker "good" right and workers "bad1"/"bad2" wrong every time; on item
// "x" good says yes and both bad workers say no. Majority follows the count, the reliability-aware
// methods follow good.
const crowd: [string, string, string][] = [];
const goldRows: [string, string][] = [];
for (let g = 0; g < 8; g++) {
  const truth = g % 2 === 0 ? 'yes' : 'no';
  const wrong = truth === 'yes' ? 'no' : 'yes';
  goldRows.push([`g${g}`, truth]);
  crowd.push([`g${g}`, 'good', truth], [`g${g}`, 'bad1', wrong], [`g${g}`, 'bad2', wrong]);
}
crowd.push(['x', 'good', 'yes'], ['x', 'bad1', 'no'], ['x', 'bad2', 'no']);
const csv = (header: string, rows: string[][]) => `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
const labelsCsv = file('labels.csv', csv('item,worker,label', crowd));
const goldCsv = file('gold.csv', csv('item,label', goldRows));
const labelsJsonl = file('labels.jsonl', crowd.map(([item, worker, label]) => JSON.stringify({ item, worker, label })).join('\n'));
const goldNdjson = file('gold.ndjson', goldRows.map(([item, label]) => JSON.stringify({ item, label })).join('\r\n'));

test('dawid-skene (the default) with gold follows the worker gold trusts and writes workers', async () => {
  const workers = path.join(dir, 'workers.jsonl');
  const r = await quorum('aggregate', '--labels', labelsCsv, '--gold', goldCsv, '--workers', workers);
  expect(r).toMatchObject({ code: 0 });
  expect(r.stderr).toMatch(/9 items, 3 workers, dawid-skene, converged after \d+ iterations/);
  const items = jsonLines(r.stdout);
  expect(items.map((it) => it.item)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'x']);
  expect(Object.keys(items[0]!)).toEqual(['item', 'label', 'posterior', 'disagreement']);
  expect(items[0]).toEqual({ item: 'g0', label: 'yes', posterior: { no: 0, yes: 1 }, disagreement: 0 });
  const x = items[8] as { label: string; posterior: Record<string, number>; disagreement: number };
  expect(x.label).toBe('yes');
  expect(x.posterior.yes! + x.posterior.no!).toBeCloseTo(1, 12);
  expect(x.disagreement).toBeGreaterThanOrEqual(0);
  expect(x.disagreement).toBeLessThan(1);
  const w = jsonLines(readFileSync(workers, 'utf8'));
  expect(w.map((r) => [r.worker, r.labels])).toEqual([['bad1', 9], ['bad2', 9], ['good', 9]]);
  expect(w[2]!.accuracy).toBeGreaterThan(0.8);
  expect(w[0]!.accuracy).toBeLessThan(0.3);
});

test('the methods differ where they should, and JSONL input gives the same output as CSV', async () => {
  const [majority, weighted, weightedCsv, noGold] = await Promise.all([
    quorum('aggregate', '--labels', labelsCsv, '--gold', goldCsv, '--method', 'majority'),
    quorum('aggregate', '--labels', labelsJsonl, '--gold', goldNdjson, '--method', 'weighted'),
    quorum('aggregate', '--labels', labelsCsv, '--gold', goldCsv, '--method', 'weighted'),
    quorum('aggregate', '--labels', labelsJsonl),
  ]);
  expect([majority.code, weighted.code, weightedCsv.code, noGold.code]).toEqual([0, 0, 0, 0]);
  expect(jsonLines(majority.stdout)[8]).toEqual({ item: 'x', label: 'no', posterior: { no: 2 / 3, yes: 1 / 3 }, disagreement: expect.closeTo(0.9183, 4) });
  expect(jsonLines(weighted.stdout)[8]).toMatchObject({ item: 'x', label: 'yes' });
  expect(weighted.stdout).toBe(weightedCsv.stdout);
  // Without gold, the majority of the labels decides what "reliable" means.
  expect(jsonLines(noGold.stdout).find((it) => it.item === 'g0')).toMatchObject({ label: 'no' });
});

test('quoted CSV fields, any column order, blank lines and numeric JSON values', async () => {
  const quoted = file('quoted.csv', '\uFEFFlabel,item,worker\n"a, b","pair ""1""",w1\n\n"a, b","pair ""1""",w2\nc,"multi\nline",w1\n');
  const numeric = file('numeric.jsonl', '{"item": 1, "worker": 7, "label": 0}\n{"item": 1, "worker": 8, "label": 0}\n');
  const [r, n] = await Promise.all([quorum('aggregate', '--labels', quoted, '--method', 'majority'), quorum('aggregate', '--labels', numeric)]);
  expect(r.code).toBe(0);
  expect(jsonLines(r.stdout).map((it) => [it.item, it.label])).toEqual([
    ['multi\nline', 'c'],
    ['pair "1"', 'a, b'],
  ]);
  expect(jsonLines(n.stdout)).toEqual([{ item: '1', label: '0', posterior: { 0: 1 }, disagreement: 0 }]);
});

test('bad CSV rows are all reported with their line numbers, exit 2, nothing on stdout', async () => {
  const bad = file('bad.csv', 'item,worker,label\na,w1,yes\na,,yes\na,w1,no\nb,w2,x"y\nc,w3\n"d,w4,yes\n');
  const r = await quorum('aggregate', '--labels', bad);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain('5 bad rows, nothing aggregated');
  expect(r.stderr).toContain('bad.csv line 3: missing worker');
  expect(r.stderr).toContain("bad.csv line 4: worker 'w1' already labelled item 'a' on line 2");
  expect(r.stderr).toContain('bad.csv line 5: a quote inside unquoted field 3');
  expect(r.stderr).toContain('bad.csv line 6: expected 3 fields, got 2');
  expect(r.stderr).toContain('bad.csv line 7: a quoted field is never closed');
});

test('a wrong header and bad JSON lines exit 2 with line numbers', async () => {
  const json = file('bad.ndjson', '{"item":"a","worker":"w","label":"yes"}\n{"item":"a"\n[1]\n{"item":"b","worker":"w"}\n{"item":"b","worker":"w","label":true}\n');
  const [header, j] = await Promise.all([quorum('aggregate', '--labels', file('header.csv', 'item,labeller,label\na,w1,yes\n')), quorum('aggregate', '--labels', json)]);
  expect(header).toMatchObject({ code: 2, stdout: '' });
  expect(header.stderr).toContain('header.csv line 1: header must be item,worker,label (in any order), got item,labeller,label');
  expect(j).toMatchObject({ code: 2, stdout: '' });
  expect(j.stderr).toMatch(/bad\.ndjson line 2: not valid JSON/);
  expect(j.stderr).toContain('bad.ndjson line 3: expected a JSON object');
  expect(j.stderr).toContain('bad.ndjson line 4: missing label');
  expect(j.stderr).toContain('bad.ndjson line 5: label must be a string');
});

test('bad gold, unknown formats, missing files and unknown methods', async () => {
  const gold = file('bad-gold.csv', 'item,label\ng0,yes\ng0,no\ng1\n');
  const [g, txt, missing, method] = await Promise.all([
    quorum('aggregate', '--labels', labelsCsv, '--gold', gold),
    quorum('aggregate', '--labels', file('labels.txt', 'item,worker,label\n')),
    quorum('aggregate', '--labels', path.join(dir, 'missing.csv')),
    quorum('aggregate', '--labels', labelsCsv, '--method', 'median'),
  ]);
  expect(g).toMatchObject({ code: 2, stdout: '' });
  expect(g.stderr).toContain("bad-gold.csv line 3: item 'g0' already has gold on line 2");
  expect(g.stderr).toContain('bad-gold.csv line 4: expected 2 fields, got 1');
  expect(txt.code).toBe(2);
  expect(txt.stderr).toMatch(/unknown format, use \.csv, \.jsonl or \.ndjson/);
  expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read') });
  // Commander's own usage errors keep its exit code 1.
  expect(method).toMatchObject({ code: 1, stderr: expect.stringContaining("argument 'median' is invalid") });
});

test('streams a file of 50,000 labels', async () => {
  // A seeded crowd of 10,000 items × 5 labels from 200 workers, a fifth of them random.
  let s = 7;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['item,worker,label'];
  for (let i = 0; i < 10_000; i++) {
    const truth = rand() < 0.5 ? 'match' : 'no_match';
    const workers = new Set<number>();
    while (workers.size < 5) workers.add(Math.floor(rand() * 200));
    for (const w of workers) {
      const right = w < 160 ? rand() < 0.8 : rand() < 0.5;
      lines.push(`item-${i},w${w},${right ? truth : truth === 'match' ? 'no_match' : 'match'}`);
    }
  }
  const r = await quorum('aggregate', '--labels', file('big.csv', `${lines.join('\n')}\n`));
  expect(r.code).toBe(0);
  expect(r.stdout.trim().split('\n')).toHaveLength(10_000);
});

test('runs as `npx quorum aggregate` from the repository root', async () => {
  const { stdout } = await promisify(execFile)('npx', ['quorum', 'aggregate', '--help'], { cwd: ROOT });
  expect(stdout).toContain('from agreement with the majority of the other labels');
});
