import { and, eq, sql } from 'drizzle-orm';
import { AppError, rooms, type TLabellerSummary, type TUser } from '@quorum/contracts';
import { user, type DbOrTx } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { labellerModelFrom, labellerModelSql, type LabellerModelColumn } from './labeller-model';
import { projectForMember } from './projects';

type SummaryRow = {
  id: string; display_name: string; email: string; paused_at: Date | null; pause_reason: string | null;
  open: number; waiting: number; accepted: number; rejected: number; expired: number; open_appeals: number;
  trend: { accuracy: number; low: number; high: number; evidence_count: number; spam_prior: number; computed_at: string }[] | null;
  model: LabellerModelColumn;
};

/** Labellers of a project with reliability, its trend, batch outcomes, pause and appeals: one query. */
async function summaries(db: DbOrTx, projectId: string, labellerId?: string): Promise<TLabellerSummary[]> {
  const rows = await db.execute<SummaryRow>(sql`
    select u.id, u.display_name, u.email, u.paused_at, u.pause_reason,
      count(b.id) filter (where b.status = 'open')::int as open,
      count(b.id) filter (where b.status = 'submitted')::int as waiting,
      count(b.id) filter (where b.status = 'accepted')::int as accepted,
      count(b.id) filter (where b.status = 'rejected')::int as rejected,
      count(b.id) filter (where b.status = 'expired')::int as expired,
      (select count(*)::int from appeal ap where ap.project_id = ${projectId} and ap.labeller_id = u.id and ap.status = 'open') as open_appeals,
      (select json_agg(t order by t.computed_at) from (
         select accuracy, low, high, evidence_count, spam_prior, computed_at from labeller_reliability r
         where r.project_id = ${projectId} and r.labeller_id = u.id order by computed_at desc, id desc limit 20) t) as trend,
      ${labellerModelSql(projectId, sql`u.id`)} as model
    from project_member m join "user" u on u.id = m.user_id
    left join batch b on b.labeller_id = u.id and b.project_id = ${projectId}
    where m.project_id = ${projectId} and u.role = 'labeller' ${labellerId ? sql`and u.id = ${labellerId}` : sql``}
    group by u.id order by u.display_name, u.email`);
  return rows.rows.map((r) => {
    const latest = r.trend?.[r.trend.length - 1];
    return {
      id: r.id,
      displayName: r.display_name,
      email: r.email,
      reliability: latest ? { accuracy: latest.accuracy, low: latest.low, high: latest.high, evidenceCount: latest.evidence_count, computedAt: new Date(latest.computed_at).toISOString() } : null,
      spamPrior: latest?.spam_prior ?? null,
      trend: (r.trend ?? []).map((t) => t.accuracy),
      batches: { open: r.open, waiting: r.waiting, accepted: r.accepted, rejected: r.rejected, expired: r.expired },
      pausedAt: r.paused_at ? new Date(r.paused_at).toISOString() : null,
      pauseReason: r.pause_reason,
      openAppeals: r.open_appeals,
      model: labellerModelFrom(r.model),
    };
  });
}

export async function listLabellers(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TLabellerSummary[]> {
  await projectForMember(ctx.db, caller.id, projectId);
  return summaries(ctx.db, projectId);
}

/** Lifts a pause. The pause rule then looks only at batches decided after this moment. */
export async function unpauseLabeller(ctx: ServiceContext, caller: TUser, projectId: string, labellerId: string): Promise<TLabellerSummary> {
  return inTransaction(ctx, async (tx, out) => {
    await projectForMember(tx, caller.id, projectId);
    await projectForMember(tx, labellerId, projectId).catch(() => {
      throw new AppError('not_found', 'no such labeller in this project');
    });
    const lifted = await tx
      .update(user)
      .set({ pausedAt: null, pauseReason: null, pauseLiftedAt: ctx.now() })
      .where(and(eq(user.id, labellerId), eq(user.role, 'labeller'), sql`${user.pausedAt} is not null`))
      .returning({ id: user.id });
    if (lifted.length === 0) throw new AppError('conflict', 'this labeller is not paused');
    out.event({ name: 'labeller:paused', room: rooms.user(labellerId), payload: { projectId, reason: null } });
    out.event({ name: 'labeller:changed', room: rooms.engineers(projectId), payload: { projectId, labellerId } });
    const [summary] = await summaries(tx, projectId, labellerId);
    return summary!;
  });
}
