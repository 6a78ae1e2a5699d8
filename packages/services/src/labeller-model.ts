import { sql, type SQL } from 'drizzle-orm';
import type { TLabellerModel } from '@quorum/contracts';

/** What a labeller-model column holds: the model's label order and fit time, and this labeller's entry. */
export type LabellerModelColumn = { labels: string[]; fitted_at: string; labeller: { confusion: number[][]; accuracy: number; labels?: number } | null } | null;

/**
 * A scalar subquery: the project's aggregation model's entry for the labeller `labellerId` (an SQL
 * expression), as one json value. The model keeps every labeller of the project in one jsonb, so
 * read it for a page of labellers, not for thousands at once.
 */
export const labellerModelSql = (projectId: string, labellerId: SQL) => sql`(
  select json_build_object('labels', am.labels, 'fitted_at', am.fitted_at, 'labeller', am.labellers -> (${labellerId})::text)
  from aggregation_model am where am.project_id = ${projectId})`;

export function labellerModelFrom(col: LabellerModelColumn): TLabellerModel | null {
  if (!col?.labeller) return null;
  return { labels: col.labels, confusion: col.labeller.confusion, accuracy: col.labeller.accuracy, labelsFitted: col.labeller.labels ?? 0, fittedAt: new Date(col.fitted_at).toISOString() };
}
