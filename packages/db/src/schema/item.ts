import { bigint, check, index, integer, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { project } from './project';
import { sample } from './sample';

/** 'excluded': an expert marked the pair ambiguous or invalid; it never enters a dataset (the
 *  reason is its review's decision and note). */
export const ITEM_STATUSES = ['labelling', 'escalated', 'settled', 'excluded', 'gold'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** A sample selected for labelling, or a gold item (status 'gold') served to every labeller once. */
export const item = pgTable(
  'item',
  {
    id: id(),
    /** A compact number for the item, increasing with creation: label packs refer to items by it
     *  (8 bytes, mapped through an array, instead of a 16-byte uuid through a hash table). */
    num: bigint('num', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    sampleId: uuid('sample_id').notNull().references(() => sample.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('labelling'),
    /** Labels this item needs; NULL for gold items, which every labeller may answer. */
    overlap: integer('overlap'),
    /** Assignments leased, submitted or accepted; kept by trigger `assignment_live_count`, bounded by overlap. */
    liveAssignments: integer('live_assignments').notNull().default(0),
    /** The label the item settled on, and whether the crowd or an expert decided it. */
    finalLabel: text('final_label'),
    decidedBy: text('decided_by', { enum: ['crowd', 'expert'] }),
    settledAt: ts('settled_at'),
    selectedAt: ts('selected_at').notNull().defaultNow(),
    /** Why the item was selected: the project's strategy at the time and the sample's score under it
     *  (NULL for gold items and items selected before strategies were recorded). */
    selectionStrategy: text('selection_strategy'),
    selectionScore: real('selection_score'),
  },
  (t) => [
    uniqueIndex('item_sample_unique').on(t.sampleId),
    uniqueIndex('item_num_unique').on(t.num),
    index('item_project_status_idx').on(t.projectId, t.status),
    check('item_status_known', sql`${t.status} in ('labelling', 'escalated', 'settled', 'excluded', 'gold')`),
    check(
      'item_live_assignments_within_overlap',
      sql`${t.liveAssignments} >= 0 and (${t.overlap} is null or ${t.liveAssignments} <= ${t.overlap})`,
    ),
    check('item_gold_has_no_overlap', sql`(${t.status} = 'gold') = (${t.overlap} is null)`),
  ],
);

/** Known answers for gold items. Never sent to a labeller. */
export const goldAnswer = pgTable('gold_answer', {
  itemId: uuid('item_id')
    .primaryKey()
    .references(() => item.id, { onDelete: 'cascade' }),
  label: text('label').notNull(),
  /** 'import' (engineer), 'expert' (settled review) or 'consensus'. */
  source: text('source').notNull(),
  createdAt: createdAt(),
});
