import { eq, sql } from 'drizzle-orm';
import { rooms } from '@quorum/contracts';
import { selectionPageSize, selectionPlanFull, selectionPlanOffer, selectionPlanProvide, selectionPlanStart, selectionPlanTextsNeeded, selectionRoom, type SelectionPick, type SelectionSkip, type SelectionSkipReason } from '@quorum/core';
import { project, type DbOrTx, type Tx } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import type { ProjectRow } from '../projects';
import { publishStageCountsLater } from '../stats';
import { pairHashMemo } from './pair-hash-memo';
import { existingItemKeys, insertSelectedItems, itemPairs, openItemCount, poolPage, unpoolSamples, type PoolCursor } from './pool-queries';

export type SelectItemsResult = { selected: number; skipped: Record<SelectionSkipReason, number> };

/** Pages read at most per run: a pool whose top is this full of duplicates waits for the next run. */
const MAX_PAGES = 20;

/**
 * Serialises everything that rewrites one project's pool (selection, re-scoring after a strategy
 * change): transaction-scoped, so a crash releases it.
 */
export async function lockProjectPool(tx: Tx, projectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('select-items'), hashtext(${projectId}))`);
}

/**
 * What a run would do, without writing: the pool's top read in pages down sample_pool_idx, twice
 * the room at a time and further pages only while skips eat the room, through core's
 * selection planner against every existing item's pair key. Similarity is measured on the
 * normalised texts (MinHash + LSH, hashes memoised across runs by pair-hash-memo.ts): the
 * items' texts are read once per process, and again only for the few a candidate is compared
 * with exactly; no stored bands are needed. The README weighs it against pg_trgm.
 */
export async function planSelection(tx: DbOrTx, p: ProjectRow, room: number): Promise<{ chosen: SelectionPick[]; skipped: SelectionSkip[] }> {
  const pairOpts = { symmetric: p.symmetricPairs };
  const memo = pairHashMemo({ threshold: p.nearDuplicateThreshold, symmetric: p.symmetricPairs });
  const existing = await existingItemKeys(tx, p.id, pairOpts, memo);
  const plan = selectionPlanStart(existing, { room, nearDuplicateThreshold: p.nearDuplicateThreshold, symmetricPairs: p.symmetricPairs }, memo.hash);
  const pageSize = selectionPageSize(room);
  let after: PoolCursor | null = null;
  for (let page = 0; page < MAX_PAGES && !selectionPlanFull(plan); page++) {
    const rows = await poolPage(tx, p.id, pairOpts, after, pageSize);
    const needed = selectionPlanTextsNeeded(plan, rows);
    if (needed.length > 0) selectionPlanProvide(plan, await itemPairs(tx, needed, pairOpts));
    selectionPlanOffer(plan, rows);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) break;
    after = { score: last.score, sampleId: last.sampleId };
  }
  return { chosen: plan.chosen, skipped: plan.skipped };
}

/** Room for this run: min(budget − open items, per-run cap). */
export async function selectionRoomOf(tx: DbOrTx, p: ProjectRow): Promise<number> {
  return selectionRoom({ openItemBudget: p.openItemBudget, openItems: await openItemCount(tx, p.id), selectPerRun: p.selectPerRun });
}

/**
 * Tops the project's open items up to its budget, at most selectPerRun per run, with the pooled
 * samples its selection strategy scores highest, skipping duplicates and near-duplicates of the
 * project's items and of each other. Chosen samples become items that record the strategy and
 * score; skipped ones leave the pool with their reason — all in one transaction, under the pool
 * lock. Idempotent: a second run finds the budget full or the pool empty.
 */
export async function selectItems(ctx: ServiceContext, projectId: string): Promise<SelectItemsResult> {
  const none: SelectItemsResult = { selected: 0, skipped: { duplicate_pair: 0, near_duplicate: 0 } };
  const result = await inTransaction(ctx, async (tx, out) => {
    await lockProjectPool(tx, projectId);
    const [p] = await tx.select().from(project).where(eq(project.id, projectId));
    if (!p) return none;
    const room = await selectionRoomOf(tx, p);
    if (room === 0) return none;
    const plan = await planSelection(tx, p, room);

    const now = ctx.now();
    await unpoolSamples(tx, plan.chosen, plan.skipped, now);
    const selected = await insertSelectedItems(tx, { projectId, overlap: p.overlap, strategy: p.selectionStrategy, selectedAt: now }, plan.chosen);
    const skipped = { duplicate_pair: 0, near_duplicate: 0 };
    for (const s of plan.skipped) skipped[s.reason]++;
    if (selected > 0) out.event({ name: 'work:available', room: rooms.labellers(projectId), payload: { projectId } });
    if (selected > 0 || plan.skipped.length > 0) {
      ctx.log.info({ projectId, strategy: p.selectionStrategy, room, selected, skipped }, 'selection');
    }
    return { selected, skipped };
  });
  if (result.selected > 0) publishStageCountsLater(ctx, projectId);
  return result;
}
