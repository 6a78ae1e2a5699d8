import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './common';
import { project } from './project';

/** One labeller in a fitted model: P(answer | true label) rows in the model's label order. */
export type AggregationModelLabeller = { confusion: number[][]; accuracy: number; labels: number };

/**
 * A project's latest fitted aggregation model (Dawid–Skene over every accepted label, gold
 * answers clamped): what aggregating one more item needs without refitting. One row per
 * project, replaced by each re-aggregation. jsonb keeps 5,000 labellers in ~1 MB; an item's
 * aggregation reads only its voters' entries (`labellers -> id`).
 */
export const aggregationModel = pgTable('aggregation_model', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => project.id, { onDelete: 'cascade' }),
  /** The project's aggregation method at fit time; the confusions are Dawid–Skene's whatever it is. */
  method: text('method').notNull(),
  /** The label order of every vector and matrix below. */
  labels: jsonb('labels').$type<string[]>().notNull(),
  classPrior: jsonb('class_prior').$type<number[]>().notNull(),
  /** The whole crowd's confusion [true][answered]: the prior of each labeller's rows, and the
   *  confusion of a labeller the model has not seen. */
  pooledConfusion: jsonb('pooled_confusion').$type<number[][]>().notNull(),
  /** Labeller id → confusion [true][answered], accuracy (Σ prior × diagonal) and labels fitted. */
  labellers: jsonb('labellers').$type<Record<string, AggregationModelLabeller>>().notNull(),
  /** Accepted labels the fit used (gold-item answers included). */
  labelsFitted: integer('labels_fitted').notNull(),
  /** Items whose answer was known (gold_answer) and clamped in the fit. */
  goldItems: integer('gold_items').notNull(),
  iterations: integer('iterations').notNull(),
  converged: boolean('converged').notNull(),
  /** When the fit read the labels: labels decided after this are not in it. */
  fittedAt: ts('fitted_at').notNull(),
  computedAt: ts('computed_at').notNull().defaultNow(),
});
