import type { TReviewDetail } from '@quorum/contracts';
import { relativeTime } from '../components/format';
import { percent, prettyLabel } from '../components/labels';
import { ProbBars } from '../components/ProbBars';
import { TextPair } from '../components/TextPair';
import { SettleForm } from './SettleForm';
import { VotesPanel } from './VotesPanel';

type Props = {
  review: TReviewDetail;
  onSettle: (label: string, note: string | undefined) => void;
  onRelease: () => void;
  busy?: boolean;
  now?: number;
};

const top = (probs: Record<string, number>) => Object.entries(probs).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;

/** One claimed review: the pair, what the model and the crowd said, and the settle form. */
export function ReviewDetailView({ review, onSettle, onRelease, busy, now = Date.now() }: Props) {
  const { model } = review;
  return (
    <article className="review" aria-label="Review">
      <div className="review-head">
        <h1 className="page-title">Review</h1>
        {review.claimExpiresAt && <span className="muted">Your claim ends {relativeTime(review.claimExpiresAt, now)}</span>}
      </div>
      <div className="card">
        <TextPair textA={review.textA} textB={review.textB} />
      </div>
      <div className="review-grid">
        <section className="panel" aria-labelledby="model-title">
          <h3 id="model-title" className="section-title">
            Model
          </h3>
          <p className="stat-line">
            Predicted <strong>{model.label ? prettyLabel(model.label) : '—'}</strong>
            {model.version && <span className="muted"> · {model.version}</span>}
          </p>
          <ProbBars probs={model.probs} labels={review.labels} caption="Model probabilities" highlight={model.label} />
        </section>
        <section className="panel" aria-labelledby="crowd-title">
          <h3 id="crowd-title" className="section-title">
            Crowd <span className="muted">({review.votes.length} votes)</span>
          </h3>
          <VotesPanel votes={review.votes} labels={review.labels} />
        </section>
        <section className="panel" aria-labelledby="posterior-title">
          <h3 id="posterior-title" className="section-title">
            Posterior
          </h3>
          <p className="stat-line">
            Agreement <strong>{percent(review.agreement)}</strong> <span className="muted">· disagreement {review.disagreement.toFixed(2)}</span>
          </p>
          <ProbBars probs={review.posterior} labels={review.labels} caption="Posterior probabilities" highlight={top(review.posterior)} />
        </section>
      </div>
      <div className="card">
        <SettleForm key={review.id} labels={review.labels} onSettle={onSettle} onRelease={onRelease} busy={busy} />
      </div>
    </article>
  );
}
