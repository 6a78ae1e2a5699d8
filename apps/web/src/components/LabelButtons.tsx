import { Kbd } from './Kbd';
import { labelTone, prettyLabel } from './labels';

type Props = {
  labels: readonly string[];
  /** The label currently chosen (highlighted, aria-pressed). */
  selected?: string | null;
  onPick: (label: string) => void;
  disabled?: boolean;
};

/**
 * One button per label with its digit shortcut shown. Clicking does not move focus onto the
 * button, so a following Enter still reaches the page shortcuts instead of re-clicking it.
 */
export function LabelButtons({ labels, selected, onPick, disabled }: Props) {
  return (
    <div className="label-buttons" role="group" aria-label="Labels">
      {labels.map((label, i) => (
        <button
          key={label}
          type="button"
          className={`label-button tone-${labelTone(label, labels)}`}
          aria-pressed={selected === label}
          aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
          aria-label={prettyLabel(label)}
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(label)}
        >
          {i < 9 && <Kbd>{String(i + 1)}</Kbd>}
          <span>{prettyLabel(label)}</span>
        </button>
      ))}
    </div>
  );
}
