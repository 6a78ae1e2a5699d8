import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../src/testing';
import { assignment, batch, item, project, sample, user } from '../src/schema';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

async function fixture(overlap: number) {
  const [p] = await t.db.insert(project).values({ name: 'p', labels: ['match', 'no_match'], overlap }).returning();
  const [s] = await t.db
    .insert(sample)
    .values({ projectId: p!.id, externalId: 'e1', textA: 'a', textB: 'b', modelProbs: { match: 0.5, no_match: 0.5 }, uncertainty: 0.5, modelConfidence: 0.5 })
    .returning();
  const [i] = await t.db.insert(item).values({ projectId: p!.id, sampleId: s!.id, overlap }).returning();
  const users = await t.db
    .insert(user)
    .values([1, 2, 3].map((n) => ({ email: `l${n}-${overlap}@x.test`, displayName: `l${n}`, passwordHash: 'x', role: 'labeller' as const })))
    .returning();
  return { p: p!, i: i!, users };
}

async function lease(projectId: string, itemId: string, labellerId: string) {
  const [b] = await t.db.insert(batch).values({ projectId, labellerId, status: 'submitted', expiresAt: new Date(Date.now() + 60_000) }).returning();
  return t.db.insert(assignment).values({ batchId: b!.id, itemId, labellerId, position: 0 }).returning();
}

test('an item never holds more live assignments than its overlap', async () => {
  const { p, i, users } = await fixture(2);
  await lease(p.id, i.id, users[0]!.id);
  await lease(p.id, i.id, users[1]!.id);
  await expect(lease(p.id, i.id, users[2]!.id)).rejects.toMatchObject({ cause: { constraint: 'item_live_assignments_within_overlap' } });
  const [row] = await t.db.select().from(item).where(eq(item.id, i.id));
  expect(row!.liveAssignments).toBe(2);
});

test('a rejected assignment frees its slot', async () => {
  const { p, i, users } = await fixture(1);
  const [a] = await lease(p.id, i.id, users[0]!.id);
  await t.db.update(assignment).set({ status: 'rejected' }).where(eq(assignment.id, a!.id));
  await lease(p.id, i.id, users[1]!.id);
  const [row] = await t.db.select().from(item).where(eq(item.id, i.id));
  expect(row!.liveAssignments).toBe(1);
});

test('a labeller gets an item at most once', async () => {
  const { p, i, users } = await fixture(3);
  await lease(p.id, i.id, users[0]!.id);
  await expect(lease(p.id, i.id, users[0]!.id)).rejects.toMatchObject({ cause: { constraint: 'assignment_item_labeller_unique' } });
  const count = await t.db.execute(sql`select count(*)::int as n from assignment where item_id = ${i.id}`);
  expect(count.rows[0]).toEqual({ n: 1 });
});
