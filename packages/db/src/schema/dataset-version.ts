import { check, integer, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { project } from './project';
import { user } from './user';

export const DATASET_VERSION_STATUSES = ['candidate', 'approved', 'rejected'] as const;
export type DatasetVersionStatus = (typeof DATASET_VERSION_STATUSES)[number];

/**
 * An immutable, content-hashed set of rows with a parent: the latest approved version when it
 * was merged. Its rows live in dataset_row (see the storage note there); only the approval
 * columns ever change, once, from 'candidate'.
 */
export const datasetVersion = pgTable(
  'dataset_version',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … within the project, rejected versions included; dataset_row's intervals use it. */
    number: integer('number').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => datasetVersion.id),
    /** sha256 of the canonical serialisation of the rows (external id, texts, label, split),
     *  sorted: the same rows give the same hash whatever order they were merged in. */
    contentHash: text('content_hash').notNull(),
    rowCount: integer('row_count').notNull(),
    /** Rows that are new, gone or relabelled against the parent. */
    addedCount: integer('added_count').notNull(),
    removedCount: integer('removed_count').notNull().default(0),
    relabelledCount: integer('relabelled_count').notNull().default(0),
    /** Rows this merge quarantined. */
    quarantinedCount: integer('quarantined_count').notNull().default(0),
    /** Rows per split and label: { train: { match: 812, … }, dev: …, test: … }. */
    counts: jsonb('counts').$type<Record<string, Record<string, number>>>().notNull().default({}),
    status: text('status', { enum: DATASET_VERSION_STATUSES }).notNull().default('candidate'),
    /** The data-check report: finding counts, quarantine by code, drift, the first findings. */
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    /** The dataset settings the checks ran with (splits, thresholds, symmetric pairs). A later
     *  merge reuses the stored LSH bands of this version's rows only under the same settings. */
    settings: jsonb('settings').$type<Record<string, unknown>>(),
    /** Figures for the dataset card: agreement histogram, rows decided by crowd / expert. */
    cardFigures: jsonb('card_figures').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    decidedBy: uuid('decided_by').references(() => user.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    uniqueIndex('dataset_version_project_number_unique').on(t.projectId, t.number),
    // One open candidate per project: the merge builds on the latest approved version, and two
    // candidates would each claim to be its successor.
    uniqueIndex('dataset_version_one_candidate').on(t.projectId).where(sql`${t.status} = 'candidate'`),
    check('dataset_version_status_known', sql`${t.status} in ('candidate', 'approved', 'rejected')`),
  ],
);
