import { sql } from 'drizzle-orm';
import type { COCKPIT_LABELLER_SORTS, TCockpitLabeller, TCockpitLabellerPage, TUser } from '@quorum/contracts';
import type { DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { labellerModelFrom, labellerModelSql, type LabellerModelColumn } from '../labeller-model';
import { projectForMember } from '../projects';

export type CockpitLabellersQuery = { sort: (typeof COCKPIT_LABELLER_SORTS)[number]; order: 'asc' | 'desc'; page: number; pageSize: number };

/** Sort keys → columns of the `rows` relation below; a closed list, so no caller text reaches SQL. */
const SORT_COLUMN: Record<CockpitLabellersQuery['sort'], string> = {
  name: 'lower(display_name)',
  reliability: 'accuracy',
  throughput: 'labels_last_hour',
  accepted: 'accepted',
  rejected: 'rejected',
  waiting: 'waiting',
  appeals: 'open_appeals',
  paused: 'paused_at',
  active: 'last_active_at',
};

/** Estimates in a labeller's sparkline: one per decided batch, the latest twenty. */
const TREND_LENGTH = 20;

type Row = {
  id: string; display_name: string; email: string; paused_at: Date | null; pause_reason: string | null;
  open: number; waiting: number; accepted: number; rejected: number; expired: number; open_appeals: number;
  labels_last_hour: number; labels_last_day: number; last_active_at: Date | null;
  accuracy: number | null; low: number | null; high: number | null; evidence_count: number | null; spam_prior: number | null; computed_at: Date | null;
  trend: number[] | null; total: number; model: LabellerModelColumn;
};

/**
 * One page of the project's labellers, sorted in SQL over all of them. Batch outcomes are one
 * pass over the project's batches; labels are read only for batches whose lease ended in the last
 * day (a label is never given after its batch's lease); the latest reliability is one probe each of
 * labeller_reliability_latest_idx; the trend is read for the page's rows only.
 */
async function labellerPage(db: DbOrTx, projectId: string, now: Date, q: CockpitLabellersQuery): Promise<Row[]> {
  const hour = new Date(now.getTime() - 3600_000);
  const day = new Date(now.getTime() - 24 * 3600_000);
  const order = sql.raw(`${SORT_COLUMN[q.sort]} ${q.order === 'asc' ? 'asc' : 'desc'} nulls last, lower(display_name), id`);
  const res = await db.execute<Row>(sql`
    with members as (
      select u.id, u.display_name, u.email, u.paused_at, u.pause_reason
      from project_member m join "user" u on u.id = m.user_id
      where m.project_id = ${projectId} and u.role = 'labeller'
    ), b as (
      select labeller_id,
             count(*) filter (where status = 'open')::int as open,
             count(*) filter (where status = 'submitted')::int as waiting,
             count(*) filter (where status = 'accepted')::int as accepted,
             count(*) filter (where status = 'rejected')::int as rejected,
             count(*) filter (where status = 'expired')::int as expired,
             max(greatest(created_at, submitted_at)) as last_active_at
      from batch where project_id = ${projectId} group by labeller_id
    ), recent as (
      -- One probe of label_batch_idx per recent batch (a lateral aggregate is not flattened).
      select b.labeller_id, sum(n.h)::int as labels_last_hour, sum(n.d)::int as labels_last_day
      from batch b cross join lateral (
        select count(*) filter (where l.answered_at > ${hour}) as h, count(*) filter (where l.answered_at > ${day}) as d
        from label l where l.batch_id = b.id) n
      where b.project_id = ${projectId} and b.expires_at > ${day}
      group by b.labeller_id
    ), ap as (
      select labeller_id, count(*)::int as open_appeals from appeal where project_id = ${projectId} and status = 'open' group by labeller_id
    ), rows as (
      select m.*, coalesce(b.open, 0) as open, coalesce(b.waiting, 0) as waiting, coalesce(b.accepted, 0) as accepted,
             coalesce(b.rejected, 0) as rejected, coalesce(b.expired, 0) as expired, b.last_active_at,
             coalesce(recent.labels_last_hour, 0) as labels_last_hour, coalesce(recent.labels_last_day, 0) as labels_last_day,
             coalesce(ap.open_appeals, 0) as open_appeals,
             rel.accuracy, rel.low, rel.high, rel.evidence_count, rel.spam_prior, rel.computed_at,
             count(*) over ()::int as total
      from members m
      left join b on b.labeller_id = m.id
      left join recent on recent.labeller_id = m.id
      left join ap on ap.labeller_id = m.id
      left join lateral (
        select accuracy, low, high, evidence_count, spam_prior, computed_at from labeller_reliability r
        where r.project_id = ${projectId} and r.labeller_id = m.id order by computed_at desc, id desc limit 1
      ) rel on true
      order by ${order}
      limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}
    )
    select rows.*,
      (select array_agg(t.accuracy order by t.computed_at, t.id) from (
         select accuracy, computed_at, id from labeller_reliability r
         where r.project_id = ${projectId} and r.labeller_id = rows.id order by computed_at desc, id desc limit ${TREND_LENGTH}) t) as trend,
      ${labellerModelSql(projectId, sql`rows.id`)} as model
    from rows order by ${order}`);
  return res.rows;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toLabeller(r: Row): TCockpitLabeller {
  return {
    id: r.id,
    displayName: r.display_name,
    email: r.email,
    reliability:
      r.accuracy === null || r.computed_at === null
        ? null
        : { accuracy: r.accuracy, low: r.low!, high: r.high!, evidenceCount: r.evidence_count!, computedAt: iso(r.computed_at)! },
    spamPrior: r.spam_prior,
    trend: r.trend ?? [],
    batches: { open: r.open, waiting: r.waiting, accepted: r.accepted, rejected: r.rejected, expired: r.expired },
    pausedAt: iso(r.paused_at),
    pauseReason: r.pause_reason,
    openAppeals: r.open_appeals,
    labelsLastHour: r.labels_last_hour,
    labelsLastDay: r.labels_last_day,
    lastActiveAt: iso(r.last_active_at),
    model: labellerModelFrom(r.model),
  };
}

export async function cockpitLabellers(ctx: ServiceContext, caller: TUser, projectId: string, q: CockpitLabellersQuery): Promise<TCockpitLabellerPage> {
  await projectForMember(ctx.db, caller.id, projectId);
  const rows = await labellerPage(ctx.db, projectId, ctx.now(), q);
  // Past the last page there are no rows to carry the total: count once more, cheaply.
  const total = rows[0]?.total ?? (q.page > 1 ? await labellerCount(ctx.db, projectId) : 0);
  return { labellers: rows.map(toLabeller), total, page: q.page, pageSize: q.pageSize };
}

async function labellerCount(db: DbOrTx, projectId: string): Promise<number> {
  const res = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from project_member m join "user" u on u.id = m.user_id where m.project_id = ${projectId} and u.role = 'labeller'`);
  return res.rows[0]?.n ?? 0;
}
