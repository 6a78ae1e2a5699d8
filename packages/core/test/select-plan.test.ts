import { pairKey } from '../src/datasets/normalise';
import { minhashJaccard, minhashShingleSet } from '../src/datasets/minhash';
import { nearDuplicateBandHashes } from '../src/datasets/near-duplicates';
import { selectionPageSize, selectionRoom } from '../src/sampling/budget';
import { pairKeyIndexCreate, pairKeyIndexHash } from '../src/sampling/pair-key-index';
import { selectionPlan, selectionPlanFull, selectionPlanOffer, selectionPlanProvide, selectionPlanStart, selectionPlanTextsNeeded, type SelectionCandidate } from '../src/sampling/select-plan';

const ASYM = { symmetric: false };
const opts = (room: number, extra: { nearDuplicateThreshold?: number; symmetricPairs?: boolean } = {}) => ({ room, nearDuplicateThreshold: 0.9, symmetricPairs: false, ...extra });
const cand = (sampleId: string, score: number, a: string, b: string, symmetric = false): SelectionCandidate => ({ sampleId, score, pairKey: pairKey(a, b, { symmetric }), pair: pairKey(a, b, { symmetric }) });
const existingOf = (ref: string, pairOf: [string, string], symmetric = false) => ({ ref, pairKey: pairKey(...pairOf, { symmetric }), pair: pairKey(...pairOf, { symmetric }) });
const jaccard = (x: [string, string], y: [string, string], symmetric = false) =>
  minhashJaccard(minhashShingleSet(pairKey(...x, { symmetric }), symmetric), minhashShingleSet(pairKey(...y, { symmetric }), symmetric));

// Distinct questions, so only the crafted duplicates below can be skipped.
const CAT: [string, string] = ['I want someone to look after my cat while I travel for work', 'I can provide pet sitting and daily dog walking'];
const PLUMBER: [string, string] = ['Looking for a plumber to fix the leaking kitchen tap', 'Licensed plumber, leaks and drains fixed the same day'];
const TUTOR: [string, string] = ['A maths tutor for my daughter, GCSE level, twice a week', 'Qualified teacher offering private lessons in physics'];
const MOVE: [string, string] = ['Two people to help move a sofa and a fridge on Saturday', 'Man with a van: removals, deliveries and house clearances'];
// Reworded copies of CAT: case, spacing and punctuation (normalised away) and a one-word edit.
const CAT_SHOUTED: [string, string] = ['  I WANT someone to look after my cat while I travel for work ', 'I can provide  pet sitting and daily dog walking'];
const CAT_TYPO: [string, string] = ['I want someone to look after my cat while I travel for work!', 'I can provide pet sitting and daily dog walking'];

describe('selection planner: order and room', () => {
  it('takes the highest scores first, ties by sampleId in code-unit order, up to the room', () => {
    const cs = [cand('s-b', 0.5, ...CAT), cand('s-a', 0.5, ...PLUMBER), cand('s-c', 0.9, ...TUTOR), cand('S-z', 0.5, ...MOVE)];
    expect(selectionPlan(cs, [], opts(3)).chosen).toEqual([
      { sampleId: 's-c', score: 0.9 },
      { sampleId: 'S-z', score: 0.5 },
      { sampleId: 's-a', score: 0.5 },
    ]);
    // The input order does not matter.
    expect(selectionPlan([...cs].reverse(), [], opts(3))).toEqual(selectionPlan(cs, [], opts(3)));
  });

  it('chooses nothing with no room, and everything when the room is larger than the pool', () => {
    const cs = [cand('a', 0.9, ...CAT), cand('b', 0.8, ...PLUMBER)];
    expect(selectionPlan(cs, [], opts(0))).toEqual({ chosen: [], skipped: [] });
    expect(selectionPlan(cs, [], opts(10)).chosen.map((c) => c.sampleId)).toEqual(['a', 'b']);
  });

  it('rejects candidates out of selection order, non-finite scores and a bad room', () => {
    const plan = selectionPlanStart([], opts(5));
    selectionPlanOffer(plan, [cand('b', 0.8, ...CAT)]);
    expect(() => selectionPlanOffer(plan, [cand('c', 0.9, ...PLUMBER)])).toThrow(/out of selection order/);
    expect(() => selectionPlanOffer(plan, [cand('a', 0.8, ...PLUMBER)])).toThrow(/out of selection order/);
    expect(() => selectionPlan([cand('x', Number.NaN, ...CAT)], [], opts(1))).toThrow(/not a finite number/);
    expect(() => selectionPlanStart([], opts(1.5))).toThrow(RangeError);
  });

  it('gives the same plan in pages as in one go, and stops taking candidates once full', () => {
    const cs = [cand('a', 0.9, ...CAT), cand('b', 0.8, ...CAT_TYPO), cand('c', 0.7, ...PLUMBER), cand('d', 0.6, ...TUTOR), cand('e', 0.5, ...MOVE)];
    const plan = selectionPlanStart([], opts(3));
    expect(selectionPlanOffer(plan, cs.slice(0, 2))).toBe(2);
    expect(selectionPlanFull(plan)).toBe(false);
    // Only c and d are taken from this page: the plan is full after d, so e stays in the pool.
    expect(selectionPlanOffer(plan, cs.slice(2))).toBe(2);
    expect(selectionPlanFull(plan)).toBe(true);
    expect({ chosen: plan.chosen, skipped: plan.skipped }).toEqual(selectionPlan(cs, [], opts(3)));
    expect(plan.chosen.map((c) => c.sampleId)).toEqual(['a', 'c', 'd']);
  });
});

describe('selection planner: duplicates and near-duplicates', () => {
  it('skips the same normalised pair as an existing item or an earlier chosen candidate (duplicate_pair)', () => {
    const existing = [existingOf('item-1', PLUMBER)];
    const cs = [cand('a', 0.9, ...CAT), cand('b', 0.8, ...CAT_SHOUTED), cand('c', 0.7, 'looking for a PLUMBER to fix the leaking kitchen tap', PLUMBER[1]), cand('d', 0.6, ...TUTOR)];
    const { chosen, skipped } = selectionPlan(cs, existing, opts(10));
    expect(chosen.map((c) => c.sampleId)).toEqual(['a', 'd']);
    expect(skipped).toEqual([
      { sampleId: 'b', score: 0.8, reason: 'duplicate_pair', of: { kind: 'candidate', ref: 'a' }, similarity: 1 },
      { sampleId: 'c', score: 0.7, reason: 'duplicate_pair', of: { kind: 'item', ref: 'item-1' }, similarity: 1 },
    ]);
  });

  it('skips reworded pairs whose shingle Jaccard reaches the threshold (near_duplicate), keeps those below it', () => {
    const similarity = jaccard(CAT, CAT_TYPO);
    expect(similarity).toBeGreaterThanOrEqual(0.9);
    expect(similarity).toBeLessThan(1);
    const existing = [existingOf('item-cat', CAT)];
    const { chosen, skipped } = selectionPlan([cand('a', 0.9, ...CAT_TYPO), cand('b', 0.8, ...PLUMBER)], existing, opts(10));
    expect(chosen.map((c) => c.sampleId)).toEqual(['b']);
    expect(skipped).toEqual([{ sampleId: 'a', score: 0.9, reason: 'near_duplicate', of: { kind: 'item', ref: 'item-cat' }, similarity }]);
    // At a threshold just above their similarity the reworded pair is a different question.
    expect(selectionPlan([cand('a', 0.9, ...CAT_TYPO)], existing, opts(10, { nearDuplicateThreshold: Math.min(1, similarity + 1e-9) })).chosen).toHaveLength(1);
    // Exactly at the threshold counts as a near-duplicate (≥, as in the dataset checks).
    expect(selectionPlan([cand('a', 0.9, ...CAT_TYPO)], existing, opts(10, { nearDuplicateThreshold: similarity })).skipped).toHaveLength(1);
  });

  it('suppresses a cluster of near-identical templated pairs within one run, keeping the most uncertain', () => {
    // The pattern uncertainty sampling falls into: one template, a number changed; the model is
    // equally unsure about all of them.
    const cs = Array.from({ length: 30 }, (_, n) => cand(`t-${String(n).padStart(2, '0')}`, 0.99 - n * 0.001, `Please help me with the weekly garden chores, request ${n + 10}`, `Gardener available for the weekly garden chores, request ${n + 10}`));
    const others = [cand('x-1', 0.5, ...CAT), cand('x-2', 0.4, ...PLUMBER), cand('x-3', 0.3, ...TUTOR)];
    const { chosen, skipped } = selectionPlan([...cs, ...others], [], opts(4));
    expect(chosen.map((c) => c.sampleId)).toEqual(['t-00', 'x-1', 'x-2', 'x-3']);
    expect(skipped).toHaveLength(29);
    expect(new Set(skipped.map((s) => s.reason))).toEqual(new Set(['near_duplicate']));
    expect(skipped.every((s) => s.of.kind === 'candidate' && s.of.ref === 't-00' && s.similarity >= 0.9)).toBe(true);
  });

  it('with symmetricPairs a swapped pair is the same question; without, it is a different one', () => {
    const swapped: [string, string] = [CAT[1], CAT[0]];
    const sym = selectionPlan([cand('a', 0.9, ...CAT, true), cand('b', 0.8, ...swapped, true)], [], opts(10, { symmetricPairs: true }));
    expect(sym.chosen.map((c) => c.sampleId)).toEqual(['a']);
    expect(sym.skipped[0]).toMatchObject({ sampleId: 'b', reason: 'duplicate_pair' });
    const asym = selectionPlan([cand('a', 0.9, ...CAT), cand('b', 0.8, ...swapped)], [], opts(10));
    expect(asym.chosen.map((c) => c.sampleId)).toEqual(['a', 'b']);
    // A swapped and reworded pair is a near-duplicate under symmetric pairs only.
    const swappedTypo: [string, string] = [CAT_TYPO[1], CAT_TYPO[0]];
    const existing = [existingOf('item-cat', CAT, true)];
    expect(selectionPlan([cand('c', 0.7, ...swappedTypo, true)], existing, opts(10, { symmetricPairs: true })).skipped[0]).toMatchObject({ reason: 'near_duplicate', of: { kind: 'item', ref: 'item-cat' } });
    expect(selectionPlan([cand('c', 0.7, ...swappedTypo)], [existingOf('item-cat', CAT)], opts(10)).chosen).toHaveLength(1);
  });

  it('does not let skips eat the room: the next distinct candidates fill it', () => {
    const existing = [existingOf('i', CAT)];
    const cs = [cand('a', 0.9, ...CAT), cand('b', 0.8, ...CAT_SHOUTED), cand('c', 0.7, ...CAT_TYPO), cand('d', 0.6, ...PLUMBER), cand('e', 0.5, ...TUTOR), cand('f', 0.4, ...MOVE)];
    const { chosen, skipped } = selectionPlan(cs, existing, opts(2));
    expect(chosen.map((c) => c.sampleId)).toEqual(['d', 'e']);
    expect(skipped.map((s) => [s.sampleId, s.reason])).toEqual([
      ['a', 'duplicate_pair'],
      ['b', 'duplicate_pair'],
      ['c', 'near_duplicate'],
    ]);
  });
});

describe('selection planner: keys that are hashes, texts brought on demand', () => {
  // Ingest stores a hash of the normalised pair as the key; similarity must come from the texts.
  const hashed = (pairOf: [string, string]) => `h:${[...pairKey(...pairOf, ASYM)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7)}`;
  const candH = (sampleId: string, score: number, pairOf: [string, string]): SelectionCandidate => ({ sampleId, score, pairKey: hashed(pairOf), pair: pairKey(...pairOf, ASYM) });

  it('finds near-duplicates from the pairs when the keys are hashes, duplicates from the keys', () => {
    const { chosen, skipped } = selectionPlan([candH('a', 0.9, CAT), candH('b', 0.8, CAT_TYPO), candH('c', 0.7, CAT_SHOUTED), candH('d', 0.6, PLUMBER)], [], opts(10));
    expect(chosen.map((c) => c.sampleId)).toEqual(['a', 'd']);
    expect(skipped.map((s) => [s.sampleId, s.reason, s.of.ref])).toEqual([
      ['b', 'near_duplicate', 'a'],
      ['c', 'duplicate_pair', 'a'],
    ]);
  });

  it('names the existing items whose texts a page needs, and uses them once brought', () => {
    const index = pairKeyIndexCreate({ threshold: 0.9, symmetric: false });
    const hashOf = (pairOf: [string, string]) => pairKeyIndexHash(index, pairKey(...pairOf, ASYM));
    // Items known by key and hash only, as selection reads them after the first run.
    const existing = [
      { ref: 'item-cat', pairKey: hashed(CAT), hash: hashOf(CAT) },
      { ref: 'item-tutor', pairKey: hashed(TUTOR), hash: hashOf(TUTOR) },
    ];
    const plan = selectionPlanStart(existing, opts(10));
    const page = [candH('a', 0.9, CAT_TYPO), candH('b', 0.8, PLUMBER), candH('c', 0.7, TUTOR)];
    // CAT_TYPO must be compared with the cat item; PLUMBER is near nothing; TUTOR is the tutor
    // item's key exactly, so no text is needed for it.
    expect(selectionPlanTextsNeeded(plan, page)).toEqual(['item-cat']);
    expect(() => selectionPlanOffer(selectionPlanStart(existing, opts(10)), page)).toThrow(/without its pair text/);
    selectionPlanProvide(plan, new Map([['item-cat', pairKey(...CAT, ASYM)]]));
    selectionPlanOffer(plan, page);
    expect(plan.chosen.map((c) => c.sampleId)).toEqual(['b']);
    expect(plan.skipped).toEqual([
      { sampleId: 'a', score: 0.9, reason: 'near_duplicate', of: { kind: 'item', ref: 'item-cat' }, similarity: jaccard(CAT, CAT_TYPO) },
      { sampleId: 'c', score: 0.7, reason: 'duplicate_pair', of: { kind: 'item', ref: 'item-tutor' }, similarity: 1 },
    ]);
    expect(() => selectionPlanProvide(plan, new Map([['nobody', 'x']]))).toThrow(/no existing item/);
    expect(() => selectionPlanStart([{ ref: 'bare', pairKey: 'k' }], opts(1))).toThrow(/neither its pair nor its hash/);
  });
});

describe('pair key index', () => {
  it('hashes a key into the same LSH bands as the dataset checks', () => {
    for (const [threshold, symmetric] of [[0.9, false], [0.7, true], [1, false]] as const) {
      const index = pairKeyIndexCreate({ threshold, symmetric });
      for (const pairOf of [CAT, PLUMBER, CAT_TYPO]) {
        const key = pairKey(...pairOf, { symmetric });
        expect(Array.from(pairKeyIndexHash(index, key).bands)).toEqual(Array.from(nearDuplicateBandHashes(key, { threshold, symmetric })));
      }
    }
  });
});

describe('selection budget', () => {
  it('is min(budget − open, per-run cap), never negative', () => {
    expect(selectionRoom({ openItemBudget: 100, openItems: 95, selectPerRun: 500 })).toBe(5);
    expect(selectionRoom({ openItemBudget: 10_000, openItems: 0, selectPerRun: 500 })).toBe(500);
    expect(selectionRoom({ openItemBudget: 10_000, openItems: 9_800, selectPerRun: 500 })).toBe(200);
    expect(selectionRoom({ openItemBudget: 100, openItems: 100, selectPerRun: 500 })).toBe(0);
    // A budget lowered below what is open: nothing new, nothing negative.
    expect(selectionRoom({ openItemBudget: 50, openItems: 80, selectPerRun: 500 })).toBe(0);
  });

  it('rejects a negative or non-finite input', () => {
    expect(() => selectionRoom({ openItemBudget: Number.NaN, openItems: 0, selectPerRun: 1 })).toThrow(/openItemBudget/);
    expect(() => selectionRoom({ openItemBudget: 10, openItems: -1, selectPerRun: 1 })).toThrow(/openItems/);
  });

  it('reads twice the room per page, at least 50', () => {
    expect(selectionPageSize(1000)).toBe(2000);
    expect(selectionPageSize(5)).toBe(50);
  });
});
