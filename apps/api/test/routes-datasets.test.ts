import { jobIds } from '@quorum/contracts';
import { API, asText, expectError, labelAndSubmit, logins, NOWHERE } from './support/http';
import { eventually, pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// GET/POST /projects/:id/dataset-versions, GET /dataset-versions/:id, POST …/approve, …/reject,
// GET …/export. With the real worker: it selects, scores, aggregates and merges.
jest.setTimeout(60_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent;
let labeller: Agent;
let expert: Agent;
let projectId: string;
let v1: { id: string; contentHash: string };
let v2: { id: string; contentHash: string };
const SAMPLES = [pair(1), pair(2, { match: 0.45, no_match: 0.55 }), pair(3, { match: 0.6, no_match: 0.4 }, { modelVersion: 'm-9' })];

beforeAll(async () => {
  p = await startPlatform({ worker: true });
  await p.users([
    { email: 'ds-eng@t.test', role: 'engineer' },
    { email: 'ds-stranger@t.test', role: 'engineer' },
    { email: 'ds-lab@t.test', role: 'labeller' },
    { email: 'ds-exp@t.test', role: 'expert' },
  ]);
  [engineer, stranger, labeller, expert] = await logins(p, ['ds-eng@t.test', 'ds-stranger@t.test', 'ds-lab@t.test', 'ds-exp@t.test'] as const);
  // One label per item settles it at once.
  projectId = (await projectWithMembers(engineer, ['ds-lab@t.test', 'ds-exp@t.test'], { overlap: 1, batchSize: 3, goldRatio: 0, readingTimeScale: 0.0001 })).id;
  await engineer.post(`${API}/projects/${projectId}/samples`).send(SAMPLES).expect(200);
  await eventually(async () => (await stats()).selected === 3, 15_000, 'selection');
  await labelAndSubmit(labeller, projectId, (a) => (a.textA === SAMPLES[1]!.textA ? 'no_match' : 'match'));
  await eventually(async () => (await stats()).settled === 3, 15_000, 'scoring and aggregation');
});
afterAll(async () => p.close());

const stats = async () => (await engineer.get(`${API}/projects/${projectId}/stats`).expect(200)).body.counts;
const versionsUrl = (id: string) => `${API}/projects/${id}/dataset-versions`;
const listVersions = async () => (await engineer.get(versionsUrl(projectId)).expect(200)).body.versions as { id: string; number: number; status: string; contentHash: string }[];
const exportOf = (agent: Agent | ReturnType<Platform['anonymous']>, id: string, query = '') => agent.get(`${API}/dataset-versions/${id}/export${query}`).buffer(true).parse(asText);

describe('GET and POST /projects/:projectId/dataset-versions', () => {
  test('no versions before a merge; a merge makes candidate version 1 of the settled items', async () => {
    expect((await engineer.get(versionsUrl(projectId)).expect(200)).body).toEqual({ versions: [] });
    expect((await engineer.post(versionsUrl(projectId)).expect(202)).body).toEqual({ jobId: jobIds.mergeDataset(projectId) });
    const [v] = await eventually(async () => {
      const vs = await listVersions();
      return vs.length > 0 && vs;
    }, 15_000, 'merge');
    expect(v).toEqual({
      id: expect.any(String), projectId, number: 1, parentId: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), rowCount: 3, addedCount: 3, status: 'candidate',
      report: { added: 3, inherited: 0, quarantined: 0, quarantineReasons: [], labelCounts: { match: 2, no_match: 1 }, decidedBy: { crowd: 3, expert: 0 } },
      createdAt: expect.any(String), decidedBy: null, decidedAt: null, decisionNote: null,
    });
    v1 = v!;
    expect((await stats()).merged).toBe(3);
  });

  test('not a member → 404 and no version made; labeller or expert → 403; anonymous → 401; bad UUID → 400', async () => {
    const other = (await stranger.post(`${API}/projects`).send({ name: 'theirs' }).expect(201)).body.project.id;
    for (const method of ['get', 'post'] as const) {
      expectError(await stranger[method](versionsUrl(projectId)), 404, 'not_found');
      expectError(await engineer[method](versionsUrl(other)), 404, 'not_found');
      expectError(await labeller[method](versionsUrl(projectId)), 403, 'forbidden');
      expectError(await expert[method](versionsUrl(projectId)), 403, 'forbidden');
      expectError(await p.anonymous()[method](versionsUrl(projectId)), 401, 'unauthenticated');
      expectError(await engineer[method](versionsUrl('v1')), 400, 'bad_request', 'projectId');
    }
    expect(await listVersions()).toHaveLength(1);
  });
});

describe('GET /dataset-versions/:versionId', () => {
  test('answers the version with its report', async () => {
    const res = await engineer.get(`${API}/dataset-versions/${v1.id}`).expect(200);
    expect(res.body).toEqual({ version: (await listVersions())[0] });
  });

  test('another project’s engineer or unknown → 404; labeller → 403; anonymous → 401; bad UUID → 400 versionId', async () => {
    expectError(await stranger.get(`${API}/dataset-versions/${v1.id}`), 404, 'not_found');
    expectError(await engineer.get(`${API}/dataset-versions/${NOWHERE}`), 404, 'not_found');
    expectError(await labeller.get(`${API}/dataset-versions/${v1.id}`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/dataset-versions/${v1.id}`), 401, 'unauthenticated');
    expectError(await engineer.get(`${API}/dataset-versions/1`), 400, 'bad_request', 'versionId');
  });
});

describe('approve and reject', () => {
  test.each(['approve', 'reject'])('%s: outsider → 404; expert → 403; anonymous → 401; bad UUID or note → 400; the version stays a candidate', async (action) => {
    expectError(await stranger.post(`${API}/dataset-versions/${v1.id}/${action}`).send({}), 404, 'not_found');
    expectError(await expert.post(`${API}/dataset-versions/${v1.id}/${action}`).send({}), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/dataset-versions/${v1.id}/${action}`).send({}), 401, 'unauthenticated');
    expectError(await engineer.post(`${API}/dataset-versions/xyz/${action}`).send({}), 400, 'bad_request', 'versionId');
    expectError(await engineer.post(`${API}/dataset-versions/${v1.id}/${action}`).send({ note: 'n'.repeat(2001) }), 400, 'bad_request', 'note');
    expectError(await engineer.post(`${API}/dataset-versions/${v1.id}/${action}`).send({ note: 42 }), 400, 'bad_request', 'note');
    expect((await listVersions())[0]!.status).toBe('candidate');
  });

  test('a candidate cannot be exported (409)', async () => {
    expectError(await exportOf(engineer, v1.id), 409, 'conflict');
  });

  test('reject records who, when and why; a decided version cannot be decided again', async () => {
    const res = await engineer.post(`${API}/dataset-versions/${v1.id}/reject`).send({ note: ' label drift ' }).expect(200);
    expect(res.body.version).toMatchObject({ id: v1.id, status: 'rejected', decidedBy: 'ds-eng@t.test', decisionNote: 'label drift', decidedAt: expect.any(String) });
    expectError(await engineer.post(`${API}/dataset-versions/${v1.id}/reject`).send({}), 409, 'conflict');
    expectError(await engineer.post(`${API}/dataset-versions/${v1.id}/approve`).send({}), 409, 'conflict');
    expectError(await exportOf(engineer, v1.id), 409, 'conflict');
    expect((await engineer.get(`${API}/dataset-versions/${v1.id}`)).body.version.status).toBe('rejected');
    expect((await stats()).merged).toBe(0);
  });

  test('after a rejection, the next merge makes version 2 from the same items', async () => {
    await engineer.post(versionsUrl(projectId)).expect(202);
    const vs = await eventually(async () => {
      const all = await listVersions();
      return all.length === 2 && all;
    }, 15_000, 'second merge');
    expect(vs.map((v) => [v.number, v.status])).toEqual([[2, 'candidate'], [1, 'rejected']]);
    expect(vs[0]).toMatchObject({ parentId: null, rowCount: 3, addedCount: 3, contentHash: v1.contentHash });
    v2 = vs[0]!;
  });

  test('approve; a second decision is refused', async () => {
    const res = await engineer.post(`${API}/dataset-versions/${v2.id}/approve`).send({}).expect(200);
    expect(res.body.version).toMatchObject({ id: v2.id, status: 'approved', decidedBy: 'ds-eng@t.test', decisionNote: null });
    expectError(await engineer.post(`${API}/dataset-versions/${v2.id}/approve`).send({}), 409, 'conflict');
    expectError(await engineer.post(`${API}/dataset-versions/${v2.id}/reject`).send({ note: 'changed my mind' }), 409, 'conflict');
    expect((await engineer.get(`${API}/dataset-versions/${v2.id}`)).body.version).toMatchObject({ status: 'approved', decisionNote: null });
  });
});

describe('GET /dataset-versions/:versionId/export', () => {
  test('streams an approved version as JSONL, one row per line, with provenance', async () => {
    const res = await exportOf(engineer, v2.id, '?format=jsonl').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dataset-v2-${v2.contentHash.slice(0, 12)}.jsonl"`);
    expect(res.headers['x-content-hash']).toBe(v2.contentHash);
    const text = res.body as string;
    expect(text.endsWith('\n')).toBe(true);
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    const row = (s: (typeof SAMPLES)[number], label: string, modelLabel: string, modelVersion: string | null) => ({
      id: expect.any(String), externalId: s.externalId, textA: s.textA, textB: s.textB, label, decidedBy: 'crowd', votes: { [label]: 1, [label === 'match' ? 'no_match' : 'match']: 0 }, expertNote: null, modelLabel, modelVersion,
    });
    expect(rows).toEqual([row(SAMPLES[0]!, 'match', 'match', null), row(SAMPLES[1]!, 'no_match', 'no_match', null), row(SAMPLES[2]!, 'match', 'match', 'm-9')]);
  });

  test('an API token works for export', async () => {
    const { secret } = (await engineer.post(`${API}/tokens`).send({ name: 'trainer' }).expect(201)).body;
    const viaToken = await exportOf(p.anonymous(), v2.id).set('Authorization', `Bearer ${secret}`).expect(200);
    const viaSession = await exportOf(engineer, v2.id).expect(200);
    expect(viaToken.body).toBe(viaSession.body);
    expect((viaToken.body as string).trimEnd().split('\n')).toHaveLength(3);
    const other = (await stranger.post(`${API}/tokens`).send({ name: 'theirs' }).expect(201)).body.secret;
    expectError(await exportOf(p.anonymous(), v2.id).set('Authorization', `Bearer ${other}`), 404, 'not_found');
  });

  test('unknown format → 400 format; labeller → 403; anonymous → 401; bad UUID → 400; unknown → 404', async () => {
    expectError(await engineer.get(`${API}/dataset-versions/${v2.id}/export?format=csv`), 400, 'bad_request', 'format');
    expectError(await labeller.get(`${API}/dataset-versions/${v2.id}/export`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/dataset-versions/${v2.id}/export`), 401, 'unauthenticated');
    expectError(await engineer.get(`${API}/dataset-versions/nope/export`), 400, 'bad_request', 'versionId');
    expectError(await engineer.get(`${API}/dataset-versions/${NOWHERE}/export`), 404, 'not_found');
    expectError(await stranger.get(`${API}/dataset-versions/${v2.id}/export`), 404, 'not_found');
  });

  test('merging again with nothing new settled makes no new version', async () => {
    const done = async () => (await p.queue.getJobs(['completed'])).filter((j) => j.name === 'merge-dataset');
    const before = (await done()).length;
    await engineer.post(versionsUrl(projectId)).expect(202);
    const after = await eventually(async () => {
      const jobs = await done();
      return jobs.length > before && jobs;
    }, 15_000, 'merge job');
    expect(after.every((j) => j.data.projectId === projectId)).toBe(true);
    expect(await listVersions()).toHaveLength(2);
  });
});
