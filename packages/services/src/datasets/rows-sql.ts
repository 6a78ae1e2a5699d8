import { sql, type SQL } from 'drizzle-orm';
import { DATASET_ROW_OPEN } from '@quorum/db';

// The interval reads of dataset_row (see the storage note in packages/db/src/schema/dataset-row.ts).

export const OPEN = sql.raw(String(DATASET_ROW_OPEN));

/** Revisions live in version `n` of the project: valid_from ≤ n < valid_to. */
export function liveAt(projectId: string, n: number, alias = 'r'): SQL {
  const r = sql.raw(alias);
  return sql`${r}.project_id = ${projectId} and ${r}.valid_from <= ${n} and ${r}.valid_to > ${n}`;
}

/** Revisions live in the newest version of the lineage (the open candidate, else the latest approved). */
export function liveNow(projectId: string, alias = 'r'): SQL {
  const r = sql.raw(alias);
  return sql`${r}.project_id = ${projectId} and ${r}.valid_to = ${OPEN}`;
}
