import { sql } from 'drizzle-orm';
import type { Tx } from '@quorum/db';

/**
 * Serialises, per project, the writers that change items the crowd decided: re-aggregation (the
 * fit and its writes) and uncount (labels taken back reopen items). Without it the two could lock
 * the same item and aggregate rows in opposite orders and deadlock.
 */
export async function lockReaggregation(tx: Tx, projectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('reaggregate'), hashtext(${projectId}))`);
}

/** The merge's lock (mergeDataset): held, no dataset version can take an item meanwhile. */
export async function lockMerge(tx: Tx, projectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('merge-dataset'), hashtext(${projectId}))`);
}
