import { index, json, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

/** express-session store (connect-pg-simple's layout): sessions live in PostgreSQL, the truth. */
export const session = pgTable(
  'session',
  {
    sid: varchar('sid').primaryKey(),
    sess: json('sess').notNull(),
    expire: timestamp('expire', { precision: 6 }).notNull(),
  },
  (t) => [index('session_expire_idx').on(t.expire)],
);
