import {
  qualityAlphaNominal,
  qualityCoincidencesAdd,
  qualityCoincidencesEmpty,
  qualityCoincidencesFromCells,
  qualityCoincidencesFromUnits,
  qualityCoincidenceMargins,
  qualityMarginsFromRows,
  rngFromSeed,
  rngInt,
} from '../src';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: nominal data, any number
// of observers, missing data. Four observers (A–D) code twelve units; '.' is a missing value.
//   unit:  1  2  3  4  5  6  7  8  9  10 11 12
//   A:     1  2  3  3  2  1  4  1  2  .  .  .
//   B:     1  2  3  3  2  2  4  1  2  5  .  3
//   C:     .  3  3  3  2  3  4  2  2  5  1  .
//   D:     1  2  3  3  2  4  4  1  2  5  1  .
// The paper's result: n = 40 pairable values (unit 12 has one value and drops out), α = 0.743.
const TABLE: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const VALUES = ['1', '2', '3', '4', '5'];

/** Observers × units → label counts per unit, the shape SQL returns. */
function unitsOf(table: (number | null)[][]): Record<string, number>[] {
  return table[0]!.map((_, u) => {
    const counts: Record<string, number> = {};
    for (const row of table) {
      const v = row[u];
      if (v !== null && v !== undefined) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    }
    return counts;
  });
}

describe('Krippendorff alpha, nominal', () => {
  it("reproduces Krippendorff's (2011) worked example: 12 units, 4 observers, missing values, α = 0.743", () => {
    const co = qualityCoincidencesFromUnits(VALUES, unitsOf(TABLE));
    const a = qualityAlphaNominal(co);
    expect(a.pairable).toBe(40);
    expect(a.alpha).toBeCloseTo(0.743, 3);
    // The paper's coincidence matrix (its table of o_ck), row totals n_c = 9, 13, 10, 5, 3.
    expect(co.o.map((row) => row.reduce((s, x) => s + x, 0))).toEqual([9, 13, 10, 5, 3].map((x) => expect.closeTo(x, 9)));
    expect(co.o[0]![0]).toBeCloseTo(7, 9);
    expect(co.o[0]![1]).toBeCloseTo(4 / 3, 9);
    expect(co.o[1]![1]).toBeCloseTo(10, 9);
    expect(co.o[2]![2]).toBeCloseTo(8, 9);
    expect(co.o[3]![3]).toBeCloseTo(4, 9);
    expect(co.o[4]![4]).toBeCloseTo(3, 9);
    // α = 1 − D_o / D_e, the paper's definition.
    expect(1 - a.observed! / a.expected!).toBeCloseTo(a.alpha!, 12);
  });

  it('is 1 when every labeller agrees on every item (different items, different labels)', () => {
    const units = Array.from({ length: 30 }, (_, i) => ({ [i % 3 === 0 ? 'match' : 'no_match']: 2 + (i % 4) }));
    expect(qualityAlphaNominal(qualityCoincidencesFromUnits(['match', 'no_match'], units)).alpha).toBeCloseTo(1, 12);
  });

  it('is about 0 for a seeded crowd that answers at random', () => {
    const rng = rngFromSeed('random-crowd');
    const labels = ['a', 'b', 'c'];
    const units = Array.from({ length: 4000 }, () => {
      const counts: Record<string, number> = {};
      // Varying numbers of labels per item: 2 to 6.
      const m = 2 + rngInt(rng, 5);
      for (let j = 0; j < m; j++) {
        const l = labels[rngInt(rng, labels.length)]!;
        counts[l] = (counts[l] ?? 0) + 1;
      }
      return counts;
    });
    const a = qualityAlphaNominal(qualityCoincidencesFromUnits(labels, units)).alpha!;
    expect(Math.abs(a)).toBeLessThan(0.02);
  });

  it('is below 0 when labellers systematically disagree', () => {
    const units = Array.from({ length: 20 }, () => ({ match: 1, no_match: 1 }));
    expect(qualityAlphaNominal(qualityCoincidencesFromUnits(['match', 'no_match'], units)).alpha).toBeLessThan(0);
  });

  it('is undefined (null) with fewer than two pairable values or without variation', () => {
    expect(qualityAlphaNominal(qualityCoincidencesEmpty(['a', 'b']))).toEqual({ alpha: null, pairable: 0, observed: null, expected: null });
    // Single-label units are not pairable.
    expect(qualityAlphaNominal(qualityCoincidencesFromUnits(['a', 'b'], [{ a: 1 }, { b: 1 }])).alpha).toBeNull();
    // Everyone always says 'a': perfect agreement, but nothing to tell it from chance.
    expect(qualityAlphaNominal(qualityCoincidencesFromUnits(['a', 'b'], [{ a: 3 }, { a: 2 }])).alpha).toBeNull();
  });

  it('adds up over periods: the sum of two halves gives the alpha of the whole', () => {
    const units = unitsOf(TABLE);
    const first = qualityCoincidencesFromUnits(VALUES, units.slice(0, 5));
    const second = qualityCoincidencesFromUnits(VALUES, units.slice(5));
    expect(qualityAlphaNominal(qualityCoincidencesAdd(first, second)).alpha).toBeCloseTo(0.743, 3);
  });

  it('builds the matrix from SQL cells, ignoring labels outside the set', () => {
    const co = qualityCoincidencesFromUnits(VALUES, unitsOf(TABLE));
    const cells = co.values.flatMap((c, i) => co.values.map((k, j) => ({ c, k, o: co.o[i]![j]! }))).filter((x) => x.o > 0);
    const rebuilt = qualityCoincidencesFromCells(VALUES, [...cells, { c: 'retired', k: '1', o: 5 }]);
    expect(qualityAlphaNominal(rebuilt).alpha).toBeCloseTo(qualityAlphaNominal(co).alpha!, 12);
  });

  it('needs only the margins (row totals and diagonal), as SQL returns them per value', () => {
    const co = qualityCoincidencesFromUnits(VALUES, unitsOf(TABLE));
    const m = qualityCoincidenceMargins(co);
    const rows = VALUES.map((value, i) => ({ value, total: m.totals[i]!, diagonal: m.diagonal[i]! }));
    // Two periods' rows for the same value add up; a retired label is ignored.
    const split = rows.flatMap((r) => [{ ...r, total: r.total / 2, diagonal: r.diagonal / 2 }, { ...r, total: r.total / 2, diagonal: r.diagonal / 2 }]);
    expect(qualityAlphaNominal(qualityMarginsFromRows(VALUES, [...split, { value: 'retired', total: 9, diagonal: 9 }])).alpha).toBeCloseTo(0.743, 3);
  });

  it('refuses a unit with a label outside the set, and matrices over different values', () => {
    expect(() => qualityCoincidencesFromUnits(['a', 'b'], [{ a: 1, z: 1 }])).toThrow(/'z'/);
    expect(() => qualityCoincidencesAdd(qualityCoincidencesEmpty(['a', 'b']), qualityCoincidencesEmpty(['a', 'c']))).toThrow(RangeError);
  });
});
