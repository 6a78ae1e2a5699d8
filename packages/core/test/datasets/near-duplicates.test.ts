import { minhashJaccard, minhashShingleSet } from '../../src/datasets/minhash';
import { nearDuplicateMatches } from '../../src/datasets/near-duplicates';
import { pairKey } from '../../src/datasets/normalise';

const k = (a: string, b: string, symmetric = false) => pairKey(a, b, { symmetric });
const BASE_A = 'I would like someone to look after my two cats while I am away in August';
const BASE_B = 'Experienced pet sitter, available weekdays and most weekends';

describe('nearDuplicateMatches', () => {
  const original = k(BASE_A, BASE_B);
  const typo = k(BASE_A.replace('August', 'Augustt'), BASE_B);
  const unrelated = k('Need a plumber for a leaking kitchen tap', 'Certified electrician, fast call-out');
  const exactJ = minhashJaccard(minhashShingleSet(original, false), minhashShingleSet(typo, false));

  it('finds a typo copy and reports its exact similarity and the earlier entry', () => {
    const m = nearDuplicateMatches([original, unrelated, typo], 1, { threshold: 0.8, symmetric: false });
    expect(exactJ).toBeGreaterThan(0.8);
    expect(m.get(2)).toEqual([{ earlier: 0, similarity: exactJ }]);
    expect(m.has(1)).toBe(false);
  });

  it('includes a pair exactly at the threshold and excludes it just above', () => {
    expect(nearDuplicateMatches([original, typo], 1, { threshold: exactJ, symmetric: false }).get(1)).toEqual([
      { earlier: 0, similarity: exactJ },
    ]);
    expect(nearDuplicateMatches([original, typo], 1, { threshold: exactJ + 1e-9, symmetric: false }).size).toBe(0);
  });

  it('never compares two entries before firstNew (the parent is not re-judged)', () => {
    expect(nearDuplicateMatches([original, typo], 2, { threshold: 0.5, symmetric: false }).size).toBe(0);
  });

  it('matches a swapped pair only when the relation is symmetric', () => {
    const swapped = [k(BASE_A, BASE_B, true), k(`${BASE_B}!`, BASE_A, true)];
    expect(nearDuplicateMatches(swapped, 1, { threshold: 0.9, symmetric: true }).get(1)?.[0]?.earlier).toBe(0);
    const asym = [k(BASE_A, BASE_B), k(`${BASE_B}!`, BASE_A)];
    expect(nearDuplicateMatches(asym, 1, { threshold: 0.5, symmetric: false }).size).toBe(0);
  });

  it('lists every match, most similar first', () => {
    const closer = k(BASE_A.replace('two', 'twoo'), BASE_B);
    const further = k(BASE_A.replace('two cats', 'too cats!'), BASE_B);
    const m = nearDuplicateMatches([further, closer, original], 2, { threshold: 0.7, symmetric: false }).get(2)!;
    expect(m.map((x) => x.earlier)).toEqual([1, 0]);
    expect(m[0]!.similarity).toBeGreaterThan(m[1]!.similarity);
  });

  it('finds nearly all planted near-duplicates among many unrelated rows', () => {
    const n = 3000;
    const keys = Array.from({ length: n }, (_, i) => k(`request number ${i * 7919} for help with ${i % 97} things`, `offer ${i * 104729}`));
    const planted = Array.from({ length: 100 }, (_, i) => {
      const [a, b] = [`request number ${i * 7919} for help with ${i % 97} things`, `offer ${i * 104729}`];
      return k(`${a}.`, b);
    });
    const m = nearDuplicateMatches([...keys, ...planted], n, { threshold: 0.8, symmetric: false });
    let found = 0;
    planted.forEach((_, i) => {
      if (m.get(n + i)?.some((x) => x.earlier === i)) {
        found++;
      }
    });
    expect(found).toBeGreaterThanOrEqual(97);
  });
});
