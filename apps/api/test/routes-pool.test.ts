import { eq } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import { project, sample } from '@quorum/db';
import { samplePairKeyOf, selectItems } from '@quorum/services';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, startPlatform, type Agent, type Platform } from './support/platform';

// PATCH /projects/:projectId (settings; a new strategy re-scores the pool) and
// GET /projects/:projectId/pool (the engineer's view of the pool and of what selection took).
let p: Platform;
let engineer: Agent;
let stranger: Agent;
let labeller: Agent;
let projectId: string;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([
    { email: 'pl-eng@t.test', role: 'engineer' },
    { email: 'pl-str@t.test', role: 'engineer' },
    { email: 'pl-lab@t.test', role: 'labeller' },
  ]);
  [engineer, stranger, labeller] = await logins(p, ['pl-eng@t.test', 'pl-str@t.test', 'pl-lab@t.test'] as const);
  projectId = (await engineer.post(`${API}/projects`).send({ name: 'Pool', openItemBudget: 2, selectionStrategy: 'margin' }).expect(201)).body.project.id;
  await engineer.post(`${API}/projects/${projectId}/members`).send({ email: 'pl-lab@t.test' }).expect(201);
  // Written straight to the pool, as ingest leaves samples: scored, keyed, pooled.
  const rows = [0.9, 0.7, 0.7, 0.2, 0.05].map((u, i) => ({ ...pair(i + 1), uncertainty: u }));
  rows[2] = { ...pair(1), externalId: 'ext-1-again', uncertainty: 0.8 };
  await p.db.insert(sample).values(
    rows.map((r) => ({ projectId, externalId: r.externalId, textA: r.textA, textB: r.textB, modelProbs: r.modelProbs, modelConfidence: 0.5, uncertainty: r.uncertainty, pairKey: samplePairKeyOf(r.textA, r.textB, { symmetric: false }) })),
  );
  await selectItems(p.ctx, projectId);
});
afterAll(async () => p.close());

describe('GET /projects/:projectId/pool', () => {
  test('the pool, skipped samples by reason, the histogram and recent selections with strategy and score', async () => {
    const res = await engineer.get(`${API}/projects/${projectId}/pool?pageSize=1`).expect(200);
    expect(res.body).toMatchObject({ strategy: 'margin', pooled: 2, selected: 2, open: 2, openItemBudget: 2, selectPerRun: 500, skipped: { duplicate_pair: 1, near_duplicate: 0 }, total: 2, page: 1, pageSize: 1 });
    expect(res.body.histogram).toHaveLength(20);
    expect(res.body.histogram.map((b: { count: number }) => b.count).reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(res.body.histogram[4]).toEqual({ from: 0.2, to: 0.25, count: 1 });
    expect(res.body.recent).toEqual([{ itemId: expect.any(String), externalId: expect.stringMatching(/^ext-/), strategy: 'margin', score: expect.any(Number), selectedAt: expect.any(String) }]);
    const page2 = await engineer.get(`${API}/projects/${projectId}/pool?page=2&pageSize=1`).expect(200);
    expect([res.body.recent[0].score, page2.body.recent[0].score].sort()).toEqual([0.7, 0.9]);
  });

  test('labeller → 403; not a member → 404; anonymous → 401; bad paging → 400 naming the field', async () => {
    expectError(await labeller.get(`${API}/projects/${projectId}/pool`), 403, 'forbidden');
    expectError(await stranger.get(`${API}/projects/${projectId}/pool`), 404, 'not_found');
    expectError(await engineer.get(`${API}/projects/${NOWHERE}/pool`), 404, 'not_found');
    expectError(await p.anonymous().get(`${API}/projects/${projectId}/pool`), 401, 'unauthenticated');
    expectError(await engineer.get(`${API}/projects/${projectId}/pool?pageSize=1000`), 400, 'bad_request', 'pageSize');
    expectError(await engineer.get(`${API}/projects/${projectId}/pool?page=0`), 400, 'bad_request', 'page');
  });
});

describe('PATCH /projects/:projectId', () => {
  test('changes the given settings only and answers with the project', async () => {
    const before = (await engineer.get(`${API}/projects/${projectId}`).expect(200)).body.project;
    const res = await engineer.patch(`${API}/projects/${projectId}`).send({ selectPerRun: 50, name: 'Pool (renamed)' }).expect(200);
    expect(res.body).toEqual({ project: { ...before, selectPerRun: 50, name: 'Pool (renamed)' } });
  });

  test('a new strategy is stored and queues the re-scoring of the pool', async () => {
    const res = await engineer.patch(`${API}/projects/${projectId}`).send({ selectionStrategy: 'entropy' }).expect(200);
    expect(res.body.project.selectionStrategy).toBe('entropy');
    const jobs = await p.queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
    const queued = jobs.filter((j) => j.name === 'recompute-uncertainty' && j.data.projectId === projectId);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.opts.deduplication?.id).toBe(jobIds.recomputeUncertainty(projectId));
  });

  test('bad input → 400 naming the field, and nothing written', async () => {
    const url = `${API}/projects/${projectId}`;
    expectError(await engineer.patch(url).send({ selectionStrategy: 'random' }), 400, 'bad_request', 'selectionStrategy');
    expectError(await engineer.patch(url).send({ selectPerRun: 0 }), 400, 'bad_request', 'selectPerRun');
    expectError(await engineer.patch(url).send({ selectPerRun: 200_000 }), 400, 'bad_request', 'selectPerRun');
    expectError(await engineer.patch(url).send({ labels: ['a', 'b'] }), 400, 'bad_request', 'labels');
    expectError(await engineer.patch(url).send({ acceptBelow: 0.5, rejectAbove: 0.5 }), 400, 'bad_request', 'acceptBelow');
    const typo = await engineer.patch(url).send({ overlapp: 3 });
    expectError(typo, 400, 'bad_request');
    expect(typo.body.error.message).toMatch(/overlapp/);
    expectError(await engineer.patch(url).send({ openItemBudget: 5, selectPerRun: -1 }), 400, 'bad_request', 'selectPerRun');
    const [row] = await p.db.select().from(project).where(eq(project.id, projectId));
    expect(row).toMatchObject({ openItemBudget: 2, selectionStrategy: 'entropy', selectPerRun: 50 });
  });

  test('labeller → 403; not a member → 404; anonymous → 401', async () => {
    expectError(await labeller.patch(`${API}/projects/${projectId}`).send({ selectPerRun: 5 }), 403, 'forbidden');
    expectError(await stranger.patch(`${API}/projects/${projectId}`).send({ selectPerRun: 5 }), 404, 'not_found');
    expectError(await p.anonymous().patch(`${API}/projects/${projectId}`).send({ selectPerRun: 5 }), 401, 'unauthenticated');
    const [row] = await p.db.select().from(project).where(eq(project.id, projectId));
    expect(row!.selectPerRun).toBe(50);
  });
});

describe('selection over ingested samples', () => {
  // Ingest stores a hash of the normalised pair as pair_key: duplicates are equal hashes, but
  // near-duplicates must be measured on the texts, against items this process has already hashed
  // (their texts then read on demand) and rows stored before pair keys existed.
  const CAT = { text_a: 'I want someone to look after my cat while I travel for work', text_b: 'I can provide pet sitting and daily dog walking' };
  const PLUMBER = { text_a: 'Looking for a plumber to fix the leaking kitchen tap', text_b: 'Licensed plumber, leaks and drains fixed the same day' };
  const garden = (n: number) => ({ text_a: `Please help me with the weekly garden chores, request ${n}`, text_b: `Gardener available for the weekly garden chores, request ${n}` });
  const ingest = (id: string, rows: Record<string, unknown>[]) => engineer.post(`${API}/projects/${id}/samples`).send(rows).expect(200);
  const skipsOf = async (id: string) =>
    Object.fromEntries((await p.db.select({ externalId: sample.externalId, skipReason: sample.skipReason }).from(sample).where(eq(sample.projectId, id))).map((r) => [r.externalId, r.skipReason]));

  test('skips exact and near-duplicates of existing items and of each other', async () => {
    const id = (await engineer.post(`${API}/projects`).send({ name: 'Ingested pool', openItemBudget: 100 }).expect(201)).body.project.id;
    await ingest(id, [
      { external_id: 'cat', ...CAT, prediction: 0.5 },
      { external_id: 'plumber', ...PLUMBER, prediction: 0.6 },
    ]);
    expect(await selectItems(p.ctx, id)).toEqual({ selected: 2, skipped: { duplicate_pair: 0, near_duplicate: 0 } });

    await ingest(id, [
      { external_id: 'cat-typo', text_a: `${CAT.text_a}!`, text_b: CAT.text_b, prediction: 0.5 },
      { external_id: 'cat-shouted', text_a: `  ${CAT.text_a.toUpperCase()} `, text_b: CAT.text_b, prediction: 0.5 },
      ...[10, 11, 12].map((n, i) => ({ external_id: `garden-${n}`, ...garden(n), prediction: 0.5 + 0.05 * (i + 1) })),
      { external_id: 'tutor', text_a: 'A maths tutor for my daughter, GCSE level, twice a week', text_b: 'Qualified teacher offering private lessons in physics', prediction: 0.9 },
    ]);
    // A row from before pair keys: the plumber's question again, keyed from its texts.
    await p.db.insert(sample).values({ projectId: id, externalId: 'plumber-unkeyed', textA: PLUMBER.text_a, textB: PLUMBER.text_b, modelProbs: { match: 0.5, no_match: 0.5 }, modelConfidence: 0.5, uncertainty: 1, pairKey: null });
    expect(await selectItems(p.ctx, id)).toEqual({ selected: 2, skipped: { duplicate_pair: 2, near_duplicate: 3 } });
    expect(await skipsOf(id)).toMatchObject({
      'cat-typo': 'near_duplicate',
      'cat-shouted': 'duplicate_pair',
      'plumber-unkeyed': 'duplicate_pair',
      'garden-10': null,
      'garden-11': 'near_duplicate',
      'garden-12': 'near_duplicate',
      tutor: null,
    });
  });
});
