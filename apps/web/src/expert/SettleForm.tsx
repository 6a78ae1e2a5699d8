import { useRef, useState, type KeyboardEvent } from 'react';
import type { ReviewDecisionInput } from '../api/endpoints';
import { Kbd } from '../components/Kbd';
import { LabelButtons } from '../components/LabelButtons';
import { prettyLabel } from '../components/labels';
import { digitIndex, useHotkeys } from '../components/useHotkeys';

export type SettleFormProps = {
  labels: readonly string[];
  onDecide: (decision: ReviewDecisionInput, note: string | undefined) => void;
  onRelease: () => void;
  busy?: boolean;
};

export const decisionText = (d: ReviewDecisionInput) => (d.decision === 'label' ? `Settle as ${prettyLabel(d.label)}` : d.decision === 'ambiguous' ? 'Mark as ambiguous' : 'Mark as invalid pair');
const same = (a: ReviewDecisionInput | null, b: ReviewDecisionInput) => a !== null && a.decision === b.decision && (a.decision !== 'label' || (b.decision === 'label' && a.label === b.label));

/**
 * The decision: digits pick a label, A ambiguous, I invalid pair, N writes a note, Enter confirms,
 * Esc releases the claim. In the note field keys are text: Esc leaves it, Ctrl/⌘+Enter confirms.
 * Ambiguous and invalid pairs are kept out of datasets; the note says why.
 */
export function SettleForm({ labels, onDecide, onRelease, busy = false }: SettleFormProps) {
  const [picked, setPicked] = useState<ReviewDecisionInput | null>(null);
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const confirm = () => {
    if (!picked || busy) return;
    const trimmed = note.trim();
    onDecide(picked, trimmed ? trimmed : undefined);
  };

  useHotkeys((e) => {
    const d = digitIndex(e, labels.length);
    if (d !== null) {
      setPicked({ decision: 'label', label: labels[d]! });
      return true;
    }
    const key = e.key.toLowerCase();
    if (key === 'a') setPicked({ decision: 'ambiguous' });
    else if (key === 'i') setPicked({ decision: 'invalid' });
    else if (key === 'n') noteRef.current?.focus();
    else if (e.key === 'Enter') confirm();
    else if (e.key === 'Escape') {
      if (!busy) onRelease();
    } else return false;
    return true;
  });

  function onNoteKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.currentTarget.blur();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      confirm();
    }
  }

  const other = (d: ReviewDecisionInput & { decision: 'ambiguous' | 'invalid' }, text: string, key: string) => (
    <button
      type="button"
      className="button button-secondary decision-other"
      aria-pressed={same(picked, d)}
      aria-keyshortcuts={key}
      disabled={busy}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setPicked(d)}
    >
      <Kbd>{key}</Kbd> {text}
    </button>
  );

  return (
    <form
      className="settle"
      aria-label="Settle review"
      onSubmit={(e) => {
        e.preventDefault();
        confirm();
      }}
    >
      <h3 className="section-title">Your decision</h3>
      <LabelButtons labels={labels} selected={picked?.decision === 'label' ? picked.label : null} onPick={(label) => setPicked({ decision: 'label', label })} disabled={busy} />
      <div className="decision-others" role="group" aria-label="Cannot be labelled">
        {other({ decision: 'ambiguous' }, 'Ambiguous', 'A')}
        {other({ decision: 'invalid' }, 'Invalid pair', 'I')}
        <span className="muted hint">kept out of the dataset, with your note as the reason</span>
      </div>
      <label className="field">
        <span>
          Note <Kbd>N</Kbd> <span className="muted">(optional — Esc leaves the field, Ctrl+Enter confirms)</span>
        </span>
        <textarea ref={noteRef} name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={onNoteKey} placeholder="Why? Ambiguity, typos, missing context…" />
      </label>
      <div className="settle-actions">
        <button type="button" className="button button-ghost" onClick={onRelease} disabled={busy} aria-keyshortcuts="Escape">
          Release <Kbd>Esc</Kbd>
        </button>
        <span className="spacer" />
        <button type="submit" className="button button-primary" disabled={!picked || busy} aria-keyshortcuts="Enter">
          {picked ? decisionText(picked) : 'Pick a decision'} <Kbd>Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
