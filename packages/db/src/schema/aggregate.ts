import { integer, jsonb, pgTable, real, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './common';
import { item } from './item';

/** An item's posterior over labels from its accepted labels, and its disagreement. */
export const aggregate = pgTable('aggregate', {
  itemId: uuid('item_id')
    .primaryKey()
    .references(() => item.id, { onDelete: 'cascade' }),
  method: text('method').notNull(),
  posterior: jsonb('posterior').$type<Record<string, number>>().notNull(),
  votes: jsonb('votes').$type<Record<string, number>>().notNull(),
  winner: text('winner'),
  /** Winner's vote share. */
  agreement: real('agreement').notNull(),
  /** Vote entropy normalised to [0, 1]; 0 = unanimous. */
  disagreement: real('disagreement').notNull(),
  labelCount: integer('label_count').notNull(),
  outcome: text('outcome', { enum: ['settled', 'escalated'] }).notNull(),
  computedAt: ts('computed_at').notNull().defaultNow(),
});
