import type { TLabellerAssignment } from '@quorum/contracts';
import { prettyLabel } from '../components/labels';

type Props = {
  assignments: readonly TLabellerAssignment[];
  answers: Readonly<Record<string, string>>;
  index: number;
  onJump: (index: number) => void;
};

/** A strip of the batch's pairs: answered, current, still open. Clicking jumps to a pair. */
export function PairDots({ assignments, answers, index, onJump }: Props) {
  return (
    <nav className="dots" aria-label="Pairs in this batch">
      {assignments.map((a, i) => {
        const label = answers[a.id];
        const state = i === index ? 'current' : label ? 'answered' : 'open';
        return (
          <button
            key={a.id}
            type="button"
            tabIndex={-1}
            className={`dot dot-${state}`}
            aria-label={`Pair ${i + 1}${label ? `, answered ${prettyLabel(label)}` : ''}`}
            aria-current={i === index ? 'step' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onJump(i)}
          />
        );
      })}
    </nav>
  );
}
