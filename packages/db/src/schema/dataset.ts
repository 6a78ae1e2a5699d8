import { check, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { item } from './item';
import { project } from './project';
import { sample } from './sample';
import { user } from './user';

export const DATASET_VERSION_STATUSES = ['candidate', 'approved', 'rejected'] as const;

/** An immutable, content-hashed set of rows with a parent. Only approval state changes. */
export const datasetVersion = pgTable(
  'dataset_version',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … within the project. */
    number: integer('number').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => datasetVersion.id),
    /** sha256 of the canonical serialisation of the rows; same rows → same hash. */
    contentHash: text('content_hash').notNull(),
    rowCount: integer('row_count').notNull(),
    addedCount: integer('added_count').notNull(),
    status: text('status', { enum: DATASET_VERSION_STATUSES }).notNull().default('candidate'),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    decidedBy: uuid('decided_by').references(() => user.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    uniqueIndex('dataset_version_project_number_unique').on(t.projectId, t.number),
    check('dataset_version_status_known', sql`${t.status} in ('candidate', 'approved', 'rejected')`),
  ],
);

/** One row of a version, with how its label was decided. */
export const datasetRow = pgTable(
  'dataset_row',
  {
    versionId: uuid('version_id').notNull().references(() => datasetVersion.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id),
    sampleId: uuid('sample_id').notNull().references(() => sample.id),
    externalId: text('external_id').notNull(),
    textA: text('text_a').notNull(),
    textB: text('text_b').notNull(),
    label: text('label').notNull(),
    decidedBy: text('decided_by', { enum: ['crowd', 'expert'] }).notNull(),
    /** Vote counts per label, the expert's note, the model's prediction at ingest. */
    provenance: jsonb('provenance').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ name: 'dataset_row_pk', columns: [t.versionId, t.itemId] })],
);

/** Rows that failed a data check at merge: kept with the reason, never silently dropped. */
export const quarantinedRow = pgTable(
  'quarantined_row',
  {
    versionId: uuid('version_id').notNull().references(() => datasetVersion.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'quarantined_row_pk', columns: [t.versionId, t.itemId] })],
);
