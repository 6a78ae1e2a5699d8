import type { TReviewDetail } from '@quorum/contracts';
import { useState } from 'react';
import type { ReviewDecisionInput } from '../api/endpoints';
import { relativeTime } from '../components/format';
import { Kbd } from '../components/Kbd';
import { percent, prettyLabel } from '../components/labels';
import { ProbBars } from '../components/ProbBars';
import { useHotkeys } from '../components/useHotkeys';
import { initialMode, NEXT_MODE, PairDiff, type HighlightMode } from './PairDiff';
import { priorityReasons } from './priority';
import { SettleForm } from './SettleForm';
import { SimilarItems } from './SimilarItems';
import { VotesPanel } from './VotesPanel';

type Props = {
  review: TReviewDetail;
  onDecide: (decision: ReviewDecisionInput, note: string | undefined) => void;
  onRelease: () => void;
  /** A request is in flight (e.g. the claim of a prefetched item): decisions wait for it. */
  busy?: boolean;
  now?: number;
  /** Where this item sits in the queue, for "3 of 12". */
  position?: { index: number; total: number };
};

const top = (probs: Record<string, number>) => Object.entries(probs).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;

/** One claimed review: the pair with its differences, what the model and the crowd said, similar settled items, and the decision. */
export function ReviewDetailView({ review, onDecide, onRelease, busy, now = Date.now(), position }: Props) {
  const { model } = review;
  const [mode, setMode] = useState<HighlightMode>(() => initialMode(review.textA, review.textB));
  useHotkeys((e) => {
    if (e.key.toLowerCase() !== 'd') return false;
    setMode((m) => NEXT_MODE[m]);
    return true;
  });
  const confidence = Math.max(0, ...Object.values(model.probs));
  return (
    <article className="review" aria-label="Review" aria-busy={busy || undefined}>
      <div className="review-head">
        <h1 className="page-title">
          Review {position && <span className="muted review-position">{position.index + 1} of {position.total}</span>}
        </h1>
        <span className="muted review-claim">
          {review.claimedByMe && review.claimExpiresAt ? `Claimed by you · ends ${relativeTime(review.claimExpiresAt, now)}, renewed while you work` : busy ? 'Claiming…' : ''}
        </span>
      </div>
      <section className="priority-why" aria-label="Why this item">
        <span className="priority-score" title="Priority = disagreement × the model's error rate at this confidence">
          {review.priority.score.toFixed(2)}
        </span>
        <span>{priorityReasons(review.priority, review.voteCounts, review.crowdLabel).join(' · ')}</span>
      </section>
      <div className="card pair-card">
        <div className="pair-card-head">
          <span className="muted hint">
            {mode === 'differences' && (
              <>
                <mark className="diff-only">Highlighted</mark> words appear in only one of the two texts
              </>
            )}
            {mode === 'shared' && (
              <>
                <mark className="diff-shared">Highlighted</mark> words appear in both texts
              </>
            )}
            {mode === 'off' && 'No highlighting'}
          </span>
          <span className="highlight-modes" role="group" aria-label="Highlight">
            {(['differences', 'shared', 'off'] as const).map((m) => (
              <button key={m} type="button" className="highlight-mode" aria-pressed={mode === m} onMouseDown={(e) => e.preventDefault()} onClick={() => setMode(m)}>
                {m === 'differences' ? 'Differences' : m === 'shared' ? 'Shared words' : 'Off'}
              </button>
            ))}
            <Kbd>D</Kbd>
          </span>
        </div>
        <PairDiff textA={review.textA} textB={review.textB} mode={mode} />
      </div>
      <div className="review-grid">
        <section className="panel" aria-labelledby="model-title">
          <h3 id="model-title" className="section-title">
            Model
          </h3>
          <p className="stat-line">
            Predicted <strong>{model.label ? prettyLabel(model.label) : '—'}</strong> <span className="muted">at {percent(confidence)}</span>
            {model.version && <span className="muted"> · {model.version}</span>}
          </p>
          <ProbBars probs={model.probs} labels={review.labels} caption="Model probabilities" highlight={model.label} />
        </section>
        <section className="panel" aria-labelledby="crowd-title">
          <h3 id="crowd-title" className="section-title">
            Crowd <span className="muted">({review.votes.length} votes · reliability)</span>
          </h3>
          <VotesPanel votes={review.votes} labels={review.labels} />
        </section>
        <section className="panel" aria-labelledby="posterior-title">
          <h3 id="posterior-title" className="section-title">
            Posterior
          </h3>
          <p className="stat-line">
            Agreement <strong>{percent(review.agreement)}</strong> <span className="muted">· disagreement {review.priority.entropy.toFixed(2)}</span>
          </p>
          <ProbBars probs={review.posterior} labels={review.labels} caption="Posterior probabilities" highlight={top(review.posterior)} />
        </section>
      </div>
      <section className="panel" aria-labelledby="similar-title">
        <h3 id="similar-title" className="section-title">
          Similar items already settled
        </h3>
        <SimilarItems items={review.similar} labels={review.labels} />
      </section>
      <div className="card">
        <SettleForm key={review.id} labels={review.labels} onDecide={onDecide} onRelease={onRelease} busy={busy} />
      </div>
      <p className="muted hint keys-legend">
        <Kbd>1</Kbd>–<Kbd>{String(Math.min(9, review.labels.length))}</Kbd> label · <Kbd>A</Kbd> ambiguous · <Kbd>I</Kbd> invalid · <Kbd>N</Kbd> note · <Kbd>Enter</Kbd> confirm ·{' '}
        <Kbd>J</Kbd>/<Kbd>K</Kbd> next / previous · <Kbd>Esc</Kbd> release · <Kbd>U</Kbd> undo last · <Kbd>D</Kbd> highlight
      </p>
    </article>
  );
}
