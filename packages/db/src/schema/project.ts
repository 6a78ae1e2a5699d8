import { boolean, check, integer, jsonb, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
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
    /** An item whose winning label has a smaller vote share than this goes to expert review. */
    escalateBelowAgreement: real('escalate_below_agreement').notNull().default(0.8),
    /** Most items open for labelling at once; selection tops up to it. */
    openItemBudget: integer('open_item_budget').notNull().default(100),
    leaseMinutes: integer('lease_minutes').notNull().default(15),
    maxTextLength: integer('max_text_length').notNull().default(10000),
    /** H_honest's accuracy floor in the batch spam test. */
    minAccuracy: real('min_accuracy').notNull().default(0.7),
    /** P(random clicker) at or above which a batch is rejected. */
    rejectAbove: real('reject_above').notNull().default(0.9),
    /** P(random clicker) at or below which a batch is accepted; in between it waits for peers. */
    acceptBelow: real('accept_below').notNull().default(0.3),
    maxWaitMinutes: integer('max_wait_minutes').notNull().default(60),
    /** Multiplies the reading-time estimate; the crowd simulator runs with a small scale. */
    readingTimeScale: real('reading_time_scale').notNull().default(1),
    goldFromConsensus: boolean('gold_from_consensus').notNull().default(false),
    /** HMAC key of the pseudonyms experts see for voters ("Labeller 7F3A9C"): stable within the
     *  project, unlinkable across projects, and never sent to a client. */
    pseudonymKey: uuid('pseudonym_key').notNull().defaultRandom(),
    createdBy: uuid('created_by').references(() => user.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('project_overlap_range', sql`${t.overlap} between 1 and 20`),
    check('project_batch_size_range', sql`${t.batchSize} between 1 and 100`),
    check('project_gold_ratio_range', sql`${t.goldRatio} >= 0 and ${t.goldRatio} <= 0.5`),
    check('project_spam_thresholds_ordered', sql`${t.acceptBelow} < ${t.rejectAbove}`),
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
