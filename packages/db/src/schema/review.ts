import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { item } from './item';
import { project } from './project';
import { user } from './user';

export const REVIEW_STATUSES = ['queued', 'claimed', 'settled'] as const;
/** What the expert decided: a label, or that the pair cannot be labelled (kept out of datasets). */
export const REVIEW_DECISIONS = ['label', 'ambiguous', 'invalid'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

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
    /** Set when settled. 'ambiguous' and 'invalid' carry no label and exclude the item from datasets. */
    decision: text('decision', { enum: REVIEW_DECISIONS }),
    label: text('label'),
    note: text('note'),
    /** The crowd's leading label when the expert decided (null on a tie): expert–crowd agreement
     *  is measured against what the crowd said then, whatever later re-aggregation says. */
    crowdLabel: text('crowd_label'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('review_item_unique').on(t.itemId),
    index('review_project_status_idx').on(t.projectId, t.status),
    check('review_status_known', sql`${t.status} in ('queued', 'claimed', 'settled')`),
    check('review_claim_has_expert', sql`${t.status} <> 'claimed' or (${t.claimedBy} is not null and ${t.claimExpiresAt} is not null)`),
    // An expert's history is read newest first.
    index('review_settled_by_idx').on(t.settledBy, t.settledAt),
    check('review_decision_known', sql`${t.decision} is null or ${t.decision} in ('label', 'ambiguous', 'invalid')`),
    // A settled review has a decider and a decision; exactly the 'label' decision carries a label.
    check(
      'review_settled_has_decision',
      sql`${t.status} <> 'settled' or (${t.settledBy} is not null and ${t.decision} is not null and (${t.decision} = 'label') = (${t.label} is not null))`,
    ),
  ],
);
