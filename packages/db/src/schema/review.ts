import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { item } from './item';
import { project } from './project';
import { user } from './user';

export const REVIEW_STATUSES = ['queued', 'claimed', 'settled'] as const;

/** An escalated item in the expert queue: queued → claimed (leased to one expert) → settled. */
export const review = pgTable(
  'review',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('queued'),
    claimedBy: uuid('claimed_by').references(() => user.id),
    /** A claim is a lease: past this time another expert may claim the item. */
    claimExpiresAt: ts('claim_expires_at'),
    settledBy: uuid('settled_by').references(() => user.id),
    settledAt: ts('settled_at'),
    label: text('label'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_item_unique').on(t.itemId),
    index('review_project_status_idx').on(t.projectId, t.status),
    check('review_status_known', sql`${t.status} in ('queued', 'claimed', 'settled')`),
    check('review_claim_has_expert', sql`${t.status} <> 'claimed' or (${t.claimedBy} is not null and ${t.claimExpiresAt} is not null)`),
    check('review_settled_has_label', sql`${t.status} <> 'settled' or (${t.label} is not null and ${t.settledBy} is not null)`),
  ],
);
