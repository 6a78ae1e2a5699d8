import { z } from 'zod';
import { AGGREGATION_METHODS } from './aggregation/aggregate-labels';
import { ZDatasetSettings } from './datasets/dataset-config';
import { SELECTION_STRATEGIES, SELECTION_STRATEGY_DEFAULT } from './sampling/strategies';

/**
 * A project's settings. Defaults are the values the seed talks settled on (five labellers per
 * item, 10-item batches, one gold item in ten); bounds keep a typo from creating a project that
 * could never finish (overlap 500) or that leaks gold (goldRatio 0.9).
 */

const LABEL_PATTERN = /^[a-z0-9_-]+$/i;

function projectConfigInt(field: string, min: number, max: number, fallback: number) {
  return z
    .int({ error: `${field} must be a whole number` })
    .min(min, { error: `${field} must be at least ${min}` })
    .max(max, { error: `${field} must be at most ${max}` })
    .default(fallback);
}

function projectConfigNumber(field: string, min: number, max: number, fallback: number) {
  return z
    .number({ error: `${field} must be a number` })
    .min(min, { error: `${field} must be at least ${min}` })
    .max(max, { error: `${field} must be at most ${max}` })
    .default(fallback);
}

const ZLabel = z
  .string({ error: 'each label must be a string' })
  .min(1, { error: 'a label must not be empty' })
  .max(64, { error: 'a label must be at most 64 characters' })
  .regex(LABEL_PATTERN, { error: 'a label may only contain letters, digits, "_" and "-"' });

export const ZProjectConfig = z.strictObject(
  {
    labels: z
      .array(ZLabel, { error: 'labels must be a list of strings' })
      .min(2, { error: 'labels must have at least 2 entries' })
      .max(20, { error: 'labels must have at most 20 entries' })
      .refine((ls) => new Set(ls).size === ls.length, { error: 'labels must be distinct' })
      // A function default so every parse gets its own array (callers may mutate it).
      .default(() => ['match', 'no_match']),
    overlap: projectConfigInt('overlap', 1, 20, 5),
    batchSize: projectConfigInt('batchSize', 1, 100, 10),
    goldRatio: projectConfigNumber('goldRatio', 0, 0.5, 0.1),
    aggregationMethod: z
      .enum(AGGREGATION_METHODS, { error: `aggregationMethod must be one of ${AGGREGATION_METHODS.join(', ')}` })
      .default('dawid-skene'),
    // Below 0.5 a label could settle while another is as likely; 0.9 is the README's reasoned default.
    escalateBelowPosterior: projectConfigNumber('escalateBelowPosterior', 0.5, 1, 0.9),
    openItemBudget: projectConfigInt('openItemBudget', 1, 100_000, 100),
    // How pooled samples are ranked (sampling/strategies.ts says why entropy is the default).
    selectionStrategy: z
      .enum(SELECTION_STRATEGIES, { error: `selectionStrategy must be one of ${SELECTION_STRATEGIES.join(', ')}` })
      .default(SELECTION_STRATEGY_DEFAULT),
    // Most items one selection run creates: a big budget fills over several runs (sampling/budget.ts).
    selectPerRun: projectConfigInt('selectPerRun', 1, 100_000, 500),
    leaseMinutes: projectConfigInt('leaseMinutes', 1, 240, 15),
    maxTextLength: projectConfigInt('maxTextLength', 1, 100_000, 10_000),
    minAccuracy: projectConfigNumber('minAccuracy', 0.5, 1, 0.7),
    rejectAbove: projectConfigNumber('rejectAbove', 0.5, 1, 0.9),
    acceptBelow: projectConfigNumber('acceptBelow', 0, 0.5, 0.3),
    maxWaitMinutes: projectConfigInt('maxWaitMinutes', 0, 10_080, 60),
    readingTimeScale: projectConfigNumber('readingTimeScale', 0.0001, 10, 1),
    goldFromConsensus: z.boolean({ error: 'goldFromConsensus must be true or false' }).default(false),
    // The merge's data checks: splits, near-duplicate and drift thresholds, symmetric pairs.
    ...ZDatasetSettings.shape,
  },
  {
    // Unknown keys are almost always typos ("overlapp"); silently dropping them would leave
    // the project on a default the engineer did not choose.
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `unknown setting(s): ${iss.keys.join(', ')}` : undefined,
  },
);

export type TProjectConfig = z.infer<typeof ZProjectConfig>;

/** Parses and fills defaults; throws ZodError on bad input. */
export function projectConfigParse(input: unknown): TProjectConfig {
  return ZProjectConfig.parse(input);
}

/**
 * A change to some settings: each given field checked as on creation, absent fields left out
 * (not filled with defaults, which would silently reset them). Throws ZodError on bad input.
 */
export function projectConfigPatchParse(input: unknown): Partial<TProjectConfig> {
  const full = ZProjectConfig.parse(input);
  const given = new Set(Object.keys(input as object));
  return Object.fromEntries(Object.entries(full).filter(([k]) => given.has(k))) as Partial<TProjectConfig>;
}
