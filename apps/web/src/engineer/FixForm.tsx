import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage, isApiError } from '../api/errors';
import { prettyLabel } from '../components/labels';
import type { QuarantinedRow, QuarantineFix } from './datasetTypes';

type Field = 'label' | 'textA' | 'textB' | 'note';
const FIELDS: readonly Field[] = ['label', 'textA', 'textB', 'note'];

type Props = {
  row: QuarantinedRow;
  labels: readonly string[];
  /** Resolves when fixed; a 400 naming a field is shown under that field. */
  onFix: (fix: QuarantineFix) => Promise<void>;
  onCancel: () => void;
};

type Errors = { byField: Partial<Record<Field, string>>; general: string | null };

/** A field name as the server gives it (`textB`, or a path ending in it) → the form's field. */
const asField = (name: string | undefined): Field | null => {
  const last = name?.split('.').pop() as Field | undefined;
  return last && FIELDS.includes(last) ? last : null;
};

/**
 * The server's 400 names the first bad field and lists every problem in `details`, so each
 * message goes under its own field; what names no field of this form is shown above the buttons.
 */
function errorsFrom(e: unknown): Errors {
  if (!isApiError(e)) return { byField: {}, general: errorMessage(e) };
  const byField: Partial<Record<Field, string>> = {};
  for (const d of e.details ?? []) {
    const f = asField(d.field);
    if (f && !byField[f]) byField[f] = d.message;
  }
  const f = asField(e.field);
  if (f && !byField[f]) byField[f] = e.message;
  return { byField, general: Object.keys(byField).length === 0 ? errorMessage(e) : null };
}

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-error" role="alert">
      {children}
    </p>
  );
}

/**
 * Corrects a quarantined row: its label (from the project's labels) and either text. Only what
 * changed is sent; the row goes through the checks again at the next merge. The server's
 * validation errors appear under the field they name.
 */
export function FixForm({ row, labels, onFix, onCancel }: Props) {
  const [label, setLabel] = useState(labels.includes(row.label) ? row.label : '');
  const [textA, setTextA] = useState(row.textA);
  const [textB, setTextB] = useState(row.textB);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({ byField: {}, general: null });
  const idFor = (f: Field) => `fix-${row.id}-${f}`;
  const errorOn = (f: Field) => errors.byField[f] ?? null;
  const invalid = (f: Field) => ({ 'aria-invalid': errorOn(f) ? true : undefined, 'aria-describedby': errorOn(f) ? `${idFor(f)}-error` : undefined });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fix: QuarantineFix = {};
    if (label && label !== row.label) fix.label = label;
    if (textA !== row.textA) fix.textA = textA;
    if (textB !== row.textB) fix.textB = textB;
    if (Object.keys(fix).length === 0) return setErrors({ byField: {}, general: 'Nothing changed: edit the label or a text.' });
    if (note.trim()) fix.note = note.trim();
    setBusy(true);
    setErrors({ byField: {}, general: null });
    try {
      await onFix(fix);
    } catch (err) {
      setErrors(errorsFrom(err));
      setBusy(false);
    }
  }

  return (
    <form className="quarantine-form" onSubmit={submit} aria-label="Fix the row" noValidate>
      <label className="field">
        <span>Label</span>
        <select value={label} onChange={(e) => setLabel(e.target.value)} {...invalid('label')}>
          {!labels.includes(row.label) && <option value="">{row.label} (not in the label set) — pick one</option>}
          {labels.map((l) => (
            <option key={l} value={l}>
              {prettyLabel(l)}
            </option>
          ))}
        </select>
      </label>
      {errorOn('label') && <FieldError id={`${idFor('label')}-error`}>{errorOn('label')}</FieldError>}
      <div className="fix-texts">
        <div>
          <label className="field">
            <span>Text A</span>
            <textarea rows={3} value={textA} onChange={(e) => setTextA(e.target.value)} {...invalid('textA')} />
          </label>
          {errorOn('textA') && <FieldError id={`${idFor('textA')}-error`}>{errorOn('textA')}</FieldError>}
        </div>
        <div>
          <label className="field">
            <span>Text B</span>
            <textarea rows={3} value={textB} onChange={(e) => setTextB(e.target.value)} {...invalid('textB')} />
          </label>
          {errorOn('textB') && <FieldError id={`${idFor('textB')}-error`}>{errorOn('textB')}</FieldError>}
        </div>
      </div>
      <label className="field">
        <span>
          Note <span className="muted">(optional: what was wrong)</span>
        </span>
        <input type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} {...invalid('note')} />
      </label>
      {errorOn('note') && <FieldError id={`${idFor('note')}-error`}>{errorOn('note')}</FieldError>}
      {errors.general && <FieldError id={`fix-${row.id}-error`}>{errors.general}</FieldError>}
      <div className="quarantine-actions">
        <button type="button" className="link-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <span className="spacer" />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save fix'}
        </button>
      </div>
    </form>
  );
}
