import type { Label } from '../words';

/**
 * A model's prediction on the wire: an object of label → probability, or, for a project with two
 * labels, one number — the probability of the project's FIRST label (labels[0], `match` by
 * default), so 0.8 means {match: 0.8, no_match: 0.2}. Labels the model did not report get 0, so
 * every sample's scores are computed over the same k labels.
 */

/** Models emit softmax outputs rounded for transport; 1e-3 absorbs that, not a missing label. */
export const INGEST_PROB_SUM_TOLERANCE = 1e-3;

export type IngestFieldError = { field: string; message: string };
export type DistributionOutcome = { ok: true; probs: Record<Label, number> } | { ok: false; errors: IngestFieldError[] };

export function ingestDescribe(x: unknown): string {
  if (x === null) {
    return 'null';
  }
  if (Array.isArray(x)) {
    return 'an array';
  }
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

const isProbability = (p: unknown): p is number => typeof p === 'number' && p >= 0 && p <= 1;

/**
 * `field` names the value in messages: "prediction" or "predictions.3". The result's keys follow
 * `keyOrder`; callers pass the labels sorted, so JSON.stringify of it is already canonical JSON.
 */
export function ingestDistribution(value: unknown, labels: readonly Label[], field: string, keyOrder: readonly Label[] = labels): DistributionOutcome {
  if (typeof value === 'number') {
    if (labels.length !== 2) {
      return { ok: false, errors: [{ field, message: `${field} may be a single number only in a project with two labels; send an object of label → probability` }] };
    }
    if (!isProbability(value)) {
      return { ok: false, errors: [{ field, message: `${field} must be between 0 and 1, got ${value}` }] };
    }
    // Rounded to 12 places so 0.7 gives 0.3, not 0.30000000000000004: the same content as the
    // object a producer would have written, hence the same content hash.
    const rest = Math.round((1 - value) * 1e12) / 1e12;
    const probs: Record<Label, number> = {};
    for (const l of keyOrder) {
      probs[l] = l === labels[0] ? value : rest;
    }
    return { ok: true, probs };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ field, message: `${field} must be an object of label → probability${labels.length === 2 ? ' or a number' : ''}, got ${ingestDescribe(value)}` }] };
  }
  const given = value as Record<string, unknown>;
  const errors: IngestFieldError[] = [];
  let sum = 0;
  for (const key of Object.keys(given)) {
    const p = given[key];
    if (!labels.includes(key)) {
      errors.push({ field: `${field}.${key}`, message: `'${key}' is not in the label set (${labels.join(', ')})` });
    } else if (!isProbability(p)) {
      errors.push({ field: `${field}.${key}`, message: typeof p === 'number' ? `probability must be between 0 and 1, got ${p}` : `probability must be a number, got ${ingestDescribe(p)}` });
    } else {
      sum += p;
    }
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  if (Math.abs(sum - 1) > INGEST_PROB_SUM_TOLERANCE) {
    return { ok: false, errors: [{ field, message: `${field} must sum to 1 (±${INGEST_PROB_SUM_TOLERANCE}), but it sums to ${Number(sum.toFixed(6))}` }] };
  }
  const probs: Record<Label, number> = {};
  for (const l of keyOrder) {
    probs[l] = Object.hasOwn(given, l) ? (given[l] as number) : 0;
  }
  return { ok: true, probs };
}

/** The most probable label; ties go to the earlier project label, so the choice is deterministic. */
export function ingestArgmax(probs: Readonly<Record<Label, number>>, labels: readonly Label[]): Label {
  let best = labels[0]!;
  for (const l of labels) {
    if ((probs[l] ?? 0) > (probs[best] ?? 0)) {
      best = l;
    }
  }
  return best;
}

/** The mean of several passes: the prediction of a caller that sends only `predictions`. */
export function ingestMeanDistribution(passes: readonly Readonly<Record<Label, number>>[], keyOrder: readonly Label[]): Record<Label, number> {
  const mean: Record<Label, number> = {};
  for (const l of keyOrder) {
    let s = 0;
    for (const pass of passes) {
      s += pass[l] ?? 0;
    }
    mean[l] = s / passes.length;
  }
  return mean;
}
