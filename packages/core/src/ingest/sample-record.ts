import { z } from 'zod';
import type { Label } from '../words';
import { ingestArgmax, ingestDescribe, ingestDistribution, ingestMeanDistribution, type IngestFieldError } from './distribution';
import { ingestMetadata } from './metadata';
import { ingestKey, ingestLabel, ingestMetadataShape, ingestPasses, ingestString, ingestText } from './wire-fields';

/**
 * One ingested sample on the wire (snake_case, as README and OpenAPI document it) and the step
 * from parsed JSON to a SampleRecord:
 *   external_id, text_a, text_b, prediction (object, or one number for two labels),
 *   predictions (optional stochastic passes), model_label (optional, default the argmax),
 *   model_version, metadata (optional object), gold_label (optional: a known answer → gold item).
 * `prediction` may be left out when `predictions` is sent: it is then their mean.
 */

export type SampleRecord = {
  externalId: string;
  textA: string;
  textB: string;
  modelLabel: Label;
  modelProbs: Record<Label, number>;
  predictions: Record<Label, number>[] | null;
  modelVersion: string | null;
  /** Canonical JSON (sorted keys) of the metadata object, or null. */
  metadataJson: string | null;
  goldLabel: Label | null;
};

/** `labels: null` accepts any label name (for the static schema the API documents). */
export type IngestRecordRules = { labels: readonly Label[] | null; maxTextLength: number };

/**
 * camelCase names of the first format, still accepted so existing producers keep working; a
 * record may not send a field under both names.
 */
export const INGEST_FIELD_ALIASES: Readonly<Record<string, string>> = {
  externalId: 'external_id',
  textA: 'text_a',
  textB: 'text_b',
  modelProbs: 'prediction',
  modelLabel: 'model_label',
  modelVersion: 'model_version',
  goldLabel: 'gold_label',
};

export function ingestRecordSchema(rules: IngestRecordRules) {
  return z.strictObject(
    {
      external_id: ingestKey('external_id', 200),
      text_a: ingestText('text_a', rules.maxTextLength),
      text_b: ingestText('text_b', rules.maxTextLength),
      prediction: z.unknown().optional(),
      predictions: ingestPasses,
      model_label: ingestLabel('model_label', rules.labels),
      model_version: ingestString('model_version').max(100, { error: 'model_version must be at most 100 characters' }).nullish(),
      metadata: ingestMetadataShape,
      gold_label: ingestLabel('gold_label', rules.labels),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? `each sample must be a JSON object, got ${ingestDescribe(iss.input)}` : undefined) },
  );
}

/** The input shape for the API's OpenAPI document: any label names, the largest text limit. */
export const ZSampleRecordInput = ingestRecordSchema({ labels: null, maxTextLength: 100_000 });
export type TSampleRecordInput = z.input<typeof ZSampleRecordInput>;

export type IngestRecordOutcome = { ok: true; record: SampleRecord } | { ok: false; errors: IngestFieldError[] };

type Renamed = { value: unknown; aliased: Map<string, string> | null; errors: IngestFieldError[] };

/** Renames camelCase aliases; the common snake_case record passes through without a copy. */
function ingestUnalias(raw: unknown): Renamed {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { value: raw, aliased: null, errors: [] };
  }
  const input = raw as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  let aliased: Map<string, string> | null = null;
  const errors: IngestFieldError[] = [];
  for (const key of Object.keys(input)) {
    const canonical = Object.hasOwn(INGEST_FIELD_ALIASES, key) ? INGEST_FIELD_ALIASES[key]! : null;
    if (canonical === null) {
      continue;
    }
    out ??= { ...input };
    aliased ??= new Map();
    delete out[key];
    if (Object.hasOwn(input, canonical)) {
      errors.push({ field: key, message: `${key} and ${canonical} are the same field; send only ${canonical}` });
    } else {
      out[canonical] = input[key];
      aliased.set(canonical, key);
    }
  }
  return { value: out ?? raw, aliased, errors };
}

/** Errors name the field as the producer wrote it, alias or not. */
function ingestAliasField(e: IngestFieldError, aliased: Map<string, string> | null): IngestFieldError {
  const dot = e.field.indexOf('.');
  const head = dot < 0 ? e.field : e.field.slice(0, dot);
  const alias = aliased?.get(head);
  return alias === undefined ? e : { field: alias + e.field.slice(head.length), message: e.message.replace(head, alias) };
}

function ingestZodErrors(error: z.ZodError): IngestFieldError[] {
  const errors: IngestFieldError[] = [];
  for (const iss of error.issues) {
    if (iss.code === 'unrecognized_keys') {
      // One issue lists every unknown key; users fix them one field at a time.
      errors.push(...iss.keys.map((k) => ({ field: k, message: `unknown field '${k}'` })));
    } else {
      errors.push({ field: iss.path.length === 0 ? '(line)' : iss.path.map(String).join('.'), message: iss.message });
    }
  }
  return errors;
}

type Distributions = { prediction?: unknown; predictions?: readonly unknown[] | null; metadata?: Record<string, unknown> | null };
type Derived = { errors: IngestFieldError[]; probs: Record<Label, number> | null; passes: Record<Label, number>[] | null; metadataJson: string | null };

/**
 * Checks that need the project's labels: the distributions and the metadata. Also run when the
 * schema failed (on the parts whose shape is right), so a line's every problem is reported at once.
 */
function ingestDerive(input: Distributions, labels: readonly Label[], keyOrder: readonly Label[]): Derived {
  const out: Derived = { errors: [], probs: null, passes: null, metadataJson: null };
  if (input.predictions) {
    out.passes = [];
    for (let i = 0; i < input.predictions.length; i++) {
      const pass = ingestDistribution(input.predictions[i], labels, `predictions.${i}`, keyOrder);
      if (pass.ok) out.passes.push(pass.probs);
      else out.errors.push(...pass.errors);
    }
  }
  if (input.prediction !== undefined && input.prediction !== null) {
    const p = ingestDistribution(input.prediction, labels, 'prediction', keyOrder);
    if (p.ok) out.probs = p.probs;
    else out.errors.push(...p.errors);
  } else if (!input.predictions) {
    out.errors.push({ field: 'prediction', message: 'prediction is required (label → probability, or predictions with several passes)' });
  }
  if (input.metadata) {
    const m = ingestMetadata(input.metadata);
    if (m.ok) out.metadataJson = m.json;
    else out.errors.push(m.error);
  }
  return out;
}

/** The parts of a record that failed the schema whose own shape is right, for ingestDerive. */
function ingestShapedParts(value: unknown, failed: ReadonlySet<string>): Distributions | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const v = value as Record<string, unknown>;
  return {
    prediction: v['prediction'],
    // A pass list of the wrong shape is reported already; [] keeps "prediction is required" quiet.
    predictions: failed.has('predictions') ? [] : (v['predictions'] as unknown[] | null | undefined),
    metadata: failed.has('metadata') ? null : (v['metadata'] as Record<string, unknown> | null | undefined),
  };
}

/** Returns a validator for one parsed record; the schema is built once per request, not per line. */
export function ingestRecordValidator(rules: { labels: readonly Label[]; maxTextLength: number }): (raw: unknown) => IngestRecordOutcome {
  const schema = ingestRecordSchema(rules);
  const { labels } = rules;
  // Distributions are built with sorted keys, so JSON.stringify of a record is canonical JSON.
  const keyOrder = [...labels].sort();
  return (raw) => {
    const renamed = ingestUnalias(raw);
    const parsed = schema.safeParse(renamed.value);
    if (parsed.success) {
      const d = ingestDerive(parsed.data, labels, keyOrder);
      if (d.errors.length === 0 && renamed.errors.length === 0) {
        const input = parsed.data;
        const modelProbs = d.probs ?? ingestMeanDistribution(d.passes!, keyOrder);
        const record: SampleRecord = {
          externalId: input.external_id,
          textA: input.text_a,
          textB: input.text_b,
          modelLabel: input.model_label ?? ingestArgmax(modelProbs, labels),
          modelProbs,
          predictions: d.passes,
          modelVersion: input.model_version ?? null,
          metadataJson: d.metadataJson,
          goldLabel: input.gold_label ?? null,
        };
        return { ok: true, record };
      }
      return { ok: false, errors: [...renamed.errors, ...d.errors].map((e) => ingestAliasField(e, renamed.aliased)) };
    }
    const schemaErrors = ingestZodErrors(parsed.error);
    const parts = ingestShapedParts(renamed.value, new Set(schemaErrors.map((e) => e.field.split('.')[0]!)));
    const derived = parts ? ingestDerive(parts, labels, keyOrder).errors : [];
    return { ok: false, errors: [...renamed.errors, ...schemaErrors, ...derived].map((e) => ingestAliasField(e, renamed.aliased)) };
  };
}
