import { check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { datasetVersion } from './dataset-version';
import { item } from './item';
import { project } from './project';
import { sample } from './sample';

/**
 * Dataset rows are stored once per revision, not once per version.
 *
 * A revision is one state of one item's row (texts, label, split, provenance) together with the
 * interval of version numbers in which it is live: [valid_from, valid_to). Version N of a
 * project is every revision with valid_from ≤ N < valid_to. A merge that makes version N
 * inserts revisions for the rows it adds (valid_from = N) and, for a row it removes or
 * relabels, closes the old revision (valid_to = N; a relabel then opens a new one). Rows that
 * do not change are not touched, so 1,000,000 rows across 50 versions cost about 1,000,000
 * revisions plus one per change, where a copy per version would cost the sum of every
 * version's size.
 *
 * Intervals are read along the lineage, which is linear: approved versions, each the parent of
 * the next, plus at most one open candidate on top (dataset_version_one_candidate). A rejected
 * candidate's revisions are deleted and the revisions it closed are reopened, so the lineage is
 * as before and numbers of rejected versions simply fall inside unchanged intervals. Rejected
 * versions therefore keep their report and hash but no rows.
 *
 * Reads are single index scans of the primary key (project, item, valid_from), in item order:
 *  - version N: valid_from ≤ N is checked in the index, valid_to > N on the row;
 *  - rows that differ between versions A < B: born in (A, B] (checked in the primary key) or
 *    closed in (A, B] (dataset_row_closed_idx, which holds only closed revisions, few).
 * Both stream from a cursor, in the order the content hash and the diff's merge-join need.
 */

/** valid_to of a revision that is still live in the newest version. */
export const DATASET_ROW_OPEN = 2147483647;
export const DATASET_SPLIT_NAMES = ['train', 'dev', 'test'] as const;
/** How the revision came to be: merged from a settled item, or a quarantined row released / fixed. */
export const DATASET_ROW_ORIGINS = ['merge', 'released', 'fixed'] as const;

export const datasetRow = pgTable(
  'dataset_row',
  {
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull().references(() => item.id),
    /** The version whose merge created the revision; its number is valid_from (trigger
     *  dataset_row_matches_version fills or checks both from it). */
    versionId: uuid('version_id').notNull().references(() => datasetVersion.id, { onDelete: 'cascade' }),
    validFrom: integer('valid_from').notNull(),
    validTo: integer('valid_to').notNull().default(DATASET_ROW_OPEN),
    sampleId: uuid('sample_id').notNull().references(() => sample.id),
    externalId: text('external_id').notNull(),
    textA: text('text_a').notNull(),
    textB: text('text_b').notNull(),
    label: text('label').notNull(),
    /** train, dev or test, from the normalised pair (core splitFromKey). Null only for rows
     *  migrated from before splits, until the next merge or export fills it in. */
    split: text('split', { enum: DATASET_SPLIT_NAMES }),
    decidedBy: text('decided_by', { enum: ['crowd', 'expert'] }).notNull(),
    origin: text('origin', { enum: DATASET_ROW_ORIGINS }).notNull().default('merge'),
    // The export's columns, kept as the export writes them so PostgreSQL can build each line
    // without unpacking JSON: per-label figures are arrays in the project's label order.
    /** Share of crowd votes for the winning label. */
    agreement: doublePrecision('agreement'),
    posterior: doublePrecision('posterior').array(),
    votes: integer('votes').array(),
    modelLabel: text('model_label'),
    modelVersion: text('model_version'),
    modelProbs: doublePrecision('model_probs').array(),
    expertNote: text('expert_note'),
    /** Batches whose accepted labels settled the item, sorted. */
    batchIds: uuid('batch_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Everything behind the row when it was merged: each accepted vote with its voter's
     *  reliability then, the posterior, the expert's decision and note, the model's prediction. */
    provenance: jsonb('provenance').$type<Record<string, unknown>>().notNull(),
    /** LSH band hashes of the normalised pair (core nearDuplicateBandHashes, as int4), so a merge
     *  fetches only the parent rows a new row could duplicate or nearly duplicate. */
    lshBands: integer('lsh_bands').array(),
  },
  (t) => [
    primaryKey({ name: 'dataset_row_pk', columns: [t.projectId, t.itemId, t.validFrom] }),
    // An item has one row in the newest version at most.
    uniqueIndex('dataset_row_one_open_per_item').on(t.projectId, t.itemId).where(sql`${t.validTo} = ${sql.raw(String(DATASET_ROW_OPEN))}`),
    index('dataset_row_closed_idx').on(t.projectId, t.validTo, t.itemId).where(sql`${t.validTo} <> ${sql.raw(String(DATASET_ROW_OPEN))}`),
    check('dataset_row_interval', sql`${t.validFrom} < ${t.validTo}`),
    check('dataset_row_split_known', sql`${t.split} is null or ${t.split} in ('train', 'dev', 'test')`),
    check('dataset_row_origin_known', sql`${t.origin} in ('merge', 'released', 'fixed')`),
  ],
);
