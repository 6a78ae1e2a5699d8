import { batchEvidence, type ItemEvidence, type SpamModel } from '../src/reliability/batch-evidence';
import { batchTimeLLR } from '../src/reliability/batch-time';

const labels = ['match', 'no_match'];
const model = (over: Partial<SpamModel> = {}): SpamModel => ({
  labels,
  labelShares: { match: 0.5, no_match: 0.5 },
  honestAccuracy: 0.8,
  priorSpam: 0.1,
  ...over,
});
const item = (label: string, over: Partial<ItemEvidence> = {}): ItemEvidence => ({
  label,
  seconds: 5,
  expectedSeconds: 5,
  gold: null,
  peers: null,
  ...over,
});
const sure = (label: string): Record<string, number> => (label === 'match' ? { match: 0.95, no_match: 0.05 } : { match: 0.05, no_match: 0.95 });
/** A plausible honest batch: mixed answers that agree with gold and peers, read at the expected pace. */
const careful = (): ItemEvidence[] =>
  ['match', 'no_match', 'no_match', 'match', 'no_match', 'match', 'match', 'no_match', 'no_match', 'match'].map((l, i) =>
    item(l, { seconds: 4 + (i % 3), expectedSeconds: 5, gold: i === 3 ? l : null, peers: i === 3 ? null : sure(l) }),
  );
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('batchEvidence', () => {
  it('accepts-looking careful work: posterior below the prior, no reasons', () => {
    const e = batchEvidence(careful(), model());
    expect(e.posteriorSpam).toBeLessThan(0.01);
    expect(e.logLikelihoodRatio).toBeLessThan(0);
    expect(e.reasons).toEqual([]);
  });

  it('has components that sum to the LLR, and the posterior is the prior updated by the LLR', () => {
    for (const items of [careful(), careful().map((it) => ({ ...it, seconds: 0.4 })), careful().map((it) => ({ ...it, label: 'match' }))]) {
      const e = batchEvidence(items, model({ priorSpam: 0.2 }));
      const { gold, peers, time, pattern } = e.components;
      expect(gold + peers + time + pattern).toBeCloseTo(e.logLikelihoodRatio, 9);
      expect(e.posteriorSpam).toBeCloseTo(sigmoid(Math.log(0.2 / 0.8) + e.logLikelihoodRatio), 12);
    }
  });

  it('reports the figures of the batch', () => {
    const items = [
      item('match', { seconds: 1, gold: 'match' }),
      item('match', { seconds: 2, gold: 'no_match' }),
      item('no_match', { seconds: 3, peers: { match: 0.2, no_match: 0.8 } }),
      item('match', { seconds: 6, peers: { match: 0.3, no_match: 0.7 } }),
      item('match', { seconds: 8, expectedSeconds: 7 }),
    ];
    expect(batchEvidence(items, model()).figures).toEqual({
      items: 5,
      goldTotal: 2,
      goldCorrect: 1,
      peerItems: 2,
      peerAgreement: 0.5,
      medianSeconds: 3,
      medianExpectedSeconds: 5,
      fastShare: 0.2,
      longestRun: 2,
      alternationShare: 0.5,
      answerShares: { match: 0.8, no_match: 0.2 },
    });
  });

  it('rejects a fast random batch and says how fast, without naming items or answers', () => {
    const items = careful().map((it, i) => ({ ...it, label: i % 3 === 0 ? 'match' : 'no_match', seconds: 0.4 + 0.05 * i, expectedSeconds: 4 }));
    const e = batchEvidence(items, model());
    expect(e.posteriorSpam).toBeGreaterThan(0.999);
    expect(e.components.time).toBeGreaterThan(10);
    expect(e.reasons[0]).toBe('median 0.6 s per pair, reading takes about 4 s');
    expect(e.reasons.join(' ')).not.toMatch(/match|item|#\d/);
  });

  it('gives only the telling reasons: a small instant batch is about time, not about repeated answers', () => {
    const items = ['no_match', 'match', 'match', 'no_match'].map((l, i) => item(l, { seconds: 0.02, expectedSeconds: 4, gold: i === 1 ? 'match' : null }));
    const e = batchEvidence(items, model());
    expect(e.posteriorSpam).toBeGreaterThan(0.99);
    expect(e.reasons).toEqual(['median 0.02 s per pair, reading takes about 4 s']);
  });

  it('explains wrong control answers and disagreement with peers, most telling first', () => {
    const items = careful().map((it) => ({ ...it, label: it.label === 'match' ? 'no_match' : 'match' }));
    items.push(item('no_match', { gold: 'match' }), item('match', { gold: 'no_match' }), item('match', { gold: 'match' }));
    const e = batchEvidence(items, model());
    expect(e.reasons).toEqual(['agreed with other labellers on 0 of 9 pairs', '3 of 4 control answers wrong']);
    expect(e.posteriorSpam).toBeGreaterThan(0.99);
  });

  it('uses the singular for one control answer', () => {
    const items = Array.from({ length: 10 }, (_, i) => item(i % 2 === 0 ? 'match' : 'no_match', { gold: 'no_match', seconds: 0.3 }));
    expect(batchEvidence(items.slice(0, 1), model({ honestAccuracy: 0.99 })).reasons).toContain('1 of 1 control answer wrong');
  });

  it('flags the same answer throughout, at a human pace, when the project is balanced', () => {
    const items = Array.from({ length: 10 }, () => item('match'));
    const e = batchEvidence(items, model());
    expect(e.reasons).toEqual(['the same answer for all 10 pairs']);
    expect(e.posteriorSpam).toBeGreaterThan(0.5);
    expect(e.components.pattern).toBeGreaterThan(3);
  });

  it('does not flag the same answer when the project mostly has that answer', () => {
    const items = Array.from({ length: 10 }, () => item('no_match'));
    const e = batchEvidence(items, model({ labelShares: { match: 0.05, no_match: 0.95 } }));
    expect(e.posteriorSpam).toBeLessThan(0.1);
  });

  it('does not flag the same answer when the peers agree with it', () => {
    // A constant clicker explains such a batch about as well as an honest labeller: no evidence either way.
    const items = Array.from({ length: 10 }, () => item('match', { peers: sure('match') }));
    const e = batchEvidence(items, model());
    expect(e.posteriorSpam).toBeLessThan(0.1);
    expect(e.reasons).toEqual([]);
  });

  it('flags strict alternation', () => {
    const items = Array.from({ length: 10 }, (_, i) => item(i % 2 === 0 ? 'match' : 'no_match'));
    const e = batchEvidence(items, model());
    expect(e.reasons).toEqual(['answers strictly alternated']);
    expect(e.figures.alternationShare).toBe(1);
    expect(e.posteriorSpam).toBeGreaterThan(0.5);
  });

  it('rises with the prior', () => {
    const items = careful().slice(0, 4);
    const low = batchEvidence(items, model({ priorSpam: 0.05 })).posteriorSpam;
    const high = batchEvidence(items, model({ priorSpam: 0.6 })).posteriorSpam;
    expect(high).toBeGreaterThan(low);
    expect(batchEvidence(items, model({ priorSpam: 0 })).posteriorSpam).toBeLessThan(1e-6);
  });

  it('gives a history-based reason when only the prior condemns the batch', () => {
    const e = batchEvidence([item('match')], model({ priorSpam: 0.99 }));
    expect(e.posteriorSpam).toBeGreaterThan(0.5);
    expect(e.reasons).toEqual(['your recent batches, taken together, look like answers given without reading']);
  });

  it('works with three labels and any label names', () => {
    const three = ['__proto__', 'constructor', 'x'];
    const items = Array.from({ length: 6 }, (_, i) => item(three[i % 3]!, { peers: { __proto__: 0.1, constructor: 0.1, x: 0.8 } }));
    const e = batchEvidence(items, { labels: three, labelShares: { x: 1 }, honestAccuracy: 0.8, priorSpam: 0.1 });
    expect(Object.keys(e.figures.answerShares)).toEqual(three);
    expect(e.figures.peerAgreement).toBeCloseTo(2 / 6, 12);
    expect(Number.isFinite(e.logLikelihoodRatio)).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => batchEvidence([], model())).toThrow(RangeError);
    expect(() => batchEvidence([item('maybe')], model())).toThrow(RangeError);
    expect(() => batchEvidence([item('match', { gold: 'maybe' })], model())).toThrow(RangeError);
    expect(() => batchEvidence([item('match', { seconds: -1 })], model())).toThrow(RangeError);
    expect(() => batchEvidence([item('match', { expectedSeconds: 0 })], model())).toThrow(RangeError);
    expect(() => batchEvidence([item('match')], model({ priorSpam: 2 }))).toThrow(RangeError);
  });
});

describe('batchTimeLLR', () => {
  const batch = (ratio: number) => Array.from({ length: 10 }, (_, i) => ({ seconds: ratio * (3 + i), expectedSeconds: 3 + i }));

  it('favours honest reading at the expected pace and fast clicking at a fraction of it', () => {
    expect(batchTimeLLR(batch(1))).toBeLessThan(-5);
    expect(batchTimeLLR(batch(0.15))).toBeGreaterThan(10);
  });

  it('tolerates a labeller who reads twice as fast as assumed (the speed is shared by the batch)', () => {
    expect(batchTimeLLR(batch(0.5))).toBeLessThan(0);
  });

  it('lets one slow answer move a fast batch by at most 1 nat, and one instant answer an honest batch by at most 3', () => {
    const fast = batch(0.1);
    const withPause = [...fast.slice(0, 9), { seconds: 600, expectedSeconds: 12 }];
    expect(batchTimeLLR(fast) - batchTimeLLR(withPause)).toBeLessThanOrEqual(3 + 1 + 1e-9);
    expect(batchTimeLLR(withPause)).toBeGreaterThan(10);
    const honest = batch(1);
    const withGlitch = [...honest.slice(0, 9), { seconds: 0, expectedSeconds: 12 }];
    expect(batchTimeLLR(withGlitch)).toBeLessThan(0);
  });

  it('is 0 for no answers and finite for 0-second answers', () => {
    expect(batchTimeLLR([])).toBe(0);
    expect(Number.isFinite(batchTimeLLR([{ seconds: 0, expectedSeconds: 5 }]))).toBe(true);
  });
});
