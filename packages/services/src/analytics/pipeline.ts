import { sql } from 'drizzle-orm';
import type { TCockpitPipeline, TUser } from '@quorum/contracts';
import { qualityPerHour } from '@quorum/core';
import { DATASET_ROW_OPEN, type DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';

/** Job counts of the work queue, read by the edge (BullMQ in production); the services never
 *  hold a queue themselves. */
export type CockpitQueueCounts = { waiting: number; active: number; delayed: number; failed: number; completed: number };
export type CockpitQueueProbe = () => Promise<CockpitQueueCounts>;

/** How long the queue may take to answer before the panel shows "unknown" rather than wait. */
const QUEUE_PROBE_TIMEOUT_MS = 1000;

type Row = Record<string, number | Date | null>;

/** Above this many samples the ingest rate is not measured: sample has no index on its ingest
 *  time, and counting the last day's samples would read the whole table on every refresh. */
export const COCKPIT_INGEST_RATE_SCAN_LIMIT = 100_000;

/**
 * The pool's size and the project's samples. At a million samples these are the two largest
 * counts of the panel (the pool through its partial index, all samples through the pair-key
 * index), so they run as a statement of their own, beside the rest.
 */
async function sampleCounts(db: DbOrTx, projectId: string): Promise<Row> {
  const res = await db.execute<Row>(sql`
    select (select count(*) from sample where project_id = ${projectId} and pooled)::int as pooled,
           (select count(*) from sample where project_id = ${projectId})::int as samples`);
  return res.rows[0]!;
}

/**
 * Counts, rates and stuck work of one project in one statement, each part in one pass or
 * through an index: items in one pass, batches of the project in one pass, labels of the last
 * day through the batches whose lease ended in it, one index probe per batch (a label is never
 * given after its batch's lease: recordLabel refuses), reviews of the project in one pass.
 */
async function pipelineRow(db: DbOrTx, projectId: string, now: Date, maxWaitMinutes: number): Promise<Row> {
  const hour = new Date(now.getTime() - 3600_000);
  const day = new Date(now.getTime() - 24 * 3600_000);
  const waitedSince = new Date(now.getTime() - maxWaitMinutes * 60_000);
  const res = await db.execute<Row>(sql`
    with i as (
      select count(*) filter (where status <> 'gold')::int as selected,
             count(*) filter (where status = 'labelling')::int as labelling,
             count(*) filter (where status = 'escalated')::int as escalated,
             count(*) filter (where status = 'settled')::int as settled,
             count(*) filter (where status = 'excluded')::int as excluded,
             count(*) filter (where status = 'gold')::int as gold,
             count(*) filter (where status <> 'gold' and selected_at > ${hour})::int as selected_h,
             count(*) filter (where status <> 'gold' and selected_at > ${day})::int as selected_d,
             count(*) filter (where status = 'settled' and settled_at > ${hour})::int as settled_h,
             count(*) filter (where status = 'settled' and settled_at > ${day})::int as settled_d
      from item where project_id = ${projectId}
    ), b as (
      select count(*) filter (where status = 'open')::int as b_open,
             count(*) filter (where status = 'submitted')::int as b_submitted,
             count(*) filter (where status = 'accepted')::int as b_accepted,
             count(*) filter (where status = 'rejected')::int as b_rejected,
             count(*) filter (where status = 'expired')::int as b_expired,
             count(*) filter (where status = 'open' and expires_at <= ${now})::int as stale_open,
             min(expires_at) filter (where status = 'open' and expires_at <= ${now}) as stale_open_oldest,
             count(*) filter (where status = 'submitted' and submitted_at <= ${waitedSince})::int as stale_submitted,
             min(submitted_at) filter (where status = 'submitted' and submitted_at <= ${waitedSince}) as stale_submitted_oldest
      from batch where project_id = ${projectId}
    ), l as (
      -- A lateral aggregate is not flattened into a join: the planner probes label_batch_idx per
      -- recent batch instead of hashing every label of the project.
      select coalesce(sum(n.h), 0)::int as labels_h, coalesce(sum(n.d), 0)::int as labels_d
      from batch b cross join lateral (
        select count(*) filter (where l.answered_at > ${hour}) as h, count(*) filter (where l.answered_at > ${day}) as d
        from label l where l.batch_id = b.id) n
      where b.project_id = ${projectId} and b.expires_at > ${day}
    ), w as (
      select count(*)::int as waiting_labels
      from batch b join label l on l.batch_id = b.id
      where b.status = 'submitted' and b.project_id = ${projectId}
    ), r as (
      select count(*) filter (where created_at > ${hour})::int as escalated_h,
             count(*) filter (where created_at > ${day})::int as escalated_d,
             count(*) filter (where status = 'claimed' and claim_expires_at <= ${now})::int as stale_claims,
             min(claim_expires_at) filter (where status = 'claimed' and claim_expires_at <= ${now}) as stale_claims_oldest
      from review where project_id = ${projectId}
    ), v as (
      select coalesce(sum(added_count) filter (where created_at > ${hour}), 0)::int as merged_h,
             coalesce(sum(added_count) filter (where created_at > ${day}), 0)::int as merged_d
      from dataset_version where project_id = ${projectId} and status <> 'rejected'
    )
    select *, (select count(*) from dataset_row d where d.project_id = ${projectId} and d.valid_to = ${DATASET_ROW_OPEN})::int as merged
    from i, b, l, w, r, v`);
  return res.rows[0]!;
}

/** Samples ingested in the last hour and day, on projects small enough to count them (see
 *  COCKPIT_INGEST_RATE_SCAN_LIMIT); null otherwise. */
async function ingestRate(db: DbOrTx, projectId: string, now: Date, samples: number): Promise<{ lastHour: number; lastDay: number } | null> {
  if (samples > COCKPIT_INGEST_RATE_SCAN_LIMIT) return null;
  const res = await db.execute<{ h: number; d: number }>(sql`
    select count(*) filter (where created_at > ${new Date(now.getTime() - 3600_000)})::int as h,
           count(*) filter (where created_at > ${new Date(now.getTime() - 24 * 3600_000)})::int as d
    from sample where project_id = ${projectId}`);
  const r = res.rows[0]!;
  return { lastHour: qualityPerHour(r.h, 1), lastDay: qualityPerHour(r.d, 24) };
}

const num = (r: Row, k: string) => Number(r[k] ?? 0);
const iso = (v: number | Date | null | undefined) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : new Date(v).toISOString());
const rate = (r: Row, k: string) => ({ lastHour: qualityPerHour(num(r, `${k}_h`), 1), lastDay: qualityPerHour(num(r, `${k}_d`), 24) });

async function probeQueue(probe: CockpitQueueProbe | undefined): Promise<CockpitQueueCounts | null> {
  if (!probe) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), QUEUE_PROBE_TIMEOUT_MS)));
  // Redis down must not take the pipeline panel with it: the counts from PostgreSQL still stand.
  return Promise.race([probe().catch(() => null), timeout]).finally(() => clearTimeout(timer));
}

export async function cockpitPipeline(ctx: ServiceContext, caller: TUser, projectId: string, queue?: CockpitQueueProbe): Promise<TCockpitPipeline> {
  const project = await projectForMember(ctx.db, caller.id, projectId);
  const now = ctx.now();
  const [counts, samples, q] = await Promise.all([pipelineRow(ctx.db, projectId, now, project.maxWaitMinutes), sampleCounts(ctx.db, projectId), probeQueue(queue)]);
  const r = { ...counts, ...samples };
  const items = num(r, 'selected') + num(r, 'gold');
  const finished = num(r, 'escalated') + num(r, 'settled') + num(r, 'excluded');
  return {
    generatedAt: now.toISOString(),
    stages: {
      pooled: num(r, 'pooled'),
      // Every sample out of the pool became an item or was skipped (sample_skipped_not_pooled).
      skipped: Math.max(0, num(r, 'samples') - num(r, 'pooled') - items),
      selected: num(r, 'selected'),
      labelling: num(r, 'labelling'),
      waitingForScoring: num(r, 'b_submitted'),
      waitingLabels: num(r, 'waiting_labels'),
      // Items leave labelling only through aggregation: escalated, settled (by the crowd, or by an
      // expert after escalation) and excluded (by an expert) items were all aggregated.
      aggregated: finished,
      escalated: num(r, 'escalated'),
      settled: num(r, 'settled'),
      excluded: num(r, 'excluded'),
      merged: num(r, 'merged'),
      gold: num(r, 'gold'),
    },
    batches: { open: num(r, 'b_open'), submitted: num(r, 'b_submitted'), accepted: num(r, 'b_accepted'), rejected: num(r, 'b_rejected'), expired: num(r, 'b_expired') },
    rates: { ingested: await ingestRate(ctx.db, projectId, now, num(r, 'samples')), selected: rate(r, 'selected'), labels: rate(r, 'labels'), escalated: rate(r, 'escalated'), settled: rate(r, 'settled'), merged: rate(r, 'merged') },
    stuck: {
      expiredLeases: { batches: num(r, 'stale_open'), oldest: iso(r.stale_open_oldest) },
      waitingTooLong: { batches: num(r, 'stale_submitted'), oldest: iso(r.stale_submitted_oldest), maxWaitMinutes: project.maxWaitMinutes },
      expiredClaims: { reviews: num(r, 'stale_claims'), oldest: iso(r.stale_claims_oldest) },
      failedJobs: q?.failed ?? null,
    },
    queue: q,
  };
}
