import type { Label } from '../words';
import type { DawidSkeneResult } from './dawid-skene';

/**
 * A fitted aggregation model as one item's aggregation needs it: the class prior, each known
 * labeller's confusion P(answer | true) and accuracy, and the crowd's pooled confusion for a
 * labeller the fit has not seen. Matrices are [true][answered], in `labels` order.
 */
export type AggregationModelLabeller = { confusion: readonly (readonly number[])[]; accuracy: number };

export type AggregationModel = {
  labels: readonly Label[];
  classPrior: readonly number[];
  pooledConfusion: readonly (readonly number[])[];
  labellers: ReadonlyMap<string, AggregationModelLabeller>;
};

/**
 * The accuracy assumed before any fit: the platform's default for a labeller nobody has measured
 * (services' CROWD_ACCURACY_DEFAULT, 0.8). With five votes and the default threshold 0.9 it
 * reproduces the vote rule the platform had before a model exists: 5–0 (0.999) and 4–1 (0.985)
 * settle, 3–2 (0.8) escalates, and with two votes 2–0 (0.94) settles.
 */
export const AGGREGATION_DEFAULT_ACCURACY = 0.8;

/** P(answer | true) of a labeller right with probability `accuracy`, errors spread evenly. */
export function aggregationUniformConfusion(accuracy: number, k: number): number[][] {
  const off = k > 1 ? (1 - accuracy) / (k - 1) : 0;
  return Array.from({ length: k }, (_, t) => Array.from({ length: k }, (_, l) => (t === l ? (k > 1 ? accuracy : 1) : off)));
}

/** The model of a project nothing has been fitted for: uniform prior, every labeller at the default accuracy. */
export function aggregationModelDefault(labels: readonly Label[]): AggregationModel {
  const k = labels.length;
  return {
    labels: [...labels],
    classPrior: labels.map(() => 1 / k),
    pooledConfusion: aggregationUniformConfusion(AGGREGATION_DEFAULT_ACCURACY, k),
    labellers: new Map(),
  };
}

/** Σ_t prior(t) · P(answer t | true t): the accuracy of a labeller with this confusion. */
export function aggregationAccuracy(classPrior: readonly number[], confusion: readonly (readonly number[])[]): number {
  return classPrior.reduce((sum, p, t) => sum + p * confusion[t]![t]!, 0);
}

/** What a labeller the model does not know is assumed to be: the crowd's pooled confusion. */
export function aggregationModelLabeller(model: AggregationModel, labellerId: string): AggregationModelLabeller {
  return model.labellers.get(labellerId) ?? { confusion: model.pooledConfusion, accuracy: aggregationAccuracy(model.classPrior, model.pooledConfusion) };
}

/** A row of a flat K × K matrix as nested arrays. */
const rows = (flat: Float64Array, offset: number, k: number): number[][] => Array.from({ length: k }, (_, t) => Array.from(flat.subarray(offset + t * k, offset + t * k + k)));

/**
 * The model a Dawid–Skene fit makes: `workers[w]` is worker w's id; `labelCounts[w]` how many
 * labels it had (a worker with none is left out: the pooled confusion says the same).
 */
export function aggregationModelFromFit(
  labels: readonly Label[],
  workers: readonly string[],
  labelCounts: Int32Array,
  fit: Pick<DawidSkeneResult, 'classPrior' | 'pooledConfusion' | 'confusions' | 'workerAccuracy'>,
): AggregationModel & { labelCounts: ReadonlyMap<string, number> } {
  const k = labels.length;
  const labellers = new Map<string, AggregationModelLabeller>();
  const counts = new Map<string, number>();
  workers.forEach((id, w) => {
    if (labelCounts[w]! === 0) return;
    labellers.set(id, { confusion: rows(fit.confusions, w * k * k, k), accuracy: fit.workerAccuracy[w]! });
    counts.set(id, labelCounts[w]!);
  });
  return { labels: [...labels], classPrior: Array.from(fit.classPrior), pooledConfusion: rows(fit.pooledConfusion, 0, k), labellers, labelCounts: counts };
}
