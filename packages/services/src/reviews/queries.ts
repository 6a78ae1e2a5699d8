import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { REVIEW_BUCKET_EPSILON, REVIEW_CONFIDENCE_BUCKETS, type ReviewBucketRecord } from '@quorum/core';
import { aggregate, item, review, sample, type DbOrTx } from '@quorum/db';

// Reads of the review use cases. Each takes (db | tx, params) and returns plain rows.

export type ReviewRow = typeof review.$inferSelect;

/**
 * Settled items of the project per model-confidence bucket, and how many the model got wrong.
 * The confidence is the model's top probability stored at ingest, read as float8; the bucket expression mirrors core's reviewConfidenceBucket,
 * whose small epsilon keeps a float4 0.7 (stored as 0.69999999) in the 0.7 bucket here too.
 * Reading a column instead of each row's JSON keeps this at tens of milliseconds for 100,000
 * settled items (the JSON read took half a second).
 */
export async function modelRecordByBucket(db: DbOrTx, projectId: string, buckets = REVIEW_CONFIDENCE_BUCKETS): Promise<Map<number, ReviewBucketRecord>> {
  const rows = await db.execute<{ bucket: number; settled: number; wrong: number }>(sql`
    select least(${buckets - 1}, floor(greatest(0, least(1, ${sample.modelConfidence}::float8)) * ${buckets} + ${REVIEW_BUCKET_EPSILON}))::int as bucket,
           count(*)::int as settled,
           count(*) filter (where ${sample.modelLabel} <> ${item.finalLabel})::int as wrong
    from ${item} join ${sample} on ${sample.id} = ${item.sampleId}
    where ${item.projectId} = ${projectId} and ${item.status} = 'settled' and ${item.finalLabel} is not null and ${sample.modelLabel} is not null
    group by 1`);
  return new Map(rows.rows.map((r) => [r.bucket, { settled: r.settled, wrong: r.wrong }]));
}

/** `%`, `_` and `\` are ILIKE wildcards; a search for "50%" means the characters. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type QueueFilters = { where: SQL | undefined; modelLabel?: string; q?: string };

const candidateShape = {
  r: review,
  posterior: aggregate.posterior,
  votes: aggregate.votes,
  agreement: aggregate.agreement,
  disagreement: aggregate.disagreement,
  modelLabel: sample.modelLabel,
  modelProbs: sample.modelProbs,
};

/** Reviews of a project with what ranking needs; texts come separately, for one page only. */
export async function reviewCandidates(db: DbOrTx, projectId: string, f: QueueFilters) {
  const terms = (f.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
  const text = sql`(${sample.textA} || ' ' || ${sample.textB})`;
  return db
    .select(candidateShape)
    .from(review)
    .innerJoin(item, eq(item.id, review.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .leftJoin(aggregate, eq(aggregate.itemId, review.itemId))
    .where(
      and(
        eq(review.projectId, projectId),
        f.where,
        f.modelLabel === undefined ? undefined : eq(sample.modelLabel, f.modelLabel),
        ...terms.map((t) => sql`${text} ilike ${`%${escapeLike(t)}%`}`),
      ),
    );
}
export type CandidateRow = Awaited<ReturnType<typeof reviewCandidates>>[number];

/** One review with its texts and model version, for the detail view; FOR UPDATE inside use cases that change it. */
export async function reviewById(db: DbOrTx, reviewId: string) {
  const [row] = await db
    .select({ ...candidateShape, textA: sample.textA, textB: sample.textB, modelVersion: sample.modelVersion })
    .from(review)
    .innerJoin(item, eq(item.id, review.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .leftJoin(aggregate, eq(aggregate.itemId, review.itemId))
    .where(eq(review.id, reviewId));
  return row;
}

export async function reviewTexts(db: DbOrTx, reviewIds: readonly string[]): Promise<Map<string, { textA: string; textB: string }>> {
  if (reviewIds.length === 0) return new Map();
  const rows = await db
    .select({ id: review.id, textA: sample.textA, textB: sample.textB })
    .from(review)
    .innerJoin(item, eq(item.id, review.itemId))
    .innerJoin(sample, eq(sample.id, item.sampleId))
    .where(sql`${review.id} in (${sql.join(reviewIds.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, { textA: r.textA, textB: r.textB }]));
}

/** Accepted crowd votes on an item (controls excluded), in answer order. */
export async function crowdVotes(db: DbOrTx, itemId: string) {
  const rows = await db.execute<{ labeller_id: string; value: string }>(sql`
    select l.labeller_id, l.value from label l join assignment a on a.id = l.assignment_id
    where l.item_id = ${itemId} and a.status = 'accepted' and not a.is_gold
    order by l.answered_at, l.id`);
  return rows.rows;
}

/** Each labeller's latest reliability estimate in the project. */
export async function latestReliability(db: DbOrTx, projectId: string, labellerIds: readonly string[]) {
  if (labellerIds.length === 0) return new Map<string, { accuracy: number; low: number; high: number; evidenceCount: number }>();
  const rows = await db.execute<{ labeller_id: string; accuracy: number; low: number; high: number; evidence_count: number }>(sql`
    select distinct on (labeller_id) labeller_id, accuracy, low, high, evidence_count from labeller_reliability
    where project_id = ${projectId} and labeller_id in (${sql.join(labellerIds.map((id) => sql`${id}`), sql`, `)})
    order by labeller_id, computed_at desc, id desc`);
  return new Map(rows.rows.map((r) => [r.labeller_id, { accuracy: Number(r.accuracy), low: Number(r.low), high: Number(r.high), evidenceCount: r.evidence_count }]));
}

/** How many similar items an expert is shown. */
export const SIMILAR_ITEMS_LIMIT = 5;

/**
 * Settled or excluded items of the project whose texts resemble this item's, most similar first.
 * `%` is pg_trgm's similarity operator (threshold pg_trgm.similarity_threshold, 0.3 by default)
 * and uses the trigram index sample_text_trgm_idx, which holds only samples out of the pool
 * (`not s.pooled` must stay in the query for the planner to use that partial index).
 */
export async function similarSettledItems(db: DbOrTx, projectId: string, itemId: string, textA: string, textB: string) {
  const probe = `${textA} ${textB}`;
  const rows = await db.execute<{ item_id: string; text_a: string; text_b: string; final_label: string | null; status: string; decided_by: 'crowd' | 'expert' | null; decision: 'label' | 'ambiguous' | 'invalid' | null; similarity: number }>(sql`
    select i.id as item_id, s.text_a, s.text_b, i.final_label, i.status, i.decided_by, r.decision,
           similarity(s.text_a || ' ' || s.text_b, ${probe}) as similarity
    from sample s join item i on i.sample_id = s.id left join review r on r.item_id = i.id
    where (s.text_a || ' ' || s.text_b) % ${probe} and not s.pooled
      and i.project_id = ${projectId} and i.status in ('settled', 'excluded') and i.id <> ${itemId}
    order by similarity desc, i.id
    limit ${SIMILAR_ITEMS_LIMIT}`);
  return rows.rows;
}

/** Whether a live (candidate or approved) dataset version holds the item, as a row or quarantined. */
export async function inLiveDataset(db: DbOrTx, itemIds: readonly string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const list = sql.join(itemIds.map((id) => sql`${id}`), sql`, `);
  const rows = await db.execute<{ item_id: string }>(sql`
    select d.item_id from dataset_row d join dataset_version v on v.id = d.version_id where v.status <> 'rejected' and d.item_id in (${list})
    union
    select q.item_id from quarantined_row q join dataset_version v on v.id = q.version_id where v.status <> 'rejected' and q.item_id in (${list})`);
  return new Set(rows.rows.map((r) => r.item_id));
}

/** Claims that count: unexpired ones. An expired claim is claimable until the sweep tidies it. */
export const claimableWhere = (now: Date) => or(eq(review.status, 'queued'), and(eq(review.status, 'claimed'), sql`${review.claimExpiresAt} <= ${now}`));
export const heldByWhere = (userId: string, now: Date) => and(eq(review.status, 'claimed'), eq(review.claimedBy, userId), sql`${review.claimExpiresAt} > ${now}`);
