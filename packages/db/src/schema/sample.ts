import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './common';
import { project } from './project';

/** Why a pooled sample left the pool without becoming an item. */
export const SAMPLE_SKIP_REASONS = ['duplicate_pair', 'near_duplicate'] as const;

/**
 * One production prediction, as last ingested. A re-ingest with changed content or model version
 * overwrites it and keeps the previous prediction in sample_revision.
 */
export const sample = pgTable(
  'sample',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    textA: text('text_a').notNull(),
    textB: text('text_b').notNull(),
    modelLabel: text('model_label'),
    modelProbs: jsonb('model_probs').$type<Record<string, number>>().notNull(),
    /** Several stochastic forward passes (e.g. MC dropout), each a distribution over the labels. */
    predictions: jsonb('predictions').$type<Record<string, number>[]>(),
    modelVersion: text('model_version'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    /** The model's top probability, shown to experts; independent of the selection strategy. */
    modelConfidence: real('model_confidence').notNull(),
    /** Uncertainty under the project's selection strategy, computed at ingest (and recomputed when
     *  the strategy changes) so that selection is one indexed scan. 1 = most uncertain. */
    uncertainty: real('uncertainty').notNull(),
    /** Key of the normalised pair (core datasets normalisation): never select the same question twice. */
    pairKey: text('pair_key'),
    /** Hash of what a re-ingest may change (texts, prediction(s), model version, metadata). */
    contentHash: text('content_hash').notNull().default(''),
    /** True while the sample is neither an item nor skipped: the pool selection draws from. */
    pooled: boolean('pooled').notNull().default(true),
    skipReason: text('skip_reason', { enum: SAMPLE_SKIP_REASONS }),
    ingestedAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sample_project_external_id_unique').on(t.projectId, t.externalId),
    // Selection reads the top of this index: the most uncertain pooled samples of one project.
    index('sample_pool_idx').on(t.projectId, t.uncertainty.desc(), t.id).where(sql`${t.pooled}`),
    index('sample_project_pair_key_idx').on(t.projectId, t.pairKey),
    // Trigram index (pg_trgm) over both texts of samples that left the pool: experts see similar
    // items already settled, found with the `%` similarity operator. Pooled samples are left out so
    // that ingesting millions of them does not pay for a GIN insert each.
    index('sample_text_trgm_idx').using('gin', sql`(${t.textA} || ' ' || ${t.textB}) gin_trgm_ops`).where(sql`not ${t.pooled}`),
    check('sample_skip_reason_known', sql`${t.skipReason} is null or ${t.skipReason} in ('duplicate_pair', 'near_duplicate')`),
    check('sample_skipped_not_pooled', sql`${t.skipReason} is null or not ${t.pooled}`),
  ],
);

/** Earlier predictions of a sample, kept when a re-ingest replaced them. */
export const sampleRevision = pgTable(
  'sample_revision',
  {
    id: id(),
    sampleId: uuid('sample_id').notNull().references(() => sample.id, { onDelete: 'cascade' }),
    textA: text('text_a').notNull(),
    textB: text('text_b').notNull(),
    modelLabel: text('model_label'),
    modelProbs: jsonb('model_probs').$type<Record<string, number>>().notNull(),
    predictions: jsonb('predictions').$type<Record<string, number>[]>(),
    modelVersion: text('model_version'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    contentHash: text('content_hash').notNull(),
    /** When this prediction was first ingested, and when a newer one replaced it. */
    ingestedAt: ts('ingested_at').notNull(),
    replacedAt: ts('replaced_at').notNull().defaultNow(),
  },
  (t) => [index('sample_revision_sample_idx').on(t.sampleId, t.replacedAt)],
);
