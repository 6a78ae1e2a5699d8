import { BATCH_DECISION_DEFAULTS, decideBatch } from '../src/reliability/decide-batch';
import { labellerSpamPrior, labellerSpamPriorByType } from '../src/reliability/labeller-prior';
import { pauseDecision } from '../src/reliability/pause';
import { SPAM_TYPES, type SpamTypeLLRs } from '../src/reliability/spam-types';

const decide = (posteriorSpam: number, itemsAwaitingPeers = 0, waitedSeconds = 0) =>
  decideBatch({ posteriorSpam, itemsAwaitingPeers, waitedSeconds }, BATCH_DECISION_DEFAULTS);

describe('decideBatch', () => {
  it('has the documented defaults', () => {
    expect(BATCH_DECISION_DEFAULTS).toEqual({ rejectAbove: 0.9, acceptBelow: 0.3, maxWaitSeconds: 3600 });
  });

  it('rejects at or above rejectAbove and accepts at or below acceptBelow, whatever is pending', () => {
    expect(decide(0.9, 5)).toBe('reject');
    expect(decide(0.999, 5)).toBe('reject');
    expect(decide(0.3, 5)).toBe('accept');
    expect(decide(0, 5)).toBe('accept');
  });

  it('waits inside the band while peers are pending and the bound has not passed', () => {
    expect(decide(0.6, 2, 10)).toBe('wait');
    expect(decide(0.4, 1, 3599)).toBe('wait');
  });

  it('decides at 0.5 when nothing more can come or the wait is over', () => {
    expect(decide(0.6, 0, 0)).toBe('reject');
    expect(decide(0.5, 0, 0)).toBe('reject');
    expect(decide(0.45, 0, 0)).toBe('accept');
    expect(decide(0.6, 3, 3600)).toBe('reject');
    expect(decide(0.4, 3, 7200)).toBe('accept');
  });

  it('rejects bad input', () => {
    expect(() => decide(1.2)).toThrow(RangeError);
    expect(() => decide(Number.NaN)).toThrow(RangeError);
    expect(() =>
      decideBatch({ posteriorSpam: 0.5, itemsAwaitingPeers: 0, waitedSeconds: 0 }, { rejectAbove: 0.4, acceptBelow: 0.3, maxWaitSeconds: 1 }),
    ).toThrow(RangeError);
  });
});

describe('labellerSpamPrior', () => {
  const logit = (p: number) => Math.log(p / (1 - p));
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

  it('starts at the base prior', () => {
    expect(labellerSpamPrior([])).toBeCloseTo(0.1, 12);
    expect(labellerSpamPrior([], { basePrior: 0.2 })).toBeCloseTo(0.2, 12);
  });

  it('adds the last `window` batch LLRs to the log prior odds (Wald SPRT)', () => {
    expect(labellerSpamPrior([1, -0.5])).toBeCloseTo(sigmoid(logit(0.1) + 0.5), 12);
    expect(labellerSpamPrior([100, 1, 1, 1, 1, 1])).toBeCloseTo(sigmoid(logit(0.1) + 5), 12);
    expect(labellerSpamPrior([1, 2, 3], { window: 1 })).toBeCloseTo(sigmoid(logit(0.1) + 3), 12);
  });

  it('clamps to [0.01, 0.99]', () => {
    expect(labellerSpamPrior([50])).toBe(0.99);
    expect(labellerSpamPrior([-50])).toBe(0.01);
  });

  it('catches a labeller who drifts after a long honest history, and lets a reformed one recover', () => {
    const honest = Array.from({ length: 40 }, () => -3);
    const drifted = [...honest, 2, 2, 2, 2, 2];
    expect(labellerSpamPrior(honest)).toBe(0.01);
    expect(labellerSpamPrior(drifted)).toBeGreaterThan(0.9);
    expect(labellerSpamPrior([...drifted, -3, -3, -3, -3, -3])).toBe(0.01);
  });

  it('rejects bad options and NaN', () => {
    expect(() => labellerSpamPrior([], { basePrior: 1 })).toThrow(RangeError);
    expect(() => labellerSpamPrior([], { window: 1.5 })).toThrow(RangeError);
    expect(() => labellerSpamPrior([Number.NaN])).toThrow(RangeError);
  });
});

describe('labellerSpamPriorByType', () => {
  const batch = (llrs: Partial<SpamTypeLLRs>): SpamTypeLLRs =>
    Object.fromEntries(SPAM_TYPES.map((t) => [t, llrs[t] ?? -20])) as SpamTypeLLRs;

  it('starts at the base prior and clamps like labellerSpamPrior', () => {
    expect(labellerSpamPriorByType([])).toBeCloseTo(0.1, 12);
    expect(labellerSpamPriorByType([batch({ 'random-fast': 50 })])).toBe(0.99);
    expect(labellerSpamPriorByType([batch({})])).toBe(0.01);
  });

  it('accumulates consistent modest evidence for one type, where per-batch mixtures do not', () => {
    // Five batches each +1 nat for "random at a human pace": the per-batch mixture LLR is
    // log(0.3 e^1) ≈ −0.2 each time, so the plain SPRT drifts down; fixing the type across the
    // window gives log(0.3) + 5 ≈ +3.8.
    const history = Array.from({ length: 5 }, () => batch({ 'random-human': 1 }));
    const perBatch = history.map((b) => Math.log(0.3 * Math.exp(b['random-human'])));
    expect(labellerSpamPrior(perBatch)).toBeLessThan(0.1);
    expect(labellerSpamPriorByType(history)).toBeGreaterThan(0.75);
  });

  it('does not add up evidence for different types', () => {
    const mixed = [batch({ 'constant-human': 4 }), batch({ 'alternate-human': 4 })];
    const same = [batch({ 'constant-human': 4 }), batch({ 'constant-human': 4 })];
    expect(labellerSpamPriorByType(mixed)).toBeLessThan(labellerSpamPriorByType(same));
  });

  it('only reads the last `window` batches', () => {
    const old = Array.from({ length: 10 }, () => batch({ 'random-human': 3 }));
    const recent = Array.from({ length: 5 }, () => batch({ 'random-human': -3 }));
    expect(labellerSpamPriorByType([...old, ...recent])).toBe(0.01);
  });
});

describe('pauseDecision', () => {
  it('pauses when 2 of the last 3 decided batches were rejected', () => {
    expect(pauseDecision(['accepted', 'rejected', 'accepted', 'rejected'])).toEqual({
      pause: true,
      reason: '2 of your last 3 batches were rejected',
    });
  });

  it('never pauses on a single rejection, nor on older ones', () => {
    expect(pauseDecision(['rejected'])).toEqual({ pause: false, reason: null });
    expect(pauseDecision(['rejected', 'rejected', 'accepted', 'accepted', 'rejected'])).toEqual({ pause: false, reason: null });
    expect(pauseDecision([])).toEqual({ pause: false, reason: null });
  });

  it('counts a short history as it is', () => {
    expect(pauseDecision(['rejected', 'rejected']).reason).toBe('2 of your last 2 batches were rejected');
  });

  it('takes another rule', () => {
    const r = pauseDecision(['rejected', 'accepted', 'rejected', 'accepted', 'rejected'], { rejectedOfLast: [3, 5] });
    expect(r).toEqual({ pause: true, reason: '3 of your last 5 batches were rejected' });
    expect(() => pauseDecision([], { rejectedOfLast: [1, 3] })).toThrow(RangeError);
    expect(() => pauseDecision([], { rejectedOfLast: [4, 3] })).toThrow(RangeError);
  });
});
