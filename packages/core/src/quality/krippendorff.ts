import type { Label } from '../words';

/**
 * Krippendorff's alpha for nominal data, computed from a coincidence matrix (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability", §C: nominal data, any number of observers,
 * missing data). Units are items, observers are labellers, values are labels.
 *
 * Every pairable unit u (one with m_u ≥ 2 values) adds n_uc · (n_uk − [c = k]) / (m_u − 1) to
 * cell (c, k), where n_uc is how many of its values are c. The matrix is a sum over units, so
 * SQL can build it from per-item label counts and matrices of periods add up to the project's;
 * nothing here needs the labels one by one. Then, with n_c the row sums and n their total,
 *
 *   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k      (D_o / D_e with the nominal metric)
 *
 * α = 1 is perfect agreement, 0 is what labellers answering at random (with the observed label
 * frequencies) would reach, below 0 systematic disagreement.
 */

/** o[c][k]: coincidences of value c with value k, over the values in `values` order. */
export type QualityCoincidences = { values: readonly Label[]; o: readonly (readonly number[])[] };

export type QualityAlpha = {
  /** null when undefined: fewer than two pairable values, or a single value used throughout
   *  (no variation, D_e = 0). */
  alpha: number | null;
  /** n: pairable values (labels on items with at least two). */
  pairable: number;
  /** Observed and expected disagreement, D_o and D_e. */
  observed: number | null;
  expected: number | null;
};

export function qualityCoincidencesEmpty(values: readonly Label[]): QualityCoincidences {
  return { values: [...values], o: values.map(() => values.map(() => 0)) };
}

/** The coincidence matrix of units given as label counts per unit (e.g. {match: 3, no_match: 2}).
 *  Values not in `values` are an error: the caller names the label set. */
export function qualityCoincidencesFromUnits(values: readonly Label[], units: readonly Readonly<Record<Label, number>>[]): QualityCoincidences {
  const index = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => values.map(() => 0));
  for (const unit of units) {
    const counts = Object.entries(unit).filter(([, n]) => n > 0);
    const m = counts.reduce((s, [, n]) => s + n, 0);
    if (m < 2) continue;
    for (const [c, nc] of counts) {
      const ci = index.get(c);
      if (ci === undefined) throw new RangeError(`value '${c}' is not one of ${values.join(', ')}`);
      for (const [k, nk] of counts) {
        const ki = index.get(k)!;
        o[ci]![ki]! += (nc * (c === k ? nk - 1 : nk)) / (m - 1);
      }
    }
  }
  return { values: [...values], o };
}

/** Cells as SQL returns them (value, value, coincidences); unknown values are ignored, since a
 *  label removed from a project's set has no row or column to go in. */
export function qualityCoincidencesFromCells(values: readonly Label[], cells: readonly { c: Label; k: Label; o: number }[]): QualityCoincidences {
  const index = new Map(values.map((v, i) => [v, i]));
  const o = values.map(() => values.map(() => 0));
  for (const cell of cells) {
    const ci = index.get(cell.c);
    const ki = index.get(cell.k);
    if (ci !== undefined && ki !== undefined) o[ci]![ki]! += cell.o;
  }
  return { values: [...values], o };
}

/** Element-wise sum (e.g. weeks into a project): both over the same values. */
export function qualityCoincidencesAdd(a: QualityCoincidences, b: QualityCoincidences): QualityCoincidences {
  if (a.values.length !== b.values.length || a.values.some((v, i) => v !== b.values[i])) throw new RangeError('coincidence matrices over different values');
  return { values: a.values, o: a.o.map((row, c) => row.map((x, k) => x + b.o[c]![k]!)) };
}

/**
 * What nominal alpha needs of a coincidence matrix: per value, its row total n_c and its diagonal
 * o_cc (the off-diagonal sum is n − Σ o_cc). SQL can return these per (period, value) without
 * pairing any item's counts with each other, which is what keeps a million labels cheap.
 */
export type QualityCoincidenceMargins = { values: readonly Label[]; totals: readonly number[]; diagonal: readonly number[] };

export function qualityCoincidenceMargins(co: QualityCoincidences): QualityCoincidenceMargins {
  return { values: co.values, totals: co.o.map((row) => row.reduce((s, x) => s + x, 0)), diagonal: co.o.map((row, c) => row[c]!) };
}

/** Margins from SQL rows (value, n_c, o_cc); unknown values are ignored, repeated ones summed. */
export function qualityMarginsFromRows(values: readonly Label[], rows: readonly { value: Label; total: number; diagonal: number }[]): QualityCoincidenceMargins {
  const index = new Map(values.map((v, i) => [v, i]));
  const totals = values.map(() => 0);
  const diagonal = values.map(() => 0);
  for (const r of rows) {
    const i = index.get(r.value);
    if (i === undefined) continue;
    totals[i]! += r.total;
    diagonal[i]! += r.diagonal;
  }
  return { values: [...values], totals, diagonal };
}

export function qualityAlphaNominal(co: QualityCoincidences | QualityCoincidenceMargins): QualityAlpha {
  const m = 'o' in co ? qualityCoincidenceMargins(co) : co;
  const n = m.totals.reduce((s, x) => s + x, 0);
  // Row sums are sums of fractions: a count of 3 may come out as 2.9999999999999996.
  const pairable = Math.round(n * 1e9) / 1e9;
  if (n < 2 - 1e-9) return { alpha: null, pairable, observed: null, expected: null };
  const offObserved = n - m.diagonal.reduce((s, x) => s + x, 0);
  const offExpected = n * n - m.totals.reduce((s, x) => s + x * x, 0);
  const observed = offObserved / n;
  const expected = offExpected / (n * (n - 1));
  if (expected <= 1e-12) return { alpha: null, pairable, observed, expected: 0 };
  return { alpha: 1 - observed / expected, pairable, observed, expected };
}
