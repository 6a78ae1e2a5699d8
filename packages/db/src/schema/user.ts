import { check, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';

export const USER_ROLES = ['labeller', 'expert', 'engineer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const user = pgTable(
  'user',
  {
    id: id(),
    /** Always stored lower-case, so the unique index is case-insensitive in effect. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** bcrypt hash; never leaves the server. */
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    /** Set when the labeller may not take new batches (see pause_reason). */
    pausedAt: ts('paused_at'),
    pauseReason: text('pause_reason'),
    /** When an engineer last lifted a pause: the pause rule only looks at batches decided since. */
    pauseLiftedAt: ts('pause_lifted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('user_email_unique').on(t.email),
    check('user_role_known', sql`${t.role} in ('labeller', 'expert', 'engineer')`),
    check('user_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);
