import { z } from 'zod';

/**
 * The project settings the dataset checks need, kept apart from project-config.ts so the merge
 * can be reasoned about on its own. `labels` and `maxTextLength` already live in the project
 * config; the checks take them from there (see CandidateCheckConfig).
 *
 * Defaults: 80/10/10 is the usual split for a few thousand to a million rows; 0.9 shingle
 * Jaccard catches re-typed and re-punctuated copies without pairing texts that merely share a
 * topic; a 10-point swing in a label's share is large enough to be worth a look before approval.
 */

function datasetConfigNumber(field: string, min: number, max: number, fallback: number) {
  return z
    .number({ error: `${field} must be a number` })
    .min(min, { error: `${field} must be at least ${min}` })
    .max(max, { error: `${field} must be at most ${max}` })
    .default(fallback);
}

const ratio = (field: string) =>
  z
    .number({ error: `splitRatios.${field} must be a number` })
    .min(0, { error: `splitRatios.${field} must be at least 0` })
    .max(1, { error: `splitRatios.${field} must be at most 1` });

export const ZSplitRatios = z
  .strictObject({ train: ratio('train'), dev: ratio('dev'), test: ratio('test') })
  // A little slack for ratios typed as decimals (0.7 + 0.2 + 0.1 is 0.9999999999999999).
  .refine((r) => Math.abs(r.train + r.dev + r.test - 1) < 1e-9, { error: 'splitRatios must add up to 1' })
  .refine((r) => r.train > 0, { error: 'splitRatios.train must be above 0' });

export const ZDatasetSettings = z.strictObject({
  /** Share of rows per split; a row's split is a hash of its normalised pair, so it never moves. */
  splitRatios: ZSplitRatios.default(() => ({ train: 0.8, dev: 0.1, test: 0.1 })),
  /** Shingle Jaccard at or above which two pairs count as near-duplicates. */
  nearDuplicateThreshold: datasetConfigNumber('nearDuplicateThreshold', 0.5, 1, 0.9),
  /** Flag a label whose share of the version moved more than this (absolute) from the parent's. */
  labelDriftThreshold: datasetConfigNumber('labelDriftThreshold', 0.01, 1, 0.1),
  /** True when (a, b) and (b, a) are the same question, so a swapped pair is a duplicate. */
  symmetricPairs: z.boolean({ error: 'symmetricPairs must be true or false' }).default(false),
});

export type TSplitRatios = z.infer<typeof ZSplitRatios>;
export type TDatasetSettings = z.infer<typeof ZDatasetSettings>;

/** Parses and fills defaults; throws ZodError on bad input. */
export function datasetSettingsParse(input: unknown): TDatasetSettings {
  return ZDatasetSettings.parse(input);
}
