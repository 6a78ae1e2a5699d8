import { crowdAnswer, crowdCounts, crowdMembers, crowdParseMix } from '../src/simulate/crowd';
import { ingestRecords, pairKey, simItems } from '../src/simulate/items';
import { median } from '../src/simulate/summary';

// The simulator's own pieces, without a platform: the crowd and the data follow from the seed.
const LABELS = ['match', 'no_match'] as const;

test('the mix is normalised and split into whole labellers that add up', () => {
  const mix = crowdParseMix('honest=7, random-fast=1,random-human=1,constant=1');
  expect(mix.get('honest')).toBeCloseTo(0.7);
  expect([...crowdCounts(mix, 20).values()]).toEqual([14, 2, 2, 2]);
  expect([...crowdCounts(crowdParseMix('honest=1,weak=1,constant=1'), 10).values()].reduce((a, b) => a + b)).toBe(10);
  expect(() => crowdParseMix('honest=0.5,lazy=0.5')).toThrow(/unknown type 'lazy'/);
  expect(() => crowdParseMix('honest=0')).toThrow(/add up to 0/);
});

test('the same seed gives the same crowd and the same items; pairs are unique', () => {
  const mix = crowdParseMix('honest=0.75,random-fast=0.25');
  expect(crowdMembers(5, mix, 12, LABELS)).toEqual(crowdMembers(5, mix, 12, LABELS));
  expect(crowdMembers(5, mix, 12, LABELS)).not.toEqual(crowdMembers(6, mix, 12, LABELS));
  const items = simItems(5, 400, 0.1, LABELS);
  expect(items).toEqual(simItems(5, 400, 0.1, LABELS));
  expect(items.filter((i) => i.gold)).toHaveLength(40);
  expect(new Set(items.map((i) => pairKey(i.textA, i.textB))).size).toBe(440);
  const matches = items.filter((i) => i.truth === 'match').length / items.length;
  expect(matches).toBeGreaterThan(0.28);
  expect(matches).toBeLessThan(0.42);
  const record = JSON.parse(ingestRecords(items, LABELS, 5)[400]!) as { gold_label: string; prediction: Record<string, number> };
  expect(record.gold_label).toBe(items[400]!.truth);
  expect(record.prediction.match! + record.prediction.no_match!).toBeCloseTo(1, 3);
});

test('each type answers and waits as described', () => {
  const pair = (n: number, gold = false) => ({ externalId: `x-${n}`, chars: 100, truth: n % 3 === 0 ? 'match' : 'no_match', gold });
  const answers = (type: Parameters<typeof crowdAnswer>[1]['type'], done = 0, gold = false) => {
    const m = { index: 1, type, accuracy: 0.9, constantLabel: 'match' };
    return Array.from({ length: 2000 }, (_, n) => ({ ...crowdAnswer(9, m, pair(n, gold), done, LABELS, 1), truth: pair(n).truth }));
  };
  const accuracy = (xs: { label: string; truth: string }[]) => xs.filter((x) => x.label === x.truth).length / xs.length;
  const medianSeconds = (xs: { seconds: number }[]) => median(xs.map((x) => x.seconds))!;
  expect(accuracy(answers('honest'))).toBeCloseTo(0.9, 1);
  expect(medianSeconds(answers('honest'))).toBeCloseTo(6.5, 0); // 1.5 s + 100 chars / 20
  expect(accuracy(answers('random-fast'))).toBeCloseTo(0.5, 1);
  expect(medianSeconds(answers('random-fast'))).toBeLessThan(0.6);
  expect(new Set(answers('constant').map((a) => a.label))).toEqual(new Set(['match']));
  expect(accuracy(answers('gold-only-good', 0, true))).toBe(1);
  expect(accuracy(answers('gold-only-good', 0, false))).toBeCloseTo(0.5, 1);
  expect(accuracy(answers('drifting', 2))).toBeCloseTo(0.9, 1);
  expect(accuracy(answers('drifting', 3))).toBeCloseTo(0.5, 1);
});
