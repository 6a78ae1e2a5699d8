import { sql } from 'drizzle-orm';
import { pair, projectWithMembers, startPlatform, type Platform } from './support/platform';

// 30 labellers ask for batches at the same moment. Items are leased under row locks with SKIP
// LOCKED and the schema bounds live assignments by overlap, so whatever the interleaving:
// no item gets more than `overlap` live assignments and no labeller gets an item twice.
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(async () => p.close());

const LABELLERS = Array.from({ length: 30 }, (_, i) => `cc${i}@t.test`);

test('30 labellers request batches at once without over-assignment', async () => {
  await p.users([...LABELLERS.map((email) => ({ email, role: 'labeller' as const })), { email: 'ce@t.test', role: 'engineer' }]);
  const engineer = await p.login('ce@t.test');
  const project = await projectWithMembers(engineer, LABELLERS, { batchSize: 10, overlap: 5, goldRatio: 0.1 });
  // 40 regular items × 5 slots = 200 slots for 30 × 9 = 270 wanted: the pool runs dry mid-race.
  const samples = [
    ...Array.from({ length: 40 }, (_, i) => pair(i)),
    ...Array.from({ length: 5 }, (_, i) => pair(100 + i, { match: 0.9, no_match: 0.1 }, { goldLabel: 'match' })),
  ];
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send(samples).expect(200);
  const { selectItems } = await import('@quorum/services');
  await selectItems(p.ctx, project.id);

  const agents = await Promise.all(LABELLERS.map((email) => p.login(email)));
  const responses = await Promise.all(agents.map((a) => a.post(`/api/v1/projects/${project.id}/batches`)));
  expect(responses.map((r) => r.status)).toEqual(LABELLERS.map(() => 200));

  const perItem = await p.db.execute<{ item_id: string; live: number; counter: number; overlap: number | null }>(sql`
    select a.item_id, count(*)::int as live, i.live_assignments as counter, i.overlap
    from assignment a join item i on i.id = a.item_id
    where a.status in ('leased', 'submitted', 'accepted') group by a.item_id, i.live_assignments, i.overlap`);
  const regular = perItem.rows.filter((r) => r.overlap !== null);
  for (const r of regular) {
    expect(r.live).toBeLessThanOrEqual(5);
    expect(r.counter).toBe(r.live);
  }
  // Every one of the 200 slots was handed out: nobody was refused while work remained.
  expect(regular.reduce((s, r) => s + r.live, 0)).toBe(200);
  const dupes = await p.db.execute(sql`select item_id, labeller_id from assignment group by 1, 2 having count(*) > 1`);
  expect(dupes.rows).toEqual([]);
  // Batches also never repeat an item within themselves and carry gold only beside regular items.
  for (const r of responses) {
    const batch = r.body.batch as { assignments: { id: string }[] } | null;
    if (batch) expect(new Set(batch.assignments.map((a) => a.id)).size).toBe(batch.assignments.length);
  }
  const goldOnly = await p.db.execute(sql`
    select b.id from batch b where not exists (
      select 1 from assignment a join item i on i.id = a.item_id where a.batch_id = b.id and i.status <> 'gold')`);
  expect(goldOnly.rows).toEqual([]);
});

test('an item a scoring transaction holds makes a batch request wait for it, not answer "no work"', async () => {
  await p.users([{ email: 'cw-l@t.test', role: 'labeller' }, { email: 'cw-e@t.test', role: 'engineer' }]);
  const engineer = await p.login('cw-e@t.test');
  const project = await projectWithMembers(engineer, ['cw-l@t.test'], { batchSize: 2, overlap: 3, goldRatio: 0 });
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send([pair(1)]).expect(200);
  const { selectItems } = await import('@quorum/services');
  await selectItems(p.ctx, project.id);
  const labeller = await p.login('cw-l@t.test');

  // Another transaction (as scoring or aggregation would) holds the project's only item.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = p.db.transaction(async (tx) => {
    await tx.execute(sql`select id from item where project_id = ${project.id} for update`);
    locked();
    await held;
  });
  await isLocked;
  const request = labeller.post(`/api/v1/projects/${project.id}/batches`).then((r) => r);
  await new Promise((r) => setTimeout(r, 300));
  release();
  await holder;
  const res = await request;
  expect(res.status).toBe(200);
  expect(res.body.batch).not.toBeNull();
  expect(res.body.batch.assignments).toHaveLength(1);
});
