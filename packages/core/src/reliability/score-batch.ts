import type { ItemId, Label } from '../words';

/**
 * The first scoring rule for a submitted batch: gold accuracy and reading time. Later rules
 * (agreement with peers, answer patterns) replace the body and keep this signature.
 *
 * A batch is accepted or rejected whole (DESIGN.md, step 4). Reasons are shown to the labeller,
 * so they give counts only: naming the missed items or the gold answers would let a labeller
 * learn which items are controls.
 */

export type BatchAnswer = { itemId: ItemId; label: Label; seconds: number; goldLabel: Label | null };

export type BatchScore = {
  decision: 'accept' | 'reject';
  reasons: string[];
  figures: {
    items: number;
    goldTotal: number;
    goldCorrect: number;
    goldAccuracy: number | null;
    medianSeconds: number;
  };
};

export type BatchRule = { minGoldAccuracy: number; minSecondsPerItem: number };

/**
 * The median, not the mean: one long pause (a coffee break) must not hide a batch clicked
 * through at 0.3 s per pair, and one slow pair must not be needed to pass.
 */
function scoreBatchMedian(xs: readonly number[]): number {
  const sorted = xs.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

/**
 * Seconds for the reason text, rounded DOWN to 0.01 s so a median just under the limit never
 * prints as the limit itself ("median 1.0 s …; reading takes at least 1.0 s").
 */
function scoreBatchFormatSeconds(s: number): string {
  const floored = Math.floor(s * 100 + 1e-9) / 100;
  return Number.isInteger(Math.round(floored * 100) / 10) ? floored.toFixed(1) : floored.toFixed(2);
}

export function scoreBatch(answers: readonly BatchAnswer[], rule: BatchRule): BatchScore {
  if (answers.length === 0) {
    throw new RangeError('cannot score an empty batch');
  }
  for (const a of answers) {
    if (!Number.isFinite(a.seconds) || a.seconds < 0) {
      throw new RangeError(`seconds must be a finite non-negative number, got ${a.seconds}`);
    }
  }
  const gold = answers.filter((a) => a.goldLabel !== null);
  const goldTotal = gold.length;
  const goldCorrect = gold.filter((a) => a.label === a.goldLabel).length;
  const goldAccuracy = goldTotal > 0 ? goldCorrect / goldTotal : null;
  const medianSeconds = scoreBatchMedian(answers.map((a) => a.seconds));

  const reasons: string[] = [];
  if (goldAccuracy !== null && goldAccuracy < rule.minGoldAccuracy) {
    const wrong = goldTotal - goldCorrect;
    const noun = goldTotal === 1 ? 'control answer' : 'control answers';
    reasons.push(`${wrong} of ${goldTotal} ${noun} wrong`);
  }
  if (medianSeconds < rule.minSecondsPerItem) {
    reasons.push(
      `median ${scoreBatchFormatSeconds(medianSeconds)} s per pair; ` +
        `reading takes at least ${scoreBatchFormatSeconds(rule.minSecondsPerItem)} s`,
    );
  }
  return {
    decision: reasons.length > 0 ? 'reject' : 'accept',
    reasons,
    figures: { items: answers.length, goldTotal, goldCorrect, goldAccuracy, medianSeconds },
  };
}
