import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from './common';
import { batch } from './batch';
import { item } from './item';
import { user } from './user';

export const ASSIGNMENT_STATUSES = ['leased', 'submitted', 'accepted', 'rejected', 'expired'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
/** Statuses that hold one of the item's `overlap` slots. */
export const LIVE_ASSIGNMENT_STATUSES = ['leased', 'submitted', 'accepted'] as const;

/** One item leased to one labeller inside a batch. The lease ends with the batch's expires_at. */
export const assignment = pgTable(
  'assignment',
  {
    id: id(),
    batchId: uuid('batch_id').notNull().references(() => batch.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id, { onDelete: 'cascade' }),
    labellerId: uuid('labeller_id').notNull().references(() => user.id),
    /** Order within the batch, 0-based. */
    position: integer('position').notNull(),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('leased'),
    /** Served as a control (the item has a known answer): never counts toward the item's overlap. */
    isGold: boolean('is_gold').notNull().default(false),
    leasedAt: createdAt(),
  },
  (t) => [
    // A labeller sees an item at most once, ever: the second look would not be independent.
    uniqueIndex('assignment_item_labeller_unique').on(t.itemId, t.labellerId),
    uniqueIndex('assignment_batch_position_unique').on(t.batchId, t.position),
    index('assignment_item_status_idx').on(t.itemId, t.status),
    // The exceptions among labels: answers that do not count (yet, or any more) and controls.
    // Re-aggregation reads a project's labels in one pass and needs only these to tell counted
    // answers from the rest: a small hash instead of a join with every assignment.
    index('assignment_uncounted_or_gold_idx')
      .on(t.id, t.status, t.isGold)
      .where(sql`${t.status} <> 'accepted' or ${t.isGold}`),
    check('assignment_status_known', sql`${t.status} in ('leased', 'submitted', 'accepted', 'rejected', 'expired')`),
  ],
);
