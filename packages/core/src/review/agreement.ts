import type { Label } from '../words';

/**
 * The crowd's leading label: the one label with the highest posterior, or null when two or more
 * share the top (then the crowd has no leader to agree with). Labels outside the project's set
 * are ignored.
 */
export function reviewCrowdLeader(posterior: Readonly<Record<Label, number>>, labels: readonly Label[]): Label | null {
  let top = -Infinity;
  let leaders: Label[] = [];
  for (const l of labels) {
    const p = posterior[l] ?? 0;
    // Posteriors are sums of floats: differences below 1e-9 are rounding, not a lead.
    if (p > top + 1e-9) {
      top = p;
      leaders = [l];
    } else if (Math.abs(p - top) <= 1e-9) leaders.push(l);
  }
  return leaders.length === 1 && top > 0 ? leaders[0]! : null;
}

/** Counts of an expert's (or a project's) settled reviews. */
export type ReviewDecisionCounts = {
  decisions: number;
  ambiguous: number;
  invalid: number;
  /** Label decisions on items whose crowd had a leading label. */
  comparable: number;
  /** …of which the expert chose the crowd's leading label. */
  agreed: number;
};

export type ReviewAgreementFigures = ReviewDecisionCounts & {
  /** agreed / comparable; null with nothing comparable. Ambiguous and invalid decisions and
   *  crowd ties are left out: there is no label to agree on. */
  share: number | null;
};

export function reviewAgreementFigures(counts: ReviewDecisionCounts): ReviewAgreementFigures {
  return { ...counts, share: counts.comparable > 0 ? counts.agreed / counts.comparable : null };
}

export function reviewSumCounts(all: readonly ReviewDecisionCounts[]): ReviewDecisionCounts {
  const sum: ReviewDecisionCounts = { decisions: 0, ambiguous: 0, invalid: 0, comparable: 0, agreed: 0 };
  for (const c of all) {
    sum.decisions += c.decisions;
    sum.ambiguous += c.ambiguous;
    sum.invalid += c.invalid;
    sum.comparable += c.comparable;
    sum.agreed += c.agreed;
  }
  return sum;
}
