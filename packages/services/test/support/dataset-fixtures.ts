import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TUser } from '@quorum/contracts';
import { aggregate, assignment, batch, item, label, labellerReliability, project, projectMember, review, sample, type Db } from '@quorum/db';
import { person } from './review-fixtures';

/** A project with dataset settings, its engineer, and a few labellers with a reliability on record. */
export async function datasetProject(db: Db, settings: Partial<typeof project.$inferInsert> = {}) {
  const engineer = await person(db, 'engineer');
  const labellers = await Promise.all([0, 1, 2].map(() => person(db, 'labeller')));
  const [p] = await db.insert(project).values({ name: `ds-${randomUUID().slice(0, 6)}`, labels: ['match', 'no_match'], overlap: 3, ...settings }).returning();
  for (const m of [engineer, ...labellers]) await db.insert(projectMember).values({ projectId: p!.id, userId: m.id });
  for (const [i, l] of labellers.entries()) {
    await db.insert(labellerReliability).values({ projectId: p!.id, labellerId: l.id, accuracy: 0.8 + i * 0.05, low: 0.7, high: 0.95, evidenceCount: 20, spamPrior: 0.05 });
  }
  return { projectId: p!.id, engineer, labellers };
}

export type SettleSpec = { externalId: string; textA: string; textB: string; label?: string; by?: 'crowd' | 'expert'; note?: string };

/**
 * A settled item as the pipeline leaves it: sample, item, three accepted votes (each in its
 * own accepted batch), the aggregate, and for an expert decision the settled review.
 */
export async function settle(db: Db, projectId: string, labellers: TUser[], spec: SettleSpec, expert?: TUser): Promise<string> {
  const final = spec.label ?? 'match';
  const [s] = await db
    .insert(sample)
    .values({ projectId, externalId: spec.externalId, textA: spec.textA, textB: spec.textB, modelProbs: { match: 0.6, no_match: 0.4 }, modelLabel: 'match', modelVersion: 'm-1', uncertainty: 0.4, modelConfidence: 0.6 })
    .returning();
  const by = spec.by ?? 'crowd';
  const [it] = await db.insert(item).values({ projectId, sampleId: s!.id, status: 'settled', overlap: 3, finalLabel: final, decidedBy: by, settledAt: new Date() }).returning();
  const votes: Record<string, number> = {};
  for (const [i, l] of labellers.entries()) {
    const value = by === 'expert' && i === 0 ? (final === 'match' ? 'no_match' : 'match') : final;
    votes[value] = (votes[value] ?? 0) + 1;
    const [b] = await db.insert(batch).values({ projectId, labellerId: l.id, status: 'accepted', expiresAt: new Date() }).returning();
    const [a] = await db.insert(assignment).values({ batchId: b!.id, itemId: it!.id, labellerId: l.id, position: 0, status: 'accepted' }).returning();
    await db.insert(label).values({ assignmentId: a!.id, batchId: b!.id, itemId: it!.id, labellerId: l.id, value, seconds: 5 });
  }
  const share = (votes[final] ?? 0) / labellers.length;
  await db.insert(aggregate).values({
    itemId: it!.id, method: 'dawid-skene', posterior: { [final]: 0.9, [final === 'match' ? 'no_match' : 'match']: 0.1 }, votes,
    winner: final, agreement: share, disagreement: 0.3, labelCount: labellers.length, outcome: by === 'expert' ? 'escalated' : 'settled',
  });
  if (by === 'expert') {
    await db.insert(review).values({ projectId, itemId: it!.id, status: 'settled', settledBy: expert!.id, settledAt: new Date(), decision: 'label', label: final, note: spec.note ?? null });
  }
  return it!.id;
}

const WORDS = 'cat dog garden plumber tutor van wedding lights cleaner sofa fridge drain lawn hedge portrait spanish maths boiler fuse studio'.split(' ');
/** Words picked by a hash of n: two pairs share few five-character shingles, so no near-duplicates by accident. */
const words = (n: number, k: number) => Array.from({ length: k }, (_, i) => WORDS[(Math.imul(n * 31 + i, 2654435761) >>> 7) % WORDS.length]!).join(' ');
export const pairOf = (n: number): SettleSpec => ({
  externalId: `ext-${String(n).padStart(3, '0')}`,
  textA: `${n} wanted: ${words(n, 6)}`,
  textB: `offer ${n * 7919}: ${words(n + 1000, 5)}`,
});

/** The rows of a version as stored, in item order. */
export async function versionRows(db: Db, projectId: string, n: number) {
  const r = await db.execute<Record<string, unknown>>(sql`
    select item_id, external_id, text_a, text_b, label, split, valid_from, provenance from dataset_row
    where project_id = ${projectId} and valid_from <= ${n} and valid_to > ${n} order by item_id`);
  return r.rows;
}
