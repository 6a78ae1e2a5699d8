import type { TReviewDetail } from '@quorum/contracts';
import { labelTone, prettyLabel } from '../components/labels';

/** Every crowd vote (pseudonymous voters) and the count per label. */
export function VotesPanel({ votes, labels }: { votes: TReviewDetail['votes']; labels: readonly string[] }) {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v.label, (counts.get(v.label) ?? 0) + 1);
  const keys = [...labels.filter((l) => counts.has(l)), ...[...counts.keys()].filter((k) => !labels.includes(k))];
  return (
    <div className="votes">
      <p className="vote-counts" aria-label="Vote counts">
        {keys.length === 0 && <span className="muted">No votes</span>}
        {keys.map((k) => (
          <span key={k} className={`chip tone-${labelTone(k, labels)}`}>
            {prettyLabel(k)} <strong>{counts.get(k)}</strong>
          </span>
        ))}
      </p>
      <ul className="vote-list" aria-label="Crowd votes">
        {votes.map((v, i) => (
          <li key={`${v.voter}-${i}`}>
            <span className="voter">{v.voter}</span>
            <span className={`chip chip-small tone-${labelTone(v.label, labels)}`}>{prettyLabel(v.label)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
