import { sql } from 'drizzle-orm';
import type { TCockpitCost, TUser } from '@quorum/contracts';
import { QUALITY_EXPERT_GAP_CAP_MINUTES, qualityCost, qualityExpertMinutes } from '@quorum/core';
import type { DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';

type Row = { accepted: number; rejected: number; controls: number; settled_items: number; decisions: number; gaps: number; gap_minutes: number };

/**
 * Labels by what became of them, settled items, and the gaps between each expert's consecutive
 * decisions, in one statement. Labels are split with the partial index of uncounted or control
 * assignments (as re-aggregation does), not by reading every assignment: labels whose assignment
 * is not in it are accepted answers on items. Labels of batches still open or waiting are left
 * out: nobody has decided yet whether they count.
 */
async function costRow(db: DbOrTx, projectId: string): Promise<Row> {
  const res = await db.execute<Row>(sql`
    with l as (
      select count(*) filter (where x.id is null)::int as accepted,
             count(*) filter (where x.status = 'rejected' and not x.is_gold)::int as rejected,
             count(*) filter (where x.is_gold and x.status in ('accepted', 'rejected'))::int as controls
      from label l
      join batch b on b.id = l.batch_id
      left join (select id, status, is_gold from assignment where status <> 'accepted' or is_gold) x on x.id = l.assignment_id
      where b.project_id = ${projectId}
    ), d as (
      select settled_at - lag(settled_at) over (partition by settled_by order by settled_at, id) as gap
      from review where project_id = ${projectId} and status = 'settled'
    ), e as (
      select count(*)::int as decisions,
             count(*) filter (where gap <= ${`${QUALITY_EXPERT_GAP_CAP_MINUTES} minutes`}::interval)::int as gaps,
             coalesce(sum(extract(epoch from gap) / 60) filter (where gap <= ${`${QUALITY_EXPERT_GAP_CAP_MINUTES} minutes`}::interval), 0)::float8 as gap_minutes
      from d
    )
    select l.*, e.*, (select count(*)::int from item where project_id = ${projectId} and status = 'settled') as settled_items
    from l, e`);
  return res.rows[0]!;
}

export async function cockpitCost(ctx: ServiceContext, caller: TUser, projectId: string): Promise<TCockpitCost> {
  await projectForMember(ctx.db, caller.id, projectId);
  const r = await costRow(ctx.db, projectId);
  const cost = qualityCost({
    accepted: r.accepted,
    rejected: r.rejected,
    controls: r.controls,
    settledItems: r.settled_items,
    expertDecisions: r.decisions,
    expertMinutes: qualityExpertMinutes({ count: r.gaps, minutesSum: r.gap_minutes }, r.decisions),
  });
  return { generatedAt: ctx.now().toISOString(), ...cost, expertGapCapMinutes: QUALITY_EXPERT_GAP_CAP_MINUTES };
}
