import { qualityShare } from './figures';

/**
 * What settled items cost. Every label a labeller gave counts, accepted or not: rejected batches
 * were paid for in the labellers' time (and, on a paid crowd, in money), and controls (gold
 * answers) are the price of knowing who to trust.
 */
export type QualityCostCounts = {
  /** Labels on items (not controls) in accepted batches, and in rejected ones. */
  accepted: number;
  rejected: number;
  /** Answers to controls (gold items), whatever their batch's outcome. */
  controls: number;
  /** Items settled (by the crowd or an expert). */
  settledItems: number;
  /** Expert decisions (settled reviews), and the minutes they are estimated to have taken. */
  expertDecisions: number;
  expertMinutes: number | null;
};

export type QualityCost = QualityCostCounts & {
  labels: number;
  /** (accepted + rejected + controls) / settled items. */
  labelsPerSettledItem: number | null;
  /** rejected / (accepted + rejected): the crowd's work thrown away. */
  rejectedShare: number | null;
  /** controls / every label. */
  controlShare: number | null;
  expertMinutesPerDecision: number | null;
  /** Expert minutes spread over every settled item, crowd-settled ones included. */
  expertMinutesPerSettledItem: number | null;
};

export function qualityCost(c: QualityCostCounts): QualityCost {
  const labels = c.accepted + c.rejected + c.controls;
  return {
    ...c,
    labels,
    labelsPerSettledItem: qualityShare(labels, c.settledItems),
    rejectedShare: qualityShare(c.rejected, c.accepted + c.rejected),
    controlShare: qualityShare(c.controls, labels),
    expertMinutesPerDecision: c.expertMinutes === null ? null : qualityShare(c.expertMinutes, c.expertDecisions),
    expertMinutesPerSettledItem: c.expertMinutes === null ? null : qualityShare(c.expertMinutes, c.settledItems),
  };
}

/**
 * A review records when it was settled but not when it was claimed, so an expert's time per
 * decision is estimated from the gaps between their consecutive decisions: the next item is
 * claimed, read and decided in that gap. A gap longer than this is a break, not work, and is left
 * out; it equals the claim lease (REVIEW_CLAIM_MINUTES in services), past which an unrenewed
 * claim would have returned to the queue anyway.
 */
export const QUALITY_EXPERT_GAP_CAP_MINUTES = 10;

/** Mean minutes per decision over the gaps within the cap, times the decisions; null with no
 *  such gap (a single decision, or only breaks). */
export function qualityExpertMinutes(gaps: { count: number; minutesSum: number }, decisions: number): number | null {
  if (gaps.count === 0) return null;
  return (gaps.minutesSum / gaps.count) * decisions;
}
