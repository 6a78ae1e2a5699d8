import { normalisePair, normaliseText } from '../datasets/normalise';
import { selectionScore, type SelectionStrategy } from '../sampling/strategies';
import type { IngestFieldError } from './distribution';
import type { SampleRecord } from './sample-record';

/**
 * What the sample table stores beside the record, computed once at ingest so selection is one
 * indexed scan: the model's top probability, the score under the project's selection strategy,
 * the normalised pair (hashed to the pair_key column by the caller: core does no crypto) and the
 * canonical content a re-ingest is compared by.
 */
export type SampleRow = SampleRecord & {
  modelConfidence: number;
  uncertainty: number;
  /** normalisePair's key: both texts normalised, ordered when the project's pairs are symmetric. */
  normalisedPair: string;
  /** JSON of the distribution(s), written once here for both the content key and storage. */
  modelProbsJson: string;
  predictionsJson: string | null;
  /**
   * Canonical JSON of everything a re-ingest may change: texts, model label, prediction, passes,
   * model version and metadata (not the gold label, which is about the item, not the prediction).
   * Equal keys mean "nothing changed".
   */
  contentKey: string;
};

export type SampleRowRules = { strategy: SelectionStrategy; symmetricPairs: boolean };

export type SampleRowOutcome = { ok: true; row: SampleRow } | { ok: false; errors: IngestFieldError[] };

export function ingestSampleRow(record: SampleRecord, rules: SampleRowRules): SampleRowOutcome {
  const pair = normalisePair(record.textA, record.textB, { symmetric: rules.symmetricPairs });
  // Text made only of invisible characters (zero-width spaces, bidi marks) is as empty as "".
  if (pair.a === '' || pair.b === '') {
    const errors: IngestFieldError[] = [];
    if (normaliseText(record.textA) === '') errors.push({ field: 'text_a', message: 'text_a has no visible characters' });
    if (normaliseText(record.textB) === '') errors.push({ field: 'text_b', message: 'text_b has no visible characters' });
    return { ok: false, errors };
  }
  let top = 0;
  for (const p of Object.values(record.modelProbs)) {
    if (p > top) {
      top = p;
    }
  }
  // The distributions are built with sorted keys and the metadata is canonical already, so this
  // is canonicalJson's output at JSON.stringify's (native) speed; a test holds the two equal.
  const r = record;
  const modelProbsJson = JSON.stringify(r.modelProbs);
  const predictionsJson = r.predictions === null ? null : JSON.stringify(r.predictions);
  const head = JSON.stringify([r.textA, r.textB, r.modelLabel]);
  return {
    ok: true,
    row: {
      externalId: r.externalId,
      textA: r.textA,
      textB: r.textB,
      modelLabel: r.modelLabel,
      modelProbs: r.modelProbs,
      predictions: r.predictions,
      modelVersion: r.modelVersion,
      metadataJson: r.metadataJson,
      goldLabel: r.goldLabel,
      modelConfidence: top,
      uncertainty: selectionScore(rules.strategy, { probs: r.modelProbs, passes: r.predictions }),
      normalisedPair: pair.key,
      modelProbsJson,
      predictionsJson,
      contentKey: `${head.slice(0, -1)},${modelProbsJson},${predictionsJson ?? 'null'},${JSON.stringify(r.modelVersion)},${r.metadataJson ?? 'null'}]`,
    },
  };
}
