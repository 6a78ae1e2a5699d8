import type { TReviewDetail } from '@quorum/contracts';
import { labelTone, percent, prettyLabel } from '../components/labels';

type Vote = TReviewDetail['votes'][number];

function Reliability({ r }: { r: Vote['reliability'] }) {
  if (!r) return <span className="muted reliability">not measured yet</span>;
  return (
    <span className="reliability" title={`Estimated accuracy ${percent(r.accuracy)}, 90 % interval ${percent(r.low)}–${percent(r.high)}, from ${r.evidenceCount} answers`}>
      <span className="reliability-track" aria-hidden="true">
        <span className="reliability-range" style={{ left: `${r.low * 100}%`, width: `${Math.max(0, r.high - r.low) * 100}%` }} />
        <span className="reliability-point" style={{ left: `${r.accuracy * 100}%` }} />
      </span>
      <span className="reliability-value">{percent(r.accuracy)}</span>
    </span>
  );
}

/** Every crowd vote with the voter's pseudonym and reliability, and the count per label. */
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
            <Reliability r={v.reliability} />
            <span className={`chip chip-small tone-${labelTone(v.label, labels)}`}>{prettyLabel(v.label)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
