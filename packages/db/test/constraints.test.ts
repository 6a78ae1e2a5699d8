import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../src/testing';
import { assignment, batch, item, label, project, sample, user } from '../src/schema';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

let fixtures = 0;
async function fixture(overlap: number) {
  const f = ++fixtures;
  const [p] = await t.db.insert(project).values({ name: 'p', labels: ['match', 'no_match'], overlap }).returning();
  const [s] = await t.db
    .insert(sample)
    .values({ projectId: p!.id, externalId: 'e1', textA: 'a', textB: 'b', modelProbs: { match: 0.5, no_match: 0.5 }, uncertainty: 0.5, modelConfidence: 0.5 })
    .returning();
  const [i] = await t.db.insert(item).values({ projectId: p!.id, sampleId: s!.id, overlap }).returning();
  const users = await t.db
    .insert(user)
    .values([1, 2, 3].map((n) => ({ email: `l${n}-${f}@x.test`, displayName: `l${n}`, passwordHash: 'x', role: 'labeller' as const })))
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

/** The batch's label pack decoded: [item num, label index, control]. */
async function pack(batchId: string): Promise<[number, number, boolean][]> {
  const [b] = await t.db.select({ p: batch.labelPack }).from(batch).where(eq(batch.id, batchId));
  const out: [number, number, boolean][] = [];
  for (let o = 0; o < b!.p.length; o += 10) {
    const code = b!.p.readInt16BE(o + 8);
    out.push([Number(b!.p.readBigInt64BE(o)), code >> 1, (code & 1) === 1]);
  }
  return out;
}

test("a batch's label pack holds exactly its accepted labels, whatever accepts or uncounts them", async () => {
  const { p, i, users } = await fixture(3);
  const [a] = await lease(p.id, i.id, users[0]!.id);
  await t.db.insert(label).values({ assignmentId: a!.id, batchId: a!.batchId, itemId: i.id, labellerId: users[0]!.id, value: 'no_match', seconds: 3 });
  // Labelled but not accepted yet: nothing counts.
  expect(await pack(a!.batchId)).toEqual([]);
  await t.db.update(assignment).set({ status: 'accepted' }).where(eq(assignment.id, a!.id));
  expect(await pack(a!.batchId)).toEqual([[i.num, 1, false]]);
  // Uncounted (a batch taken back): the pack empties.
  await t.db.update(assignment).set({ status: 'rejected' }).where(eq(assignment.id, a!.id));
  expect(await pack(a!.batchId)).toEqual([]);
  // Counted again by an engineer, then the label is corrected by a repair: the pack follows.
  await t.db.update(assignment).set({ status: 'accepted' }).where(eq(assignment.id, a!.id));
  await t.db.update(label).set({ value: 'match' }).where(eq(label.assignmentId, a!.id));
  expect(await pack(a!.batchId)).toEqual([[i.num, 0, false]]);
  await t.db.delete(label).where(eq(label.assignmentId, a!.id));
  expect(await pack(a!.batchId)).toEqual([]);
});

test('items are numbered in creation order, and the pack orders labels by item number', async () => {
  const { p, i, users } = await fixture(3);
  const [s2] = await t.db.insert(sample).values({ projectId: p.id, externalId: 'e2', textA: 'c', textB: 'd', modelProbs: { match: 0.5, no_match: 0.5 }, uncertainty: 0.5, modelConfidence: 0.5 }).returning();
  const [i2] = await t.db.insert(item).values({ projectId: p.id, sampleId: s2!.id, overlap: 3 }).returning();
  expect(i2!.num).toBeGreaterThan(i.num);
  await expect(t.db.execute(sql`update item set num = 1 where id = ${i.id}`)).rejects.toMatchObject({ cause: { code: '428C9' } });
  // One batch, the later item's label first: the pack is in item-number order.
  const [b] = await t.db.insert(batch).values({ projectId: p.id, labellerId: users[0]!.id, status: 'submitted', expiresAt: new Date(Date.now() + 60_000) }).returning();
  const [a2, a1] = await t.db
    .insert(assignment)
    .values([{ batchId: b!.id, itemId: i2!.id, labellerId: users[0]!.id, position: 0 }, { batchId: b!.id, itemId: i.id, labellerId: users[0]!.id, position: 1, isGold: true }])
    .returning();
  await t.db.insert(label).values([
    { assignmentId: a2!.id, batchId: b!.id, itemId: i2!.id, labellerId: users[0]!.id, value: 'match', seconds: 3 },
    { assignmentId: a1!.id, batchId: b!.id, itemId: i.id, labellerId: users[0]!.id, value: 'no_match', seconds: 3 },
  ]);
  await t.db.update(assignment).set({ status: 'accepted' }).where(eq(assignment.batchId, b!.id));
  expect(await pack(b!.id)).toEqual([
    [i.num, 1, true],
    [i2!.num, 0, false],
  ]);
});

test('the labels of a project with samples cannot change', async () => {
  const { p } = await fixture(2);
  await expect(t.db.update(project).set({ labels: ['yes', 'no'] }).where(eq(project.id, p.id))).rejects.toMatchObject({ cause: { constraint: 'project_labels_fixed' } });
  const [empty] = await t.db.insert(project).values({ name: 'empty', labels: ['match', 'no_match'] }).returning();
  await t.db.update(project).set({ labels: ['yes', 'no'] }).where(eq(project.id, empty!.id));
  const [row] = await t.db.select().from(project).where(eq(project.id, empty!.id));
  expect(row!.labels).toEqual(['yes', 'no']);
});
