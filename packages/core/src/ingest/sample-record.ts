import { z } from 'zod';
import { textHasLoneSurrogate, textIsBlank, textLength } from '../checks/text';
import type { Label } from '../words';

/**
 * One ingested sample: the zod schema (messages are shown to users as {line, field, message},
 * so each names the problem in plain English) and the step from parsed input to SampleRecord.
 */

export type SampleRecord = {
  externalId: string;
  textA: string;
  textB: string;
  modelLabel: Label | null;
  modelProbs: Record<Label, number>;
  modelVersion: string | null;
  goldLabel: Label | null;
};

/** `labels: null` accepts any label name (for the static schema the API documents). */
export type IngestRecordRules = { labels: readonly Label[] | null; maxTextLength: number };

/** Models emit softmax outputs rounded for transport; 1e-3 absorbs that, not a missing label. */
const INGEST_PROB_SUM_TOLERANCE = 1e-3;

function ingestDescribe(x: unknown): string {
  if (x === null) {
    return 'null';
  }
  if (Array.isArray(x)) {
    return 'an array';
  }
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

function ingestString(field: string) {
  return z.string({
    error: (iss) =>
      iss.input === undefined ? `${field} is required` : `${field} must be a string, got ${ingestDescribe(iss.input)}`,
  });
}

function ingestText(field: string, maxTextLength: number) {
  return ingestString(field)
    .refine((s) => !textIsBlank(s), { error: `${field} is empty`, abort: true })
    .refine((s) => !textHasLoneSurrogate(s), {
      error: `${field} contains broken unicode (lone surrogate)`,
      abort: true,
    })
    .refine((s) => textLength(s) <= maxTextLength, {
      error: `${field} is longer than ${maxTextLength} characters`,
      abort: true,
    });
}

function ingestLabel(field: string, labels: readonly Label[] | null) {
  return ingestString(field)
    .refine((l) => labels === null || labels.includes(l), {
      error: (iss) => `${field} '${String(iss.input)}' is not in the label set (${(labels ?? []).join(', ')})`,
    })
    .nullish();
}

function ingestProbs(labels: readonly Label[] | null) {
  const probability = z
    .number({ error: (iss) => `probability must be a number, got ${ingestDescribe(iss.input)}` })
    .min(0, { error: 'probability must be at least 0' })
    .max(1, { error: 'probability must be at most 1' });
  return z
    .record(z.string(), probability, {
      error: (iss) =>
        iss.input === undefined
          ? 'modelProbs is required'
          : `modelProbs must be an object of label → probability, got ${ingestDescribe(iss.input)}`,
    })
    .superRefine((probs, ctx) => {
      const keys = Object.keys(probs);
      for (const key of keys) {
        if (labels !== null && !labels.includes(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `'${key}' is not in the label set (${labels.join(', ')})`,
          });
        }
      }
      const sum = keys.reduce((acc, k) => acc + (probs[k] ?? 0), 0);
      if (Math.abs(sum - 1) > INGEST_PROB_SUM_TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `modelProbs must sum to 1 (±${INGEST_PROB_SUM_TOLERANCE}), but they sum to ${Number(sum.toFixed(6))}`,
        });
      }
    });
}

export function ingestRecordSchema(rules: IngestRecordRules) {
  return z.strictObject(
    {
      externalId: ingestString('externalId')
        .min(1, { error: 'externalId must not be empty' })
        .max(200, { error: 'externalId must be at most 200 characters' }),
      textA: ingestText('textA', rules.maxTextLength),
      textB: ingestText('textB', rules.maxTextLength),
      modelLabel: ingestLabel('modelLabel', rules.labels),
      modelProbs: ingestProbs(rules.labels),
      modelVersion: ingestString('modelVersion')
        .max(100, { error: 'modelVersion must be at most 100 characters' })
        .nullish(),
      goldLabel: ingestLabel('goldLabel', rules.labels),
    },
    {
      error: (iss) => {
        if (iss.code === 'unrecognized_keys') {
          return `unknown field(s): ${iss.keys.join(', ')}`;
        }
        return iss.code === 'invalid_type'
          ? `each sample must be a JSON object, got ${ingestDescribe(iss.input)}`
          : undefined;
      },
    },
  );
}

/** The input shape for the API's OpenAPI document: any label names, the largest text limit. */
export const ZSampleRecordInput = ingestRecordSchema({ labels: null, maxTextLength: 100_000 });
export type TSampleRecordInput = z.input<typeof ZSampleRecordInput>;

export type IngestFieldError = { field: string; message: string };

export type IngestRecordOutcome = { ok: true; record: SampleRecord } | { ok: false; errors: IngestFieldError[] };

/**
 * Returns a validator for one record (the schema is built once per body, not per line).
 * modelProbs is completed with 0 for labels the model did not report,
 * so every sample's uncertainty is computed over the same k labels. A missing modelLabel is the
 * argmax of modelProbs, ties going to the earlier project label (deterministic).
 */
export function ingestRecordValidator(rules: {
  labels: readonly Label[];
  maxTextLength: number;
}): (raw: unknown) => IngestRecordOutcome {
  const schema = ingestRecordSchema(rules);
  return (raw) => ingestRecordFinish(schema.safeParse(raw), rules.labels);
}

function ingestRecordFinish(
  parsed: z.ZodSafeParseResult<z.output<ReturnType<typeof ingestRecordSchema>>>,
  labels: readonly Label[],
): IngestRecordOutcome {
  if (!parsed.success) {
    const errors: IngestFieldError[] = [];
    for (const iss of parsed.error.issues) {
      if (iss.code === 'unrecognized_keys') {
        // One issue lists every unknown key; users fix them one field at a time.
        errors.push(...iss.keys.map((k) => ({ field: k, message: `unknown field '${k}'` })));
      } else {
        errors.push({ field: iss.path.length === 0 ? '(line)' : iss.path.map(String).join('.'), message: iss.message });
      }
    }
    return { ok: false, errors };
  }
  const input = parsed.data;
  const modelProbs: Record<Label, number> = Object.fromEntries(
    labels.map((l) => [l, Object.hasOwn(input.modelProbs, l) ? (input.modelProbs[l] ?? 0) : 0]),
  );
  let argmax: Label | null = null;
  for (const l of labels) {
    if (argmax === null || (modelProbs[l] ?? 0) > (modelProbs[argmax] ?? 0)) {
      argmax = l;
    }
  }
  return {
    ok: true,
    record: {
      externalId: input.externalId,
      textA: input.textA,
      textB: input.textB,
      modelLabel: input.modelLabel ?? argmax,
      modelProbs,
      modelVersion: input.modelVersion ?? null,
      goldLabel: input.goldLabel ?? null,
    },
  };
}
