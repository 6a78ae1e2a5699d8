import { index, integer, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './common';
import { assignment } from './assignment';
import { batch } from './batch';
import { item } from './item';
import { user } from './user';

/** A labeller's answer to an assignment. It counts only while its assignment is accepted. */
export const label = pgTable(
  'label',
  {
    id: id(),
    assignmentId: uuid('assignment_id').notNull().references(() => assignment.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id').notNull().references(() => batch.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id, { onDelete: 'cascade' }),
    labellerId: uuid('labeller_id').notNull().references(() => user.id),
    value: text('value').notNull(),
    /** Server-side seconds since the labeller's previous answer in the batch (or since the lease):
     *  clients can lie about their own durations. */
    seconds: real('seconds').notNull(),
    /** What the client measured, kept for comparison only. */
    clientMs: integer('client_ms'),
    /** How many times the answer was changed before the batch was submitted. */
    revisions: integer('revisions').notNull().default(0),
    createdAt: createdAt(),
    answeredAt: ts('answered_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('label_assignment_unique').on(t.assignmentId),
    uniqueIndex('label_one_per_item_labeller').on(t.itemId, t.labellerId),
    // A batch's answers (scoring reads them; re-aggregation of a small project starts from its batches).
    index('label_batch_idx').on(t.batchId),
  ],
);
