import { sql } from 'drizzle-orm';
import type { SelectionStrategy } from '@quorum/core';
import type { DbOrTx } from '@quorum/db';
import { rescore, writeScores, type ScoredRow } from '../selection/recompute-uncertainty';

const PAGE = 5000;

/**
 * The parser scored every line under the selection strategy the project had when the request
 * began. An engineer may change it while a long ingest streams; the re-scoring job that change
 * queued cannot see this request's rows before they commit, and may have finished by then. So,
 * last thing before the commit, the request takes a share lock on the project row (a change from
 * now on waits for the commit; one made before is visible) and, if the strategy moved, re-scores
 * the pooled rows it wrote itself (updated_at = now(), the transaction's start). Returns how many
 * scores it rewrote.
 */
export async function catchUpStrategy(db: DbOrTx, projectId: string, scoredWith: SelectionStrategy): Promise<number> {
  const r = await db.execute<{ strategy: SelectionStrategy }>(sql`select selection_strategy as strategy from project where id = ${projectId} for share`);
  const strategy = r.rows[0]?.strategy;
  if (strategy === undefined || strategy === scoredWith) return 0;
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await db.execute<ScoredRow>(sql`
      select id, model_probs, predictions, uncertainty from sample
      where project_id = ${projectId} and pooled and updated_at = now() and id > ${after}::uuid
      order by id limit ${PAGE}`);
    const { ids, scores } = rescore(page.rows, strategy);
    await writeScores(db, ids, scores);
    changed += ids.length;
    const last = page.rows[page.rows.length - 1];
    if (!last || page.rows.length < PAGE) return changed;
    after = last.id;
  }
}
