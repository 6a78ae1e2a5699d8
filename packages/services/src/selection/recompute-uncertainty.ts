import { eq, sql } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import { selectionScore, type SelectionStrategy } from '@quorum/core';
import { project, type DbOrTx } from '@quorum/db';
import { flush, Outbox, type Job, type ServiceContext } from '../context';
import { selectItemsJob } from './select-due';
import { lockProjectPool } from './select-items';

export const recomputeUncertaintyJob = (projectId: string): Job => ({
  name: 'recompute-uncertainty',
  payload: { projectId },
  opts: { dedupeId: jobIds.recomputeUncertainty(projectId) },
});

/** Samples per transaction: short enough that selection, which waits on the same lock, waits little. */
export const RECOMPUTE_PAGE = 5000;
/** Strategy changes chased within one job before leaving the rest to the job the last change enqueued. */
const MAX_PASSES = 3;

export type RecomputeResult = { projectId: string; strategy: SelectionStrategy | null; scanned: number; changed: number; invalid: number; passes: number };

export type ScoredRow = { id: string; model_probs: Record<string, number>; predictions: Record<string, number>[] | null; uncertainty: number };
type Row = ScoredRow & { external_id: string };

/**
 * The rows whose score under `strategy` differs from the stored one (compared as float4, the
 * column's precision, so an unchanged score is not rewritten), with their new scores.
 */
export function rescore(rows: readonly ScoredRow[], strategy: SelectionStrategy): { ids: string[]; scores: number[]; invalid: number } {
  const ids: string[] = [];
  const scores: number[] = [];
  let invalid = 0;
  for (const row of rows) {
    let score: number;
    try {
      score = selectionScore(strategy, { probs: row.model_probs, passes: row.predictions });
    } catch {
      // Ingest validated the prediction; a row that no longer scores keeps its old score.
      invalid++;
      continue;
    }
    if (Math.fround(score) !== Math.fround(row.uncertainty)) {
      ids.push(row.id);
      scores.push(score);
    }
  }
  return { ids, scores, invalid };
}

/** Stores new scores for pooled samples (rescore's output). */
export async function writeScores(db: DbOrTx, ids: readonly string[], scores: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    update sample s set uncertainty = u.score
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(scores)}::real[]) as u(id, score)
    where s.id = u.id and s.pooled`);
}

async function strategyOf(ctx: ServiceContext, projectId: string): Promise<SelectionStrategy | null> {
  const [p] = await ctx.db.select({ s: project.selectionStrategy }).from(project).where(eq(project.id, projectId));
  return p?.s ?? null;
}

/**
 * Re-scores the project's pool under its current selection strategy (after the engineer changed
 * it), from each sample's model probabilities and stochastic passes with core selectionScore, so
 * the pool index ranks by the new strategy. Walks the pool in external-id order
 * (sample_project_external_id_unique), one page per transaction under the pool lock, writing only
 * scores that moved. Idempotent: a rerun, or a run after a crash, finds nothing to change where
 * the work was done. If the strategy changes again while it runs, it starts over with the new one.
 */
export async function recomputePoolUncertainty(ctx: ServiceContext, projectId: string): Promise<RecomputeResult> {
  const result: RecomputeResult = { projectId, strategy: null, scanned: 0, changed: 0, invalid: 0, passes: 0 };
  let strategy = await strategyOf(ctx, projectId);
  while (strategy !== null && result.passes < MAX_PASSES) {
    result.strategy = strategy;
    result.passes++;
    let after = '';
    for (;;) {
      const page = await ctx.db.transaction(async (tx) => {
        await lockProjectPool(tx, projectId);
        const r = await tx.execute<Row>(sql`
          select id, external_id, model_probs, predictions, uncertainty from sample
          where project_id = ${projectId} and external_id > ${after} and pooled
          order by external_id limit ${RECOMPUTE_PAGE}`);
        const { ids, scores, invalid } = rescore(r.rows, strategy!);
        result.invalid += invalid;
        await writeScores(tx, ids, scores);
        return { rows: r.rows.length, changed: ids.length, last: r.rows[r.rows.length - 1]?.external_id };
      });
      result.scanned += page.rows;
      result.changed += page.changed;
      if (page.rows < RECOMPUTE_PAGE || page.last === undefined) break;
      after = page.last;
    }
    const now = await strategyOf(ctx, projectId);
    if (now === strategy) break;
    strategy = now;
  }
  ctx.log.info(result, 'pool uncertainty recomputed');
  // The strategy change held selection back (updateProject); with the pool re-ranked, top up.
  if (result.strategy !== null) {
    const out = new Outbox();
    out.job(selectItemsJob(projectId));
    await flush(ctx, out);
  }
  return result;
}
