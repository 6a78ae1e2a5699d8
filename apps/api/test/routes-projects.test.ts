import { and, eq } from 'drizzle-orm';
import { jobIds } from '@quorum/contracts';
import { projectMember } from '@quorum/db';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, startPlatform, type Agent, type Platform } from './support/platform';

// GET/POST /projects, GET /projects/:id, POST /projects/:id/members, GET /projects/:id/stats,
// POST /projects/:id/select.
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent;
let labeller: Agent;
let expert: Agent;
let projectId: string;
let labellerId: string;
beforeAll(async () => {
  p = await startPlatform();
  const users = await p.users([
    { email: 'pj-eng@t.test', role: 'engineer' },
    { email: 'pj-stranger@t.test', role: 'engineer' },
    { email: 'pj-lab@t.test', role: 'labeller' },
    { email: 'pj-exp@t.test', role: 'expert' },
  ]);
  labellerId = users[2]!.id;
  [engineer, stranger, labeller, expert] = await logins(p, ['pj-eng@t.test', 'pj-stranger@t.test', 'pj-lab@t.test', 'pj-exp@t.test'] as const);
  const res = await engineer.post(`${API}/projects`).send({ name: 'Base', batchSize: 4 }).expect(201);
  projectId = res.body.project.id;
  await engineer.post(`${API}/projects/${projectId}/members`).send({ email: 'pj-lab@t.test' }).expect(201);
});
afterAll(async () => p.close());

const DEFAULTS = { labels: ['match', 'no_match'], overlap: 5, batchSize: 10, goldRatio: 0.1, aggregationMethod: 'dawid-skene', escalateBelowPosterior: 0.9, openItemBudget: 100, selectionStrategy: 'entropy', selectPerRun: 500, leaseMinutes: 15, maxTextLength: 10_000, minAccuracy: 0.7, rejectAbove: 0.9, acceptBelow: 0.3, maxWaitMinutes: 60, readingTimeScale: 1, goldFromConsensus: false, splitRatios: { train: 0.8, dev: 0.1, test: 0.1 }, nearDuplicateThreshold: 0.9, labelDriftThreshold: 0.1, symmetricPairs: false };

describe('POST /projects', () => {
  test('creates a project with defaults; the creator is a member', async () => {
    const res = await engineer.post(`${API}/projects`).send({ name: '  Pets  ' }).expect(201);
    expect(res.body).toEqual({ project: { id: expect.any(String), name: 'Pets', createdAt: expect.any(String), ...DEFAULTS } });
    expect(Date.parse(res.body.project.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const list = await engineer.get(`${API}/projects`).expect(200);
    expect(list.body.projects.map((x: { id: string }) => x.id)).toContain(res.body.project.id);
  });

  test('keeps the configuration it was given', async () => {
    const config = { labels: ['yes', 'no', 'unsure'], overlap: 3, batchSize: 7, goldRatio: 0.2, minAccuracy: 0.8, rejectAbove: 0.95, acceptBelow: 0.2, maxWaitMinutes: 5, readingTimeScale: 0.5, goldFromConsensus: true, aggregationMethod: 'weighted', escalateBelowPosterior: 0.95, openItemBudget: 40, leaseMinutes: 30, maxTextLength: 500, splitRatios: { train: 0.6, dev: 0.2, test: 0.2 }, nearDuplicateThreshold: 0.8, labelDriftThreshold: 0.05, symmetricPairs: true };
    const res = await engineer.post(`${API}/projects`).send({ name: 'Custom', ...config }).expect(201);
    expect(res.body.project).toMatchObject({ name: 'Custom', ...config });
    const again = await engineer.get(`${API}/projects/${res.body.project.id}`).expect(200);
    expect(again.body.project).toEqual(res.body.project);
  });

  test.each([
    ['missing name', {}, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['a single label', { name: 'x', labels: ['only'] }, 'labels'],
    ['a label with a space', { name: 'x', labels: ['a b', 'c'] }, 'labels.0'],
    ['overlap 0', { name: 'x', overlap: 0 }, 'overlap'],
    ['fractional batchSize', { name: 'x', batchSize: 2.5 }, 'batchSize'],
    ['goldRatio above 0.5', { name: 'x', goldRatio: 0.9 }, 'goldRatio'],
    ['escalateBelowPosterior below 0.5', { name: 'x', escalateBelowPosterior: 0.2 }, 'escalateBelowPosterior'],
    ['escalateBelowPosterior above 1', { name: 'x', escalateBelowPosterior: 1.5 }, 'escalateBelowPosterior'],
    ['an unknown aggregationMethod', { name: 'x', aggregationMethod: 'vote' }, 'aggregationMethod'],
    ['leaseMinutes as a string', { name: 'x', leaseMinutes: '15' }, 'leaseMinutes'],
    ['duplicate labels', { name: 'x', labels: ['a', 'a'] }, 'labels'],
  ])('%s → 400 naming the field, nothing created', async (_what, body, field) => {
    const before = (await engineer.get(`${API}/projects`)).body.projects.length;
    expectError(await engineer.post(`${API}/projects`).send(body), 400, 'bad_request', field);
    expect((await engineer.get(`${API}/projects`)).body.projects).toHaveLength(before);
  });

  test('labellers and experts may not create projects (403); anonymous 401', async () => {
    expectError(await labeller.post(`${API}/projects`).send({ name: 'nope' }), 403, 'forbidden');
    expectError(await expert.post(`${API}/projects`).send({ name: 'nope' }), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/projects`).send({ name: 'nope' }), 401, 'unauthenticated');
  });
});

describe('GET /projects', () => {
  test('lists only the projects the caller belongs to; labellers see the summary only', async () => {
    const mine = await labeller.get(`${API}/projects`).expect(200);
    expect(mine.body).toEqual({ projects: [{ id: projectId, name: 'Base', labels: ['match', 'no_match'], batchSize: 4 }] });
    const theirs = await stranger.get(`${API}/projects`).expect(200);
    expect(theirs.body).toEqual({ projects: [] });
    expect((await expert.get(`${API}/projects`).expect(200)).body.projects).toEqual([]);
  });

  test('not logged in → 401', async () => {
    expectError(await p.anonymous().get(`${API}/projects`), 401, 'unauthenticated');
  });
});

describe('GET /projects/:projectId', () => {
  test('answers the full configuration to a member engineer', async () => {
    const res = await engineer.get(`${API}/projects/${projectId}`).expect(200);
    expect(res.body).toEqual({ project: { id: projectId, name: 'Base', createdAt: expect.any(String), ...DEFAULTS, batchSize: 4 } });
  });

  test('a project the caller is not a member of, or that does not exist → 404', async () => {
    expectError(await stranger.get(`${API}/projects/${projectId}`), 404, 'not_found');
    expectError(await engineer.get(`${API}/projects/${NOWHERE}`), 404, 'not_found');
  });

  test('a labeller member → 403; anonymous → 401; bad UUID → 400 projectId', async () => {
    expectError(await labeller.get(`${API}/projects/${projectId}`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/projects/${projectId}`), 401, 'unauthenticated');
    expectError(await engineer.get(`${API}/projects/not-a-uuid`), 400, 'bad_request', 'projectId');
  });
});

describe('POST /projects/:projectId/members', () => {
  test('adds a user, who then sees the project; adding twice is harmless', async () => {
    const res = await engineer.post(`${API}/projects/${projectId}/members`).send({ email: ' PJ-Exp@t.test ' }).expect(201);
    expect(res.body).toEqual({ user: { id: expect.any(String), email: 'pj-exp@t.test', displayName: 'pj-exp', role: 'expert' } });
    expect((await expert.get(`${API}/projects`)).body.projects.map((x: { id: string }) => x.id)).toEqual([projectId]);
    await engineer.post(`${API}/projects/${projectId}/members`).send({ email: 'pj-exp@t.test' }).expect(201);
    const rows = await p.db.select().from(projectMember).where(eq(projectMember.projectId, projectId));
    expect(rows).toHaveLength(3);
    expect(await p.db.select().from(projectMember).where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, labellerId)))).toHaveLength(1);
  });

  test('an unknown email → 404 naming email; an invalid one → 400 naming email', async () => {
    expectError(await engineer.post(`${API}/projects/${projectId}/members`).send({ email: 'pj-nobody@t.test' }), 404, 'not_found', 'email');
    expectError(await engineer.post(`${API}/projects/${projectId}/members`).send({ email: 'nobody' }), 400, 'bad_request', 'email');
    expectError(await engineer.post(`${API}/projects/${projectId}/members`).send({}), 400, 'bad_request', 'email');
  });

  test('an engineer outside the project cannot add members (404), and gains nothing by trying', async () => {
    expectError(await stranger.post(`${API}/projects/${projectId}/members`).send({ email: 'pj-stranger@t.test' }), 404, 'not_found');
    expectError(await stranger.get(`${API}/projects/${projectId}`), 404, 'not_found');
  });

  test('a labeller → 403; anonymous → 401; bad UUID → 400 projectId', async () => {
    expectError(await labeller.post(`${API}/projects/${projectId}/members`).send({ email: 'pj-lab@t.test' }), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/projects/${projectId}/members`).send({ email: 'pj-lab@t.test' }), 401, 'unauthenticated');
    expectError(await engineer.post(`${API}/projects/1234/members`).send({ email: 'pj-lab@t.test' }), 400, 'bad_request', 'projectId');
  });
});

describe('GET /projects/:projectId/stats', () => {
  test('counts per stage, starting at zero and following ingest', async () => {
    const id = (await engineer.post(`${API}/projects`).send({ name: 'Stats' }).expect(201)).body.project.id;
    const zero = { samples: 0, selected: 0, labelling: 0, escalated: 0, settled: 0, merged: 0, gold: 0, batches: { open: 0, submitted: 0, accepted: 0, rejected: 0, expired: 0 } };
    expect((await engineer.get(`${API}/projects/${id}/stats`).expect(200)).body).toEqual({ counts: zero });
    await engineer.post(`${API}/projects/${id}/samples`).send([pair(1), pair(2), pair(3, undefined, { goldLabel: 'match' })]).expect(200);
    expect((await engineer.get(`${API}/projects/${id}/stats`).expect(200)).body).toEqual({ counts: { ...zero, samples: 3, gold: 1 } });
  });

  test('not a member → 404; labeller → 403; anonymous → 401; bad UUID → 400', async () => {
    expectError(await stranger.get(`${API}/projects/${projectId}/stats`), 404, 'not_found');
    expectError(await labeller.get(`${API}/projects/${projectId}/stats`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/projects/${projectId}/stats`), 401, 'unauthenticated');
    expectError(await engineer.get(`${API}/projects/nope/stats`), 400, 'bad_request', 'projectId');
  });
});

describe('POST /projects/:projectId/select', () => {
  test('queues a selection job for the project (202 with its id)', async () => {
    const res = await engineer.post(`${API}/projects/${projectId}/select`).expect(202);
    expect(res.body).toEqual({ jobId: jobIds.selectItems(projectId) });
    const jobs = await p.queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
    expect(jobs.filter((j) => j.name === 'select-items' && j.data.projectId === projectId)).toHaveLength(1);
    // Asking again while one waits does not pile up jobs.
    await engineer.post(`${API}/projects/${projectId}/select`).expect(202);
    const again = await p.queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
    expect(again.filter((j) => j.name === 'select-items' && j.data.projectId === projectId)).toHaveLength(1);
  });

  test('not a member → 404 and nothing queued; labeller → 403; anonymous → 401; bad UUID → 400', async () => {
    const other = (await engineer.post(`${API}/projects`).send({ name: 'Private' }).expect(201)).body.project.id;
    expectError(await stranger.post(`${API}/projects/${other}/select`), 404, 'not_found');
    const jobs = await p.queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
    expect(jobs.some((j) => j.data.projectId === other)).toBe(false);
    expectError(await labeller.post(`${API}/projects/${projectId}/select`), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/projects/${projectId}/select`), 401, 'unauthenticated');
    expectError(await engineer.post(`${API}/projects/x/select`), 400, 'bad_request', 'projectId');
  });
});
