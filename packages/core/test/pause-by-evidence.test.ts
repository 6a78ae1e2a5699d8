import { batchesToRetract, likeliestSpamType, pauseByEvidence, type PauseWindowBatch } from '../src/reliability/pause-by-evidence';
import { SPAM_TYPES, type SpamTypeLLRs } from '../src/reliability/spam-types';
import { careers } from './fixtures/careers';

const llrs = (given: Partial<SpamTypeLLRs>): SpamTypeLLRs => Object.fromEntries(SPAM_TYPES.map((t) => [t, given[t] ?? -10])) as SpamTypeLLRs;
const batch = (given: Partial<SpamTypeLLRs>, figures: Partial<PauseWindowBatch> = {}): PauseWindowBatch => ({ spamTypes: llrs(given), goldCorrect: 0, goldTotal: 1, peerItems: 9, peerAgreement: 4 / 9, ...figures });

describe('likeliestSpamType', () => {
  it('weighs each type by its prior and its summed evidence', () => {
    expect(likeliestSpamType([batch({ 'random-human': 1 }), batch({ 'random-human': 1 })])).toBe('random-human');
    // 3 nats of constant evidence beat 3.2 of alternation: alternation's prior is smaller.
    expect(likeliestSpamType([batch({ 'constant-human': 3, 'alternate-human': 3.2 })])).toBe('constant-human');
  });
});

describe('pauseByEvidence', () => {
  const window = [batch({ 'random-human': 1 }), batch({ 'random-human': 1 }), batch({ 'random-human': 1 })];

  it('pauses at or above the threshold, with counts summed over the window and no item named', () => {
    const p = pauseByEvidence(window, 0.85);
    expect(p).toEqual({
      pause: true,
      likelyType: 'random-human',
      reason: "over your last 3 batches, your answers matched other labellers' on 12 of 27 pairs and 0 of 3 control answers were right: about what answers picked at random would give",
    });
    expect(pauseByEvidence(window, 0.8).pause).toBe(true);
    expect(pauseByEvidence(window, 0.79)).toEqual({ pause: false, reason: null, likelyType: null });
  });

  it('needs 3 batches by default: one glaring batch is for the rejection rule', () => {
    expect(pauseByEvidence(window.slice(0, 2), 0.99).pause).toBe(false);
    expect(pauseByEvidence(window.slice(0, 1), 0.99, { minBatches: 1 }).pause).toBe(true);
  });

  it('explains fast and patterned clicking in their own words', () => {
    const fast = [1, 2, 3].map(() => batch({ 'random-fast': 5 }, { peerItems: 0, peerAgreement: null }));
    expect(pauseByEvidence(fast, 0.99).reason).toBe('over your last 3 batches, 0 of 3 control answers were right and most answers came far faster than reading the pair takes: about what answers picked at random would give');
    const constant = [1, 2, 3].map(() => batch({ 'constant-human': 3 }));
    expect(pauseByEvidence(constant, 0.9).reason).toMatch(/the same answer given again and again would give$/);
  });

  it('reads only the prior window (5 batches)', () => {
    const old = Array.from({ length: 4 }, () => batch({}, { peerItems: 100, peerAgreement: 1 }));
    expect(pauseByEvidence([...old, ...window], 0.9).reason).toContain('over your last 5 batches');
  });

  it('refuses thresholds outside (0, 1) and bad minBatches', () => {
    expect(() => pauseByEvidence(window, 0.9, { spamPriorAbove: 1 })).toThrow(RangeError);
    expect(() => pauseByEvidence(window, 0.9, { minBatches: 0 })).toThrow(RangeError);
  });
});

describe('batchesToRetract', () => {
  const at = (nats: number, extra: { accepted?: boolean; overridden?: boolean } = {}) => ({ spamTypes: llrs({ 'random-human': nats }), accepted: true, overridden: false, ...extra });

  it('takes back accepted batches whose own evidence for the window’s type exceeds 1 nat', () => {
    expect(batchesToRetract([at(2.5), at(0.5), at(1.2), at(-1)])).toEqual([0, 2]);
  });

  it('never takes back a rejected batch (already out) or one an engineer accepted by hand', () => {
    expect(batchesToRetract([at(3, { accepted: false }), at(3, { overridden: true }), at(3)])).toEqual([2]);
    expect(batchesToRetract([at(3)], 5)).toEqual([]);
    expect(batchesToRetract([])).toEqual([]);
  });
});

/**
 * Careers (fixtures/careers.ts) with the defaults (decided at 0.5, evidence pause at 0.8): the
 * figures `npm run bench -- reliability-tradeoff` reports, at 150 careers per type.
 */
describe('careers with the evidence pause', () => {
  const rule = { decideAt: 0.5, pauseAbove: 0.8 };

  it('pauses random clickers at a human pace within 12 batches in ≥ 95 % of careers, and sooner than without it', () => {
    const withIt = careers({ kind: 'random-human' }, 150, rule, 'test');
    const without = careers({ kind: 'random-human' }, 150, { ...rule, pauseAbove: null }, 'test');
    expect(withIt.paused).toBeGreaterThanOrEqual(0.95);
    expect(withIt.pausedWithin3).toBeGreaterThan(without.pausedWithin3 + 0.1);
    expect(withIt.kept).toBeLessThan(0.6);
  });

  it('rejects ≤ 2.5 % of the batches of honest labellers at exactly 0.7, taken-back ones included; ≤ 0.5 % at 0.8', () => {
    expect(careers({ kind: 'honest', accuracy: 0.7 }, 150, rule, 'test').rejected).toBeLessThanOrEqual(0.025);
    expect(careers({ kind: 'honest', accuracy: 0.8 }, 150, rule, 'test').rejected).toBeLessThanOrEqual(0.005);
  });

  it('pauses most drifters and labellers who know the controls', () => {
    expect(careers({ kind: 'drifting', accuracy: 0.85, honestBatches: 3 }, 150, rule, 'test').paused).toBeGreaterThanOrEqual(0.85);
    expect(careers({ kind: 'gold-only-good' }, 150, rule, 'test').paused).toBeGreaterThanOrEqual(0.7);
  });
});
