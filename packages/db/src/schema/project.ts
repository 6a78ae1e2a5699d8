import { check, integer, jsonb, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from './common';
import { user } from './user';

export const project = pgTable(
  'project',
  {
    id: id(),
    name: text('name').notNull(),
    labels: jsonb('labels').$type<string[]>().notNull(),
    /** Accepted labels an item needs before it is aggregated. */
    overlap: integer('overlap').notNull().default(5),
    batchSize: integer('batch_size').notNull().default(10),
    /** Share of each batch filled with gold items. */
    goldRatio: real('gold_ratio').notNull().default(0.1),
    minGoldAccuracy: real('min_gold_accuracy').notNull().default(0.5),
    minSecondsPerItem: real('min_seconds_per_item').notNull().default(1),
    /** An item whose winning label has a smaller vote share than this goes to expert review. */
    escalateBelowAgreement: real('escalate_below_agreement').notNull().default(0.8),
    /** Most items open for labelling at once; selection tops up to it. */
    openItemBudget: integer('open_item_budget').notNull().default(100),
    leaseMinutes: integer('lease_minutes').notNull().default(15),
    maxTextLength: integer('max_text_length').notNull().default(10000),
    createdBy: uuid('created_by').references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('project_overlap_range', sql`${t.overlap} between 1 and 20`),
    check('project_batch_size_range', sql`${t.batchSize} between 1 and 100`),
    check('project_gold_ratio_range', sql`${t.goldRatio} >= 0 and ${t.goldRatio} <= 0.5`),
  ],
);

/** Who may work in a project. Labellers and experts see only projects they belong to. */
export const projectMember = pgTable(
  'project_member',
  {
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'project_member_pk', columns: [t.projectId, t.userId] })],
);
