import { check, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, ts } from './common';
import { datasetVersion } from './dataset-version';
import { item } from './item';
import { project } from './project';
import { user } from './user';

export const QUARANTINE_STATUSES = ['open', 'released', 'fixed'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

/**
 * A row a merge kept out of its version, with every reason: never silently dropped. It waits
 * ('open') until the engineer releases it as it is or fixes it; either way the next merge takes
 * it (resolved_version_id) and checks it again, a release overriding the codes it was held for.
 */
export const quarantinedRow = pgTable(
  'quarantined_row',
  {
    id: uuid('id').notNull().defaultRandom(),
    /** The merge (candidate version) that quarantined the row. */
    versionId: uuid('version_id').notNull().references(() => datasetVersion.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id),
    /** The row as offered; a fix rewrites these (the first values stay in `fix`). */
    textA: text('text_a').notNull(),
    textB: text('text_b').notNull(),
    label: text('label').notNull(),
    /** The finding codes that kept the row out, and every finding as core reported it. */
    codes: text('codes').array().notNull().default(sql`'{}'::text[]`),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<unknown[]>().notNull().default([]),
    status: text('status', { enum: QUARANTINE_STATUSES }).notNull().default('open'),
    decidedBy: uuid('decided_by').references(() => user.id),
    decidedAt: ts('decided_at'),
    note: text('note'),
    /** For a fix: { before: { label, textA, textB } }. */
    fix: jsonb('fix').$type<Record<string, unknown>>(),
    /** The merge that took the released or fixed row back in; null while it waits. */
    resolvedVersionId: uuid('resolved_version_id').references(() => datasetVersion.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'quarantined_row_pk', columns: [t.versionId, t.itemId] }),
    uniqueIndex('quarantined_row_id_unique').on(t.id),
    // An item waits in quarantine at most once: a merge offers it through that row or not at all.
    uniqueIndex('quarantined_row_one_pending_per_item').on(t.itemId).where(sql`${t.resolvedVersionId} is null`),
    check('quarantined_row_status_known', sql`${t.status} in ('open', 'released', 'fixed')`),
    check('quarantined_row_open_is_pending', sql`${t.status} <> 'open' or ${t.resolvedVersionId} is null`),
  ],
);
