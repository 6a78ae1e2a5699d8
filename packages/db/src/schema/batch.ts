import { check, customType, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, ts } from './common';
import { project } from './project';
import { user } from './user';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const BATCH_STATUSES = ['open', 'submitted', 'accepted', 'rejected', 'expired'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** One labeller's unit of work; accepted or rejected as a whole. */
export const batch = pgTable(
  'batch',
  {
    id: id(),
    projectId: uuid('project_id').notNull().references(() => project.id, { onDelete: 'cascade' }),
    labellerId: uuid('labeller_id').notNull().references(() => user.id),
    status: text('status', { enum: BATCH_STATUSES }).notNull().default('open'),
    createdAt: createdAt(),
    /** The lease: after this, an open batch expires and its items go back to the pool. */
    expiresAt: ts('expires_at').notNull(),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    /** Plain reasons shown to the labeller when rejected; never names gold items. */
    reasons: jsonb('reasons').$type<string[]>(),
    /** Every figure that went into the decision. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    /** P(random clicker | evidence) at the last scoring; the decision figure. */
    posteriorSpam: real('posterior_spam'),
    /** Set when an engineer overrode the scored decision. */
    overriddenBy: uuid('overridden_by').references(() => user.id),
    overriddenAt: ts('overridden_at'),
    overrideNote: text('override_note'),
    /** The batch's counted labels packed for re-aggregation, 10 bytes each: the item's num (int8),
     *  then int2 (label index in the project's labels << 1 | 1 for a control answer). Kept by the
     *  statement trigger assignment_label_pack from the assignments' status, the truth of what
     *  counts: a refit reads ~100,000 packs instead of joining a million label rows. */
    labelPack: bytea('label_pack').notNull().default(sql`''::bytea`),
  },
  (t) => [
    index('batch_labeller_idx').on(t.labellerId, t.createdAt),
    index('batch_status_idx').on(t.status, t.expiresAt),
    // Batches decided since a project's aggregation model was fitted: the re-aggregation trigger.
    index('batch_project_decided_idx').on(t.projectId, t.decidedAt),
    // Asking for work while a batch is open returns that batch: at most one open batch per labeller and project.
    uniqueIndex('batch_one_open_per_labeller').on(t.projectId, t.labellerId).where(sql`${t.status} = 'open'`),
    check('batch_status_known', sql`${t.status} in ('open', 'submitted', 'accepted', 'rejected', 'expired')`),
  ],
);
