import { useState, type KeyboardEvent } from 'react';
import { Kbd } from '../components/Kbd';
import { LabelButtons } from '../components/LabelButtons';
import { prettyLabel } from '../components/labels';
import { digitIndex, useHotkeys } from '../components/useHotkeys';

export type SettleFormProps = {
  labels: readonly string[];
  onSettle: (label: string, note: string | undefined) => void;
  onRelease: () => void;
  busy?: boolean;
};

/**
 * Digits pick a label, Enter settles, Esc releases the claim. In the note field keys are text:
 * Esc leaves the field and Ctrl/⌘+Enter settles from it.
 */
export function SettleForm({ labels, onSettle, onRelease, busy = false }: SettleFormProps) {
  const [picked, setPicked] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const settle = () => {
    if (!picked || busy) return;
    const trimmed = note.trim();
    onSettle(picked, trimmed ? trimmed : undefined);
  };

  useHotkeys((e) => {
    const d = digitIndex(e, labels.length);
    if (d !== null) {
      setPicked(labels[d] ?? null);
      return true;
    }
    if (e.key === 'Enter') {
      settle();
      return true;
    }
    if (e.key === 'Escape') {
      if (!busy) onRelease();
      return true;
    }
    return false;
  });

  function onNoteKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.currentTarget.blur();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      settle();
    }
  }

  return (
    <form
      className="settle"
      aria-label="Settle review"
      onSubmit={(e) => {
        e.preventDefault();
        settle();
      }}
    >
      <h3 className="section-title">Your decision</h3>
      <LabelButtons labels={labels} selected={picked} onPick={setPicked} disabled={busy} />
      <label className="field">
        <span>
          Note <span className="muted">(optional — Esc leaves the field, Ctrl+Enter settles)</span>
        </span>
        <textarea name="note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={onNoteKey} placeholder="Why this label? Ambiguity, typos, context…" />
      </label>
      <div className="settle-actions">
        <button type="button" className="button button-ghost" onClick={onRelease} disabled={busy} aria-keyshortcuts="Escape">
          Release <Kbd>Esc</Kbd>
        </button>
        <span className="spacer" />
        <button type="submit" className="button button-primary" disabled={!picked || busy} aria-keyshortcuts="Enter">
          {picked ? `Settle as ${prettyLabel(picked)}` : 'Pick a label to settle'} <Kbd>Enter</Kbd>
        </button>
      </div>
    </form>
  );
}
