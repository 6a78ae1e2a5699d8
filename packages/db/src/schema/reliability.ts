import { index, integer, jsonb, pgTable, real, uuid } from 'drizzle-orm/pg-core';
import { id, ts } from './common';
import { batch } from './batch';
import { project } from './project';
import { user } from './user';

/**
 * A labeller's estimated reliability in a project, one row per re-estimate: the history is the
 * trend. Accuracy is a Beta posterior shrunk toward the crowd; spamPrior is the sliding-window
 * sequential test's P(random clicker) carried into the labeller's next batch.
 */
export const labellerReliability = pgTable(
  'labeller_reliability',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    labellerId: uuid('labeller_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    /** The decided batch that prompted this estimate. */
    batchId: uuid('batch_id').references(() => batch.id, { onDelete: 'set null' }),
    accuracy: real('accuracy').notNull(),
    low: real('low').notNull(),
    high: real('high').notNull(),
    /** Gold answers and peer comparisons behind the estimate. */
    evidenceCount: integer('evidence_count').notNull(),
    spamPrior: real('spam_prior').notNull(),
    /** Per-class confusion (true × answered), for multi-class projects. */
    confusion: jsonb('confusion').$type<number[][]>(),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [index('labeller_reliability_latest_idx').on(t.projectId, t.labellerId, t.computedAt)],
);
