import { sql } from 'drizzle-orm';
import type { Tx } from '@quorum/db';

/**
 * The lock every writer of a project's lineage holds for its whole transaction: merges,
 * approvals and rejections, quarantine decisions, and an expert's undo (which must not retract
 * a label a merge is taking in). One merge at a time per project, and no decision lands
 * between a merge's read of the lineage and its write.
 */
export const lockLineage = (tx: Tx, projectId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('merge-dataset'), hashtext(${projectId}))`);
