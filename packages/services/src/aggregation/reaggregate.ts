import { eq, sql } from 'drizzle-orm';
import { aggregationModelFromFit, reaggregationChanges, reaggregationFit } from '@quorum/core';
import { project, type Tx } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import { publishStageCountsLater } from '../stats';
import { loadProjectCrowd } from './crowd-load';
import { snapshotReader } from './snapshot-read';
import { lockMerge, lockReaggregation } from './locks';
import { modelFitted, saveModel, warmStartModel } from './model-store';
import { modelIsStale, reaggregationDue } from './reaggregation-trigger';
import { writeReaggregation, type ReaggregationWrite } from './reaggregate-write';

export type ReaggregateResult = ReaggregationWrite & {
  projectId: string;
  labels: number;
  goldItems: number;
  evaluated: number;
  changed: number;
  iterations: number;
  converged: boolean;
  seconds: { load: number; fit: number; write: number; total: number };
};

/**
 * Refits the project's aggregation model on every accepted label (core's reaggregationPlan) and
 * re-decides the items the crowd decided that nobody has fixed since: never an item an expert
 * decided, excluded, claimed or settled, nor one in a dataset version. Writes only what changed.
 *
 * One transaction under two per-project locks, taken before anything is read: the re-aggregation
 * lock (one run at a time; uncount waits, see locks.ts) and the merge's (no dataset version takes
 * an item between the read and the write). Labelling goes on meanwhile: labels accepted after the
 * read wait for the next run (the model's fittedAt says which). Idempotent: a second run on the
 * same labels fits the same model and writes nothing.
 *
 * Without `force` it runs only when it is due: no model yet, the method changed, enough new labels
 * (reaggregationDue), or, for the schedule, anything new at all. The threshold asks for a run from
 * every item aggregated until the new model commits; BullMQ keeps one of those for after the
 * running job, and this is what stops that one from refitting a million labels for a few.
 */
export async function reaggregateProject(ctx: ServiceContext, projectId: string, opts: { force?: boolean; scheduled?: boolean } = {}): Promise<ReaggregateResult | { projectId: string; skipped: string } | null> {
  let movedItems = false;
  const result = await inTransaction(ctx, async (tx, out) => {
    const start = performance.now();
    await lockReaggregation(tx, projectId);
    await lockMerge(tx, projectId);
    const [p] = await tx.select().from(project).where(eq(project.id, projectId));
    if (!p) return null;
    if (!opts.force) {
      const skipped = await reaggregationSkip(tx, projectId, p.aggregationMethod, opts.scheduled ?? false);
      if (skipped) return { projectId, skipped };
    }
    const fittedAt = ctx.now();
    // The load's hash joins hold a project's items and batches: keep them in memory, not on disk.
    const read = await snapshotReader(ctx.db, tx, { workMem: '128MB' });
    // The stored model is read on the transaction's own connection while the others load the crowd.
    const [stored, crowd] = await Promise.all([warmStartModel.read(tx, projectId), loadProjectCrowd(read, projectId, p.labels)]);
    const warmStart = warmStartModel.of(stored, p.labels, crowd.labellerIds, crowd.labels.item.length);
    const loaded = performance.now();

    const input = { labels: crowd.labels, counted: crowd.counted, gold: crowd.gold, state: crowd.state, stored: crowd.stored, method: p.aggregationMethod, escalateBelowPosterior: p.escalateBelowPosterior, warmStart };
    const planned = reaggregationFit(input);
    const { fit, labelCounts, goldItems } = planned;
    const { evaluated, changes } = reaggregationChanges(input, planned);
    const fitted = performance.now();

    const model = aggregationModelFromFit(p.labels, crowd.labellerIds, labelCounts, fit);
    await saveModel(tx, projectId, { ...model, method: p.aggregationMethod, labelsFitted: crowd.labels.item.length, goldItems, iterations: fit.iterations, converged: fit.converged, fittedAt, computedAt: ctx.now() }, stored);
    const written = await writeReaggregation(tx, out, projectId, { itemNum: crowd.itemNum, changes, state: crowd.state, storedWinner: crowd.stored.winner, labels: p.labels }, p.aggregationMethod, ctx.now());
    if (written.toEscalated + written.toSettled + written.relabelled > 0) movedItems = true;
    const done = performance.now();
    ctx.log.info({ projectId, labels: crowd.labels.item.length, changed: changes.item.length, ...written }, 're-aggregated');
    const s = (ms: number) => ms / 1000;
    return {
      projectId,
      labels: crowd.labels.item.length,
      goldItems,
      evaluated,
      changed: changes.item.length,
      iterations: fit.iterations,
      converged: fit.converged,
      ...written,
      seconds: { load: s(loaded - start), fit: s(fitted - loaded), write: s(done - fitted), total: s(done - start) },
    };
  });
  // Items moved between stages: the engineers' counts follow, after the commit.
  if (movedItems) publishStageCountsLater(ctx, projectId);
  return result;
}

/** Why a run is not due, or null when it is. */
async function reaggregationSkip(tx: Tx, projectId: string, method: string, scheduled: boolean): Promise<string | null> {
  const m = await modelFitted(tx, projectId);
  if (!m || m.method !== method || (await reaggregationDue(tx, projectId, m))) return null;
  if (!scheduled) return 'fewer new labels than the threshold since the last fit';
  return (await modelIsStale(tx, projectId)) ? null : 'the model has seen every label';
}
