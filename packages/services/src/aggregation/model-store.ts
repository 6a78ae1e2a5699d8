import { eq, sql } from 'drizzle-orm';
import { aggregationModelDefault, type AggregationModel, type FittedModel } from '@quorum/core';
import { aggregationModel, type AggregationModelLabeller, type DbOrTx } from '@quorum/db';

/** A project's stored model (or the default one before any fit), with what the trigger needs. */
export type StoredModel = { model: AggregationModel; labelsFitted: number; fittedAt: Date | null };

type ModelRow = {
  labels: string[];
  class_prior: number[];
  pooled_confusion: number[][];
  labels_fitted: number;
  fitted_at: Date | string;
  voters: Record<string, AggregationModelLabeller>;
};

/**
 * The project's model with only the given labellers' entries: the jsonb holds every labeller of
 * the project (~1 MB at 5,000), and one item's aggregation needs its five voters. A model fitted
 * for another label order (the labels never change today) is ignored rather than misread.
 */
export async function modelForVoters(db: DbOrTx, projectId: string, labels: readonly string[], voterIds: readonly string[]): Promise<StoredModel> {
  const res = await db.execute<ModelRow>(sql`
    select m.labels, m.class_prior, m.pooled_confusion, m.labels_fitted, m.fitted_at,
           coalesce((select jsonb_object_agg(k, m.labellers -> k) from unnest(${sql.param([...voterIds])}::text[]) k where m.labellers ? k), '{}'::jsonb) as voters
    from aggregation_model m where m.project_id = ${projectId}`);
  const row = res.rows[0];
  if (!row || row.labels.length !== labels.length || row.labels.some((l, t) => l !== labels[t])) {
    return { model: aggregationModelDefault(labels), labelsFitted: row ? Number(row.labels_fitted) : 0, fittedAt: row ? new Date(row.fitted_at) : null };
  }
  return {
    model: { labels: row.labels, classPrior: row.class_prior, pooledConfusion: row.pooled_confusion, labellers: new Map(Object.entries(row.voters)) },
    labelsFitted: Number(row.labels_fitted),
    fittedAt: new Date(row.fitted_at),
  };
}

/** When the stored model's fit read the labels, and how many; null before the first fit. */
export async function modelFitted(db: DbOrTx, projectId: string): Promise<{ method: string; labelsFitted: number; fittedAt: Date } | null> {
  const res = await db.execute<{ method: string; labels_fitted: number; fitted_at: Date | string }>(sql`
    select method, labels_fitted, fitted_at from aggregation_model where project_id = ${projectId}`);
  const r = res.rows[0];
  return r ? { method: r.method, labelsFitted: Number(r.labels_fitted), fittedAt: new Date(r.fitted_at) } : null;
}

export type ModelToSave = AggregationModel & {
  method: string;
  labelCounts: ReadonlyMap<string, number>;
  labelsFitted: number;
  goldItems: number;
  iterations: number;
  converged: boolean;
  fittedAt: Date;
  computedAt: Date;
};

/**
 * How far any probability of the model may move before it is written again: far below what a
 * screen shows or an item's aggregation feels. A refit on the same labels moves it by less, and
 * skipping the 1 MB rewrite of 5,000 labellers' confusions saved ~0.1 s of such a refit.
 */
export const MODEL_WRITE_TOLERANCE = 1e-4;

const near = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, k) => Math.abs(x - b[k]!) <= MODEL_WRITE_TOLERANCE);

/** Whether `m` is the stored model (`previous`, as warmStartModel.read returns it) to within MODEL_WRITE_TOLERANCE. */
export function modelUnchanged(previous: WarmStartRow | null, m: ModelToSave): boolean {
  if (!previous || !near(previous.class_prior, m.classPrior) || previous.labels.join('\u0000') !== m.labels.join('\u0000')) return false;
  if (!near(previous.pooled_confusion.flat(), m.pooledConfusion.flat())) return false;
  if (Object.keys(previous.labellers).length !== m.labellers.size) return false;
  for (const [id, l] of m.labellers) {
    const p = previous.labellers[id];
    if (!p || p.labels !== (m.labelCounts.get(id) ?? 0) || !near([p.accuracy], [l.accuracy]) || !near(p.confusion.flat(), l.confusion.flat())) return false;
  }
  return true;
}

/**
 * Replaces the project's model; when it is the stored one to within MODEL_WRITE_TOLERANCE
 * (`previous`), only what the fit says about itself (when, on how many labels, iterations).
 */
export async function saveModel(db: DbOrTx, projectId: string, m: ModelToSave, previous: WarmStartRow | null = null): Promise<void> {
  if (modelUnchanged(previous, m)) {
    const fit = { method: m.method, labelsFitted: m.labelsFitted, goldItems: m.goldItems, iterations: m.iterations, converged: m.converged, fittedAt: m.fittedAt, computedAt: m.computedAt };
    await db.update(aggregationModel).set(fit).where(eq(aggregationModel.projectId, projectId));
    return;
  }
  const labellers: Record<string, AggregationModelLabeller> = {};
  for (const [id, l] of m.labellers) labellers[id] = { confusion: l.confusion.map((r) => [...r]), accuracy: l.accuracy, labels: m.labelCounts.get(id) ?? 0 };
  const values = {
    method: m.method,
    labels: [...m.labels],
    classPrior: [...m.classPrior],
    pooledConfusion: m.pooledConfusion.map((r) => [...r]),
    labellers,
    labelsFitted: m.labelsFitted,
    goldItems: m.goldItems,
    iterations: m.iterations,
    converged: m.converged,
    fittedAt: m.fittedAt,
    computedAt: m.computedAt,
  };
  await db.insert(aggregationModel).values({ projectId, ...values }).onConflictDoUpdate({ target: aggregationModel.projectId, set: values });
}

export type WarmStartRow = Omit<ModelRow, 'voters' | 'fitted_at'> & { labellers: Record<string, AggregationModelLabeller> };

/**
 * The stored model as a starting point for the next fit: read (`read`, which may run while the
 * labels load), then put in the fit's labeller numbering (`of`: `labellerIds[w]` is worker w;
 * labellers it has not seen get its pooled confusion). Null when there is none, it was fitted for
 * another label order, or on fewer than half of today's labels (a model that young is a poor
 * start; the vote is a safe one).
 */
export const warmStartModel = {
  async read(db: DbOrTx, projectId: string): Promise<WarmStartRow | null> {
    const res = await db.execute<WarmStartRow>(sql`
      select labels, class_prior, pooled_confusion, labels_fitted, labellers from aggregation_model where project_id = ${projectId}`);
    return res.rows[0] ?? null;
  },

  of(row: WarmStartRow | null, labels: readonly string[], labellerIds: readonly string[], labelsNow: number): FittedModel | null {
    const K = labels.length;
    if (!row || row.labels.length !== K || row.labels.some((l, t) => l !== labels[t]) || Number(row.labels_fitted) * 2 < labelsNow) return null;
    const KK = K * K;
    const confusions = new Float64Array(labellerIds.length * KK);
    const workerAccuracy = new Float64Array(labellerIds.length);
    labellerIds.forEach((id, w) => {
      const conf = row.labellers[id]?.confusion ?? row.pooled_confusion;
      for (let t = 0; t < K; t++) {
        for (let l = 0; l < K; l++) confusions[w * KK + t * K + l] = conf[t]![l]!;
        workerAccuracy[w]! += row.class_prior[t]! * conf[t]![t]!;
      }
    });
    return { confusions, classPrior: Float64Array.from(row.class_prior), workerAccuracy };
  },
};
