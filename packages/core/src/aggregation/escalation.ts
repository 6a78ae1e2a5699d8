/**
 * Whether an aggregated item is settled or goes to the expert queue. Agreement is the winner's
 * vote share. The comparison is strict: at the default 0.8 with five votes, 4–1 (0.8) settles
 * and 3–2 (0.6) escalates. A tie always escalates, whatever the threshold, because there is
 * no winner to settle on.
 */
export type EscalationOutcome = 'settled' | 'escalated';

export function escalationDecide(
  aggregate: { agreement: number; tied: boolean },
  escalateBelowAgreement: number,
): EscalationOutcome {
  if (Number.isNaN(aggregate.agreement) || Number.isNaN(escalateBelowAgreement)) {
    throw new RangeError('agreement and threshold must be numbers');
  }
  return aggregate.tied || aggregate.agreement < escalateBelowAgreement ? 'escalated' : 'settled';
}
