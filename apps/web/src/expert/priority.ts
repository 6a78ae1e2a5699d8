import type { TReviewPriority } from '@quorum/contracts';
import { percent, prettyLabel } from '../components/labels';

/** "3–2" from vote counts, largest first. */
export const splitText = (counts: Readonly<Record<string, number>>) =>
  Object.values(counts)
    .filter((n) => n > 0)
    .sort((a, b) => b - a)
    .join('–');

/** Why an item sits where it does in the queue, in one line an expert can read. */
export function priorityReasons(p: TReviewPriority, voteCounts: Readonly<Record<string, number>>, crowdLabel: string | null): string[] {
  const split = splitText(voteCounts);
  const crowd = `Crowd ${split ? `${split} ` : ''}${crowdLabel ? `leaning ${prettyLabel(crowdLabel)}` : 'tied'} (disagreement ${p.entropy.toFixed(2)})`;
  const range = `${percent(p.bucket.low)}–${percent(p.bucket.high)}`;
  const record =
    p.basis === 'prior'
      ? `no settled items at ${range} confidence yet, assumed ${percent(p.modelErrorRate)} wrong`
      : `wrong on ${p.wrongInBucket} of ${p.settledInBucket} settled items at ${range} confidence (${percent(p.modelErrorRate)}${p.basis === 'blend' ? ' with the prior' : ''})`;
  return [crowd, `Model ${percent(p.modelConfidence)} sure; ${record}`];
}
