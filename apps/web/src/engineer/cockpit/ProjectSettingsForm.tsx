import { useEffect, useState, type FormEvent } from 'react';
import { isApiError } from '../../api/errors';
import { PROJECT_FIELD_GROUPS, PROJECT_FIELDS, projectBody, type FieldValues, type ProjectField } from './projectFields';
import type { ProjectSettings } from './api';

type Props = {
  /** 'create': a new project (name and labels too); 'edit': the current one (only changes are sent). */
  mode: 'create' | 'edit';
  initial: FieldValues;
  /** Labels are fixed once the project exists: shown, not edited. */
  labels?: readonly string[];
  submitLabel: string;
  onSubmit: (settings: ProjectSettings & { name?: string }) => Promise<void>;
};

const num = (n: number) => n.toLocaleString('en-US');
const KNOWN = new Set<string>(['name', 'labels', ...PROJECT_FIELDS.map((f) => f.key)]);

/** Server field names → the message, from a 400's details (e.g. "overlap: overlap must be at most 20"). */
function fieldErrorsOf(e: unknown): Record<string, string> | null {
  if (!isApiError(e) || e.code !== 'bad_request') return null;
  const out: Record<string, string> = {};
  for (const d of e.details ?? (e.field ? [{ field: e.field, message: e.message }] : [])) {
    const key = d.field.split('.')[0]!;
    out[key] ??= d.message.replace(new RegExp(`^${key}: `), '');
  }
  return out;
}

/** A project's settings form: grouped fields with bounds and defaults, field errors from the API. */
export function ProjectSettingsForm({ mode, initial, labels, submitLabel, onSubmit }: Props) {
  const [values, setValues] = useState<FieldValues>(initial);
  const [name, setName] = useState('');
  const [labelText, setLabelText] = useState('match, no_match');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setValues(initial), [initial]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setFormError(null);
    const { body, errors: local } = projectBody(values, mode === 'edit' ? initial : undefined);
    const extra: { name?: string; labels?: string[] } = {};
    if (mode === 'create') {
      if (!name.trim()) local.name = 'name is required';
      extra.name = name.trim();
      extra.labels = labelText.split(',').map((l) => l.trim()).filter(Boolean);
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    if (mode === 'edit' && Object.keys(body).length === 0) {
      setFormError('Nothing changed.');
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ ...body, ...extra });
      setSaved(true);
    } catch (err) {
      // Errors on a field the form shows go under it; anything else (an unknown setting) above the button.
      const fields = fieldErrorsOf(err) ?? {};
      const shown = Object.fromEntries(Object.entries(fields).filter(([k]) => KNOWN.has(k)));
      setErrors(shown);
      if (Object.keys(shown).length === 0) setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const id = (key: string) => `${mode}-project-${key}`;
  const described = (key: string) => (errors[key] ? `${id(key)}-error` : `${id(key)}-hint`);
  const errorText = (key: string) =>
    errors[key] ? (
      <span id={`${id(key)}-error`} className="field-error">
        {errors[key]}
      </span>
    ) : null;

  function input(f: ProjectField) {
    const common = { id: id(f.key), 'aria-invalid': errors[f.key] ? true : undefined, 'aria-describedby': described(f.key) } as const;
    const onChange = (v: string) => setValues((prev) => ({ ...prev, [f.key]: v }));
    return (
      <div key={f.key} className="field project-field">
        <label htmlFor={id(f.key)}>{f.label}</label>
        {f.kind === 'choice' ? (
          <select {...common} value={values[f.key] ?? f.fallback} onChange={(e) => onChange(e.target.value)}>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type="number" inputMode="decimal" min={f.min} max={f.max} step={f.step} value={values[f.key] ?? ''} onChange={(e) => onChange(e.target.value)} />
        )}
        <span id={`${id(f.key)}-hint`} className="field-hint">
          {f.hint} {f.kind === 'number' ? `${num(f.min)}–${num(f.max)}, default ${num(f.fallback)}.` : ''}
        </span>
        {errorText(f.key)}
      </div>
    );
  }

  return (
    <form className="project-form" onSubmit={(e) => void submit(e)} noValidate aria-label={mode === 'create' ? 'New project' : 'Project settings'}>
      {mode === 'create' ? (
        <div className="project-grid">
          <div className="field project-field">
            <label htmlFor={id('name')}>Name</label>
            <input id={id('name')} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={described('name')} />
            <span id={`${id('name')}-hint`} className="field-hint">What the team calls this labelling job.</span>
            {errorText('name')}
          </div>
          <div className="field project-field">
            <label htmlFor={id('labels')}>Labels</label>
            <input id={id('labels')} value={labelText} onChange={(e) => setLabelText(e.target.value)} aria-invalid={errors.labels ? true : undefined} aria-describedby={described('labels')} />
            <span id={`${id('labels')}-hint`} className="field-hint">Comma-separated; letters, digits, _ and -. Fixed once the project exists.</span>
            {errorText('labels')}
          </div>
        </div>
      ) : (
        labels && <p className="muted">Labels: {labels.join(', ')} (fixed once the project exists).</p>
      )}
      {PROJECT_FIELD_GROUPS.map((g) => (
        <fieldset key={g.title} className="project-group">
          <legend>{g.title}</legend>
          <div className="project-grid">{g.fields.map(input)}</div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {saved && (
          <span role="status" className="tone-accepted">
            {mode === 'create' ? 'Project created.' : 'Saved.'}
          </span>
        )}
        {formError && (
          <span role="alert" className="field-error">
            {formError}
          </span>
        )}
      </div>
    </form>
  );
}
