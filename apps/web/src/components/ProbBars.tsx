import { labelTone, percent, prettyLabel } from './labels';

type Props = { probs: Readonly<Record<string, number>>; labels: readonly string[]; caption: string; highlight?: string | null };

/** A probability distribution over labels as labelled horizontal bars, in label order. */
export function ProbBars({ probs, labels, caption, highlight }: Props) {
  const keys = [...labels, ...Object.keys(probs).filter((k) => !labels.includes(k))];
  return (
    <dl className="bars" aria-label={caption}>
      {keys.map((k) => {
        const p = probs[k] ?? 0;
        return (
          <div key={k} className={`bar-row ${highlight === k ? 'bar-row-top' : ''}`}>
            <dt>{prettyLabel(k)}</dt>
            <dd>
              <span className="bar-track" aria-hidden="true">
                <span className={`bar-fill tone-${labelTone(k, labels)}`} style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
              </span>
              <span className="bar-value">{percent(p)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
