import type { ProjectSettings } from './api';

/**
 * The settings the project form edits, with the bounds and defaults of core's ZProjectConfig (the
 * server checks them again and its 400 names the field; these only let the browser catch a typo
 * before the round trip). Defaults are what a project gets when the field is left alone.
 */
export type NumberField = { kind: 'number'; key: keyof ProjectSettings; label: string; hint: string; min: number; max: number; step: number; fallback: number };
export type ChoiceField = { kind: 'choice'; key: keyof ProjectSettings; label: string; hint: string; options: readonly { value: string; label: string }[]; fallback: string };
export type ProjectField = NumberField | ChoiceField;

const int = (key: keyof ProjectSettings, label: string, hint: string, min: number, max: number, fallback: number): NumberField => ({ kind: 'number', key, label, hint, min, max, step: 1, fallback });
const real = (key: keyof ProjectSettings, label: string, hint: string, min: number, max: number, fallback: number, step = 0.01): NumberField => ({ kind: 'number', key, label, hint, min, max, step, fallback });

export const PROJECT_FIELD_GROUPS: readonly { title: string; fields: readonly ProjectField[] }[] = [
  {
    title: 'Labelling',
    fields: [
      int('overlap', 'Labels per item', 'Accepted crowd labels an item needs before it is aggregated (overlap).', 1, 20, 5),
      int('batchSize', 'Batch size', 'Pairs in one batch, controls included.', 1, 100, 10),
      real('goldRatio', 'Gold ratio', 'Share of each batch filled with controls (gold items).', 0, 0.5, 0.1, 0.05),
      int('leaseMinutes', 'Lease (minutes)', 'How long a labeller holds a batch before it returns to the pool.', 1, 240, 15),
    ],
  },
  {
    title: 'Selection',
    fields: [
      {
        kind: 'choice',
        key: 'selectionStrategy',
        label: 'Selection strategy',
        hint: 'How pooled samples are ranked for labelling.',
        options: [
          { value: 'entropy', label: 'Entropy (default)' },
          { value: 'least_confidence', label: 'Least confidence' },
          { value: 'margin', label: 'Margin' },
          { value: 'variance', label: 'Variance of stochastic passes' },
          { value: 'bald', label: 'BALD (mutual information)' },
        ],
        fallback: 'entropy',
      },
      int('openItemBudget', 'Open item budget', 'Most items open for labelling at once; selection tops up to it.', 1, 100_000, 100),
      int('selectPerRun', 'Items per selection run', 'Most items one selection run creates.', 1, 100_000, 500),
    ],
  },
  {
    title: 'Decisions',
    fields: [
      {
        kind: 'choice',
        key: 'aggregationMethod',
        label: 'Aggregation',
        hint: "How an item's posterior is computed from its labels.",
        options: [
          { value: 'dawid-skene', label: 'Dawid–Skene (default)' },
          { value: 'weighted', label: 'Reliability-weighted vote' },
          { value: 'majority', label: 'Majority vote' },
        ],
        fallback: 'dawid-skene',
      },
      real('escalateBelowPosterior', 'Escalate below posterior', "An item whose winning label's posterior is below this goes to an expert.", 0.5, 1, 0.9),
      real('acceptBelow', 'Accept batch below', 'P(random clicker) at or below which a batch is accepted.', 0, 0.5, 0.3),
      real('rejectAbove', 'Reject batch above', 'P(random clicker) at or above which a batch is rejected.', 0.5, 1, 0.9),
      real('minAccuracy', 'Honest accuracy floor', 'The accuracy an honest labeller is assumed to reach at least.', 0.5, 1, 0.7),
      int('maxWaitMinutes', 'Longest wait for peers (minutes)', 'A batch waiting for other labellers is decided on the evidence there is after this.', 0, 10_080, 60),
    ],
  },
];

export const PROJECT_FIELDS: readonly ProjectField[] = PROJECT_FIELD_GROUPS.flatMap((g) => g.fields);

export type FieldValues = Record<string, string>;

export function projectDefaults(): FieldValues {
  return Object.fromEntries(PROJECT_FIELDS.map((f) => [f.key, String(f.fallback)]));
}

export function projectValues(p: Record<string, unknown>): FieldValues {
  return Object.fromEntries(PROJECT_FIELDS.map((f) => [f.key, p[f.key] === undefined || p[f.key] === null ? String(f.fallback) : String(p[f.key])]));
}

/** The settings to send: numbers parsed, only fields that differ from `base` (all when no base).
 *  A field that is not a number is reported here, with the message the server would give. */
export function projectBody(values: FieldValues, base?: FieldValues): { body: ProjectSettings; errors: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of PROJECT_FIELDS) {
    const raw = (values[f.key] ?? '').trim();
    if (base && raw === (base[f.key] ?? '').trim()) continue;
    if (f.kind === 'choice') {
      body[f.key] = raw;
      continue;
    }
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) errors[f.key] = `${f.key} must be a number`;
    else if (f.step === 1 && !Number.isInteger(n)) errors[f.key] = `${f.key} must be a whole number`;
    else body[f.key] = n;
  }
  return { body: body as ProjectSettings, errors };
}
