import { boolean, check, integer, jsonb, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from './common';
import { user } from './user';

/** core's AGGREGATION_METHODS (db does not depend on core). */
export const PROJECT_AGGREGATION_METHODS = ['dawid-skene', 'weighted', 'majority'] as const;

/** core's SELECTION_STRATEGIES. */
export const PROJECT_SELECTION_STRATEGIES = ['least_confidence', 'margin', 'entropy', 'variance', 'bald'] as const;

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
    /** How an item's posterior is computed from its labels: 'dawid-skene' (per-labeller confusion
     *  matrices), 'weighted' (one accuracy per labeller) or 'majority' (vote shares). */
    aggregationMethod: text('aggregation_method', { enum: PROJECT_AGGREGATION_METHODS }).notNull().default('dawid-skene'),
    /** An item whose winning label has a smaller posterior than this goes to expert review. */
    escalateBelowPosterior: real('escalate_below_posterior').notNull().default(0.9),
    /** Most items open for labelling at once; selection tops up to it. */
    openItemBudget: integer('open_item_budget').notNull().default(100),
    /** How pooled samples are ranked for selection (uncertainty sampling strategy). */
    selectionStrategy: text('selection_strategy', { enum: PROJECT_SELECTION_STRATEGIES }).notNull().default('entropy'),
    /** Most items one selection run creates, so that a large budget fills over several runs. */
    selectPerRun: integer('select_per_run').notNull().default(500),
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
    /** Share of dataset rows per split; a row's split is a hash of its normalised pair. */
    splitRatios: jsonb('split_ratios').$type<{ train: number; dev: number; test: number }>().notNull().default({ train: 0.8, dev: 0.1, test: 0.1 }),
    /** Shingle Jaccard at or above which two pairs are near-duplicates (flagged, or leakage across splits). */
    nearDuplicateThreshold: real('near_duplicate_threshold').notNull().default(0.9),
    /** Flag a label whose share of a version moved more than this from the parent's. */
    labelDriftThreshold: real('label_drift_threshold').notNull().default(0.1),
    /** (a, b) and (b, a) are the same question: a swapped pair is a duplicate. */
    symmetricPairs: boolean('symmetric_pairs').notNull().default(false),
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
    check('project_aggregation_method_known', sql`${t.aggregationMethod} in ('dawid-skene', 'weighted', 'majority')`),
    check('project_near_duplicate_threshold_range', sql`${t.nearDuplicateThreshold} >= 0.5 and ${t.nearDuplicateThreshold} <= 1`),
    check('project_label_drift_threshold_range', sql`${t.labelDriftThreshold} >= 0.01 and ${t.labelDriftThreshold} <= 1`),
    check('project_selection_strategy_known', sql`${t.selectionStrategy} in ('least_confidence', 'margin', 'entropy', 'variance', 'bald')`),
    check('project_select_per_run_range', sql`${t.selectPerRun} between 1 and 100000`),
    check('project_escalate_below_posterior_range', sql`${t.escalateBelowPosterior} >= 0.5 and ${t.escalateBelowPosterior} <= 1`),
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
