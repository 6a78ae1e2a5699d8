import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { batch } from './batch';
import { project } from './project';
import { user } from './user';

export const APPEAL_STATUSES = ['open', 'upheld', 'dismissed'] as const;

/** A labeller's appeal against a rejected batch; an engineer upholds (accepts the batch) or dismisses it. */
export const appeal = pgTable(
  'appeal',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id').notNull().references(() => batch.id, { onDelete: 'cascade' }),
    labellerId: uuid('labeller_id').notNull().references(() => user.id),
    message: text('message').notNull(),
    status: text('status', { enum: APPEAL_STATUSES }).notNull().default('open'),
    createdAt: createdAt(),
    resolvedBy: uuid('resolved_by').references(() => user.id),
    resolvedAt: ts('resolved_at'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    // One appeal per batch: a second would only repeat the first.
    uniqueIndex('appeal_batch_unique').on(t.batchId),
    index('appeal_project_status_idx').on(t.projectId, t.status),
    check('appeal_status_known', sql`${t.status} in ('open', 'upheld', 'dismissed')`),
  ],
);
