import type { TLabellerAssignment } from '@quorum/contracts';
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Kbd } from '../components/Kbd';
import { LabelButtons } from '../components/LabelButtons';
import { ProgressBar } from '../components/ProgressBar';
import { TextPair } from '../components/TextPair';
import { digitIndex, useHotkeys } from '../components/useHotkeys';
import { PairDots } from './PairDots';

export type LabellingSessionProps = {
  /** In batch order. */
  assignments: readonly TLabellerAssignment[];
  labels: readonly string[];
  /** assignment id → the label given so far. */
  answers: Readonly<Record<string, string>>;
  /** Called once per answer with the time the pair was on screen. */
  onAnswer: (assignmentId: string, label: string, clientMs: number) => void;
  onSubmit: () => void;
  submitting?: boolean;
  /** Shown above the card, e.g. the lease countdown. */
  aside?: ReactNode;
  now?: () => number;
};

const isDefaultPair = (labels: readonly string[]) => labels.length === 2 && labels[0] === 'match' && labels[1] === 'no_match';

/**
 * One pair at a time. Digits answer and move on; ←/Backspace go back, → forward; Enter submits
 * once every pair has an answer. Position `assignments.length` is the "all answered" step.
 */
export function LabellingSession({ assignments, labels, answers, onAnswer, onSubmit, submitting = false, aside, now = Date.now }: LabellingSessionProps) {
  const total = assignments.length;
  const [index, setIndex] = useState(() => {
    const first = assignments.findIndex((a) => !answers[a.id]);
    return first === -1 ? total : first;
  });
  const shownAt = useRef(now());
  useEffect(() => {
    shownAt.current = now();
  }, [index, now]);

  const answered = assignments.filter((a) => answers[a.id]).length;
  const allAnswered = answered === total && total > 0;
  const current = index < total ? assignments[index] : undefined;

  function answer(label: string) {
    if (!current || submitting) return;
    onAnswer(current.id, label, Math.max(0, now() - shownAt.current));
    setIndex((i) => Math.min(i + 1, total));
  }
  const back = () => setIndex((i) => Math.max(0, i - 1));
  const forward = () => setIndex((i) => (i < total && assignments[i] && answers[assignments[i].id] ? i + 1 : i));
  const submit = () => {
    if (allAnswered && !submitting) onSubmit();
  };
  // A mouse click must not leave focus on a nav button, or the next Enter would click it again.
  const keepFocus = (e: MouseEvent) => e.preventDefault();

  useHotkeys((e) => {
    const d = digitIndex(e, labels.length);
    if (d !== null) {
      const label = labels[d];
      if (label !== undefined && current) answer(label);
      return true;
    }
    switch (e.key) {
      case 'ArrowLeft':
      case 'Backspace':
        back();
        return true;
      case 'ArrowRight':
        forward();
        return true;
      case 'Enter':
        submit();
        return true;
      default:
        return false;
    }
  });

  return (
    <div className="session">
      <div className="session-top">
        <ProgressBar value={answered} max={total} label="Answered" />
        {aside}
      </div>
      <PairDots assignments={assignments} answers={answers} index={index} onJump={setIndex} />

      {current ? (
        <article className="card pair-card" aria-label={`Pair ${index + 1} of ${total}`}>
          <div className="pair-card-head">
            <h2 className="pair-card-title">
              Pair {index + 1} <span className="muted">of {total}</span>
            </h2>
            <span className="muted">{isDefaultPair(labels) ? 'Do these two texts match?' : 'Choose the label that fits.'}</span>
          </div>
          <TextPair textA={current.textA} textB={current.textB} />
          <LabelButtons labels={labels} selected={answers[current.id] ?? null} onPick={answer} disabled={submitting} />
        </article>
      ) : (
        <article className="card pair-card done-card" aria-label="All pairs answered">
          <h2 className="pair-card-title">All {total} pairs answered</h2>
          <p className="muted">Press Enter to submit the batch, or ← to look over your answers.</p>
        </article>
      )}

      <div className="session-nav">
        <button type="button" className="button button-ghost" onMouseDown={keepFocus} onClick={back} disabled={index === 0} aria-keyshortcuts="ArrowLeft Backspace">
          <Kbd>←</Kbd> Back
        </button>
        <button type="button" className="button button-ghost" onMouseDown={keepFocus} onClick={forward} disabled={!current || !answers[current.id]} aria-keyshortcuts="ArrowRight">
          Next <Kbd>→</Kbd>
        </button>
        <span className="spacer" />
        <button type="button" className="button button-primary" onMouseDown={keepFocus} onClick={submit} disabled={!allAnswered || submitting} aria-keyshortcuts="Enter">
          {submitting ? 'Submitting…' : 'Submit batch'} <Kbd>Enter</Kbd>
        </button>
      </div>
    </div>
  );
}
