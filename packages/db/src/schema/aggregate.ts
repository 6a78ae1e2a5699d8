import { integer, jsonb, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './common';
import { item } from './item';

/** An item's posterior over labels from its accepted labels, and its disagreement. */
export const aggregate = pgTable('aggregate', {
  itemId: uuid('item_id')
    .primaryKey()
    .references(() => item.id, { onDelete: 'cascade' }),
  /** The project's aggregation method when computed ('dawid-skene', 'weighted', 'majority'). */
  method: text('method').notNull(),
  posterior: jsonb('posterior').$type<Record<string, number>>().notNull(),
  /** The largest posterior entry, written with the posterior: re-aggregation compares it (and
   *  disagreement) to decide what changed without taking every posterior out of its jsonb. NULL
   *  (a writer that left it out) reads as changed, so the next re-aggregation rewrites the row. */
  topPosterior: real('top_posterior'),
  votes: jsonb('votes').$type<Record<string, number>>().notNull(),
  /** The label with the highest posterior; null on a tie. */
  winner: text('winner'),
  /** Winner's vote share (the top vote share on a tie). */
  agreement: real('agreement').notNull(),
  /** Posterior entropy normalised to [0, 1]: 0 = certain, 1 = uniform over the labels. */
  disagreement: real('disagreement').notNull(),
  /** Vote entropy normalised to [0, 1]; 0 = unanimous. What the votes say before weighting. */
  voteEntropy: real('vote_entropy').notNull().default(0),
  labelCount: integer('label_count').notNull(),
  outcome: text('outcome', { enum: ['settled', 'escalated'] }).notNull(),
  computedAt: ts('computed_at').notNull().defaultNow(),
});
