import { type BatchAnswer, scoreBatch } from '../src/reliability/score-batch';
import { asItemId } from '../src/words';

const rule = { minGoldAccuracy: 0.5, minSecondsPerItem: 1.0 };
let n = 0;
const ans = (label: string, seconds: number, goldLabel: string | null = null): BatchAnswer => ({
  itemId: asItemId(`item-${++n}`),
  label,
  seconds,
  goldLabel,
});

describe('scoreBatch', () => {
  it('accepts a careful batch and reports its figures', () => {
    const s = scoreBatch(
      [ans('match', 3), ans('no_match', 5, 'no_match'), ans('match', 4), ans('match', 2, 'no_match')],
      rule,
    );
    expect(s).toEqual({
      decision: 'accept',
      reasons: [],
      figures: { items: 4, goldTotal: 2, goldCorrect: 1, goldAccuracy: 0.5, medianSeconds: 3.5 },
    });
  });

  it('rejects on gold accuracy below the minimum, counting wrong answers without naming items', () => {
    const s = scoreBatch(
      [ans('match', 3, 'no_match'), ans('match', 3, 'no_match'), ans('match', 3, 'match'), ans('match', 3)],
      rule,
    );
    expect(s.decision).toBe('reject');
    expect(s.reasons).toEqual(['2 of 3 control answers wrong']);
    expect(s.figures.goldAccuracy).toBeCloseTo(1 / 3, 12);
    expect(s.reasons.join(' ')).not.toMatch(/item-|no_match/);
  });

  it('uses the singular for a single control answer', () => {
    expect(scoreBatch([ans('a', 3, 'b'), ans('a', 3)], rule).reasons).toEqual(['1 of 1 control answer wrong']);
  });

  it('rejects on a median time below reading time', () => {
    const s = scoreBatch([ans('a', 0.4), ans('a', 0.3), ans('a', 30)], rule);
    expect(s.figures.medianSeconds).toBe(0.4);
    expect(s.reasons).toEqual(['median 0.4 s per pair; reading takes at least 1.0 s']);
  });

  it('gives both reasons when both hold, gold first', () => {
    const s = scoreBatch([ans('a', 0.2, 'b'), ans('a', 0.2, 'b'), ans('a', 0.2)], rule);
    expect(s.decision).toBe('reject');
    expect(s.reasons).toEqual([
      '2 of 2 control answers wrong',
      'median 0.2 s per pair; reading takes at least 1.0 s',
    ]);
  });

  it('accepts exactly at both thresholds (the rule is strictly below)', () => {
    const s = scoreBatch([ans('a', 1, 'a'), ans('a', 1, 'b')], rule);
    expect(s.figures).toMatchObject({ goldAccuracy: 0.5, medianSeconds: 1 });
    expect(s.decision).toBe('accept');
  });

  it('takes the mean of the middle two for an even count', () => {
    expect(scoreBatch([ans('a', 10), ans('a', 1), ans('a', 2), ans('a', 100)], rule).figures.medianSeconds).toBe(6);
  });

  it('has null gold accuracy without gold and then ignores the gold rule', () => {
    const s = scoreBatch([ans('a', 2), ans('b', 2)], { minGoldAccuracy: 1, minSecondsPerItem: 1 });
    expect(s.figures).toMatchObject({ goldTotal: 0, goldCorrect: 0, goldAccuracy: null });
    expect(s.decision).toBe('accept');
  });

  it('never prints a median just under the limit as the limit itself', () => {
    const s = scoreBatch([ans('a', 0.999)], rule);
    expect(s.reasons).toEqual(['median 0.99 s per pair; reading takes at least 1.0 s']);
  });

  it('throws on an empty batch and on bad seconds', () => {
    expect(() => scoreBatch([], rule)).toThrow(RangeError);
    expect(() => scoreBatch([ans('a', -1)], rule)).toThrow(RangeError);
    expect(() => scoreBatch([ans('a', Number.NaN)], rule)).toThrow(RangeError);
  });
});
