import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './common';
import { project } from './project';

/** One production prediction, as ingested. Immutable once written. */
export const sample = pgTable(
  'sample',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    textA: text('text_a').notNull(),
    textB: text('text_b').notNull(),
    modelLabel: text('model_label'),
    modelProbs: jsonb('model_probs').$type<Record<string, number>>().notNull(),
    modelVersion: text('model_version'),
    /** Least-confidence uncertainty (1 − max p), computed at ingest so selection is one indexed scan. */
    uncertainty: real('uncertainty').notNull(),
    ingestedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sample_project_external_id_unique').on(t.projectId, t.externalId),
    index('sample_project_uncertainty_idx').on(t.projectId, t.uncertainty),
    // Trigram index (pg_trgm) over both texts: experts see similar items already settled, found
    // with the `%` similarity operator, without scanning every sample of the project.
    index('sample_text_trgm_idx').using('gin', sql`(${t.textA} || ' ' || ${t.textB}) gin_trgm_ops`),
  ],
);
