import { randomUUID } from 'node:crypto';
import type { DomainEvent, TRole, TUser } from '@quorum/contracts';
import { aggregate, assignment, batch, item, label, labellerReliability, project, projectMember, review, sample, user, type Db } from '@quorum/db';
import { createTestDatabase } from '@quorum/db/src/testing';
import type { ServiceContext } from '../../src/context';

/**
 * A real PostgreSQL database with rows written directly, so a test can state exactly the
 * posteriors, model probabilities and settled history it needs, and a clock it moves by hand.
 */
export async function reviewWorld() {
  const database = await createTestDatabase();
  const events: DomainEvent[] = [];
  let now = new Date('2026-03-02T10:00:00.000Z');
  const ctx: ServiceContext = {
    db: database.db,
    jobs: { enqueue: async () => {} },
    events: { publish: (e) => void events.push(...e) },
    now: () => now,
    random: () => 0.5,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  return {
    ctx,
    db: database.db,
    events,
    advance: (minutes: number) => void (now = new Date(now.getTime() + minutes * 60_000)),
    now: () => now,
    close: () => database.drop(),
  };
}

export async function person(db: Db, role: TRole, name = `${role}-${randomUUID().slice(0, 6)}`): Promise<TUser> {
  const [u] = await db.insert(user).values({ email: `${name}@t.test`.toLowerCase(), displayName: name, passwordHash: 'x', role }).returning();
  return { id: u!.id, email: u!.email, displayName: u!.displayName, role };
}

export async function projectOf(db: Db, members: TUser[], labels = ['match', 'no_match']): Promise<string> {
  const [p] = await db.insert(project).values({ name: `p-${randomUUID().slice(0, 6)}`, labels }).returning();
  for (const m of members) await db.insert(projectMember).values({ projectId: p!.id, userId: m.id });
  return p!.id;
}

type PairSpec = { textA?: string; textB?: string; probs?: Record<string, number>; modelLabel?: string };
let n = 0;

async function sampleItem(db: Db, projectId: string, spec: PairSpec, status: 'escalated' | 'settled', finalLabel: string | null = null) {
  n += 1;
  const probs = spec.probs ?? { match: 0.5, no_match: 0.5 };
  const top = Object.entries(probs).sort((a, b) => b[1] - a[1])[0]![0];
  const [s] = await db
    .insert(sample)
    .values({ projectId, externalId: `x-${n}`, textA: spec.textA ?? `request number ${n}`, textB: spec.textB ?? `offer number ${n}`, modelProbs: probs, modelLabel: spec.modelLabel ?? top, uncertainty: 1 - Math.max(...Object.values(probs)), modelConfidence: Math.max(...Object.values(probs)) })
    .returning();
  const [it] = await db.insert(item).values({ projectId, sampleId: s!.id, status, overlap: 5, finalLabel, decidedBy: finalLabel ? 'crowd' : null, settledAt: finalLabel ? new Date() : null }).returning();
  return it!.id;
}

/** An item the crowd settled (it counts toward the model's record in its confidence bucket). */
export const settledItem = (db: Db, projectId: string, finalLabel: string, spec: PairSpec = {}) => sampleItem(db, projectId, spec, 'settled', finalLabel);

/**
 * An escalated item with its aggregate and review. `votes` are accepted labels by the given
 * labellers (each in an accepted batch of its own), so the detail view has voters to show.
 */
export async function escalatedItem(db: Db, projectId: string, spec: PairSpec & { posterior: Record<string, number>; votes?: [TUser, string][]; createdAt?: Date }) {
  const itemId = await sampleItem(db, projectId, spec, 'escalated');
  const counts: Record<string, number> = {};
  for (const [who, value] of spec.votes ?? []) {
    counts[value] = (counts[value] ?? 0) + 1;
    const [b] = await db.insert(batch).values({ projectId, labellerId: who.id, status: 'accepted', expiresAt: new Date() }).returning();
    const [a] = await db.insert(assignment).values({ batchId: b!.id, itemId, labellerId: who.id, position: 0, status: 'accepted' }).returning();
    await db.insert(label).values({ assignmentId: a!.id, batchId: b!.id, itemId, labellerId: who.id, value, seconds: 5 });
  }
  const top = Math.max(...Object.values(spec.posterior));
  await db.insert(aggregate).values({ itemId, method: 'test', posterior: spec.posterior, votes: counts, winner: null, agreement: top, disagreement: 0.9, labelCount: 5, outcome: 'escalated' });
  const [r] = await db.insert(review).values({ projectId, itemId, createdAt: spec.createdAt ?? new Date() }).returning();
  return { itemId, reviewId: r!.id };
}

export async function reliabilityOf(db: Db, projectId: string, labeller: TUser, accuracy: number) {
  await db.insert(labellerReliability).values({ projectId, labellerId: labeller.id, accuracy, low: accuracy - 0.1, high: Math.min(1, accuracy + 0.1), evidenceCount: 12, spamPrior: 0.05 });
}
