import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DomainEvent } from '@quorum/contracts';
import { assignment, batch, goldAnswer, item, label, project, sample, user, type Db } from '@quorum/db';
import { createTestDatabase } from '@quorum/db/src/testing';
import type { Job, ServiceContext } from '../../src/context';

/**
 * A real PostgreSQL database with a crowd written row by row: labellers, items with accepted
 * labels (each labeller's answers in one accepted batch), controls answered on gold items, and
 * the jobs and events the services send, recorded.
 */
export async function crowdWorld() {
  const database = await createTestDatabase();
  const events: DomainEvent[] = [];
  const jobs: Job[] = [];
  const ctx: ServiceContext = {
    db: database.db,
    jobs: { enqueue: async (js) => void jobs.push(...js) },
    events: { publish: (e) => void events.push(...e) },
    now: () => new Date(),
    random: () => 0.5,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  return { ctx, db: database.db, events, jobs, close: () => database.drop() };
}

export type CrowdWorld = Awaited<ReturnType<typeof crowdWorld>>;

export async function labellers(db: Db, names: string[]): Promise<Record<string, string>> {
  const rows = await db
    .insert(user)
    .values(names.map((n) => ({ email: `${n}-${randomUUID().slice(0, 6)}@t.test`, displayName: n, passwordHash: 'x', role: 'labeller' as const })))
    .returning({ id: user.id });
  return Object.fromEntries(names.map((n, i) => [n, rows[i]!.id]));
}

export async function crowdProject(db: Db, settings: Partial<typeof project.$inferInsert> = {}): Promise<string> {
  const [p] = await db.insert(project).values({ name: `p-${randomUUID().slice(0, 6)}`, labels: ['match', 'no_match'], ...settings }).returning();
  return p!.id;
}

/** One accepted batch per (project, labeller), positions handed out in order. */
const batches = new Map<string, { id: string; next: number }>();
async function batchOf(db: Db, projectId: string, labellerId: string): Promise<{ id: string; position: number }> {
  const key = `${projectId}/${labellerId}`;
  let b = batches.get(key);
  if (!b) {
    const [row] = await db.insert(batch).values({ projectId, labellerId, status: 'accepted', expiresAt: new Date(), submittedAt: new Date(), decidedAt: new Date() }).returning();
    b = { id: row!.id, next: 0 };
    batches.set(key, b);
  }
  return { id: b.id, position: b.next++ };
}

let n = 0;
export type Vote = [labellerId: string, value: string];

/**
 * An item with the given accepted votes: a crowd item ('labelling', overlap = the number of
 * votes, ready to aggregate) or, with `gold`, a gold item whose votes are answers on controls.
 */
export async function itemWithVotes(db: Db, projectId: string, votes: Vote[], opts: { gold?: string } = {}): Promise<string> {
  n += 1;
  const [s] = await db
    .insert(sample)
    .values({ projectId, externalId: `x-${n}-${randomUUID().slice(0, 4)}`, textA: `request ${n}`, textB: `offer ${n}`, modelProbs: { match: 0.5, no_match: 0.5 }, modelLabel: 'match', uncertainty: 0.5, modelConfidence: 0.5 })
    .returning();
  const isGold = opts.gold !== undefined;
  const [it] = await db.insert(item).values({ projectId, sampleId: s!.id, status: isGold ? 'gold' : 'labelling', overlap: isGold ? null : votes.length }).returning();
  if (isGold) await db.insert(goldAnswer).values({ itemId: it!.id, label: opts.gold!, source: 'import' });
  for (const [labellerId, value] of votes) await addVote(db, projectId, it!.id, labellerId, value, isGold);
  return it!.id;
}

export async function addVote(db: Db, projectId: string, itemId: string, labellerId: string, value: string, isGold = false): Promise<void> {
  const b = await batchOf(db, projectId, labellerId);
  const [a] = await db.insert(assignment).values({ batchId: b.id, itemId, labellerId, position: b.position, status: 'accepted', isGold }).returning();
  await db.insert(label).values({ assignmentId: a!.id, batchId: b.id, itemId, labellerId, value, seconds: 5 });
  // As if the labeller's latest batch had just been accepted: what "labels since the fit" counts.
  await db.update(batch).set({ decidedAt: new Date() }).where(eq(batch.id, b.id));
}

export async function itemRow(db: Db, itemId: string) {
  const [row] = await db.select().from(item).where(eq(item.id, itemId));
  return row!;
}
