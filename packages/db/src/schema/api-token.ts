import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './common';
import { user } from './user';

/** Machine clients (ingest, export) authenticate with a bearer token an engineer created.
 *  Only the sha256 of the token is stored; the token itself is shown once. */
export const apiToken = pgTable(
  'api_token',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_token_hash_unique').on(t.tokenHash), index('api_token_user_idx').on(t.userId)],
);
