import { eq } from 'drizzle-orm';
import { apiToken } from '@quorum/db';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// GET/POST /tokens, DELETE /tokens/:tokenId, and bearer tokens on the routes that take them.
jest.setTimeout(30_000);
let p: Platform;
let engineer: Agent;
let other: Agent; // another engineer
let labeller: Agent;
let expert: Agent;
let projectId: string;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([
    { email: 'tk-eng@t.test', role: 'engineer' },
    { email: 'tk-other@t.test', role: 'engineer' },
    { email: 'tk-lab@t.test', role: 'labeller' },
    { email: 'tk-exp@t.test', role: 'expert' },
  ]);
  [engineer, other, labeller, expert] = await logins(p, ['tk-eng@t.test', 'tk-other@t.test', 'tk-lab@t.test', 'tk-exp@t.test'] as const);
  projectId = (await projectWithMembers(engineer, ['tk-lab@t.test'])).id;
});
afterAll(async () => p.close());

const create = async (agent: Agent, name: string) => (await agent.post(`${API}/tokens`).send({ name }).expect(201)).body as { token: { id: string; name: string }; secret: string };
const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

describe('POST /tokens', () => {
  test('shows the secret once; only its hash is stored', async () => {
    const res = await engineer.post(`${API}/tokens`).send({ name: '  ci pipeline ' }).expect(201);
    expect(res.body).toEqual({ token: { id: expect.any(String), name: 'ci pipeline', createdAt: expect.any(String), lastUsedAt: null }, secret: expect.stringMatching(/^qrm_[A-Za-z0-9_-]{32}$/) });
    const [row] = await p.db.select().from(apiToken).where(eq(apiToken.id, res.body.token.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(res.body.secret);
    // Two tokens never share a secret.
    expect((await create(engineer, 'second')).secret).not.toBe(res.body.secret);
  });

  test('a missing or blank name → 400 name', async () => {
    expectError(await engineer.post(`${API}/tokens`).send({}), 400, 'bad_request', 'name');
    expectError(await engineer.post(`${API}/tokens`).send({ name: '  ' }), 400, 'bad_request', 'name');
    expectError(await engineer.post(`${API}/tokens`).send({ name: 'x'.repeat(101) }), 400, 'bad_request', 'name');
  });

  test('labeller or expert → 403; anonymous → 401; a token cannot mint tokens (403)', async () => {
    expectError(await labeller.post(`${API}/tokens`).send({ name: 'x' }), 403, 'forbidden');
    expectError(await expert.post(`${API}/tokens`).send({ name: 'x' }), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/tokens`).send({ name: 'x' }), 401, 'unauthenticated');
    const { secret } = await create(engineer, 'minter');
    expectError(await p.anonymous().post(`${API}/tokens`).set(bearer(secret)).send({ name: 'child' }), 403, 'forbidden');
  });
});

describe('GET /tokens', () => {
  test('lists the caller’s live tokens and never a secret', async () => {
    const { token, secret } = await create(other, 'only-mine');
    const res = await other.get(`${API}/tokens`).expect(200);
    expect(res.body).toEqual({ tokens: [{ id: token.id, name: 'only-mine', createdAt: expect.any(String), lastUsedAt: null }] });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(JSON.stringify(res.body)).not.toMatch(/qrm_|hash/i);
    const mine = (await engineer.get(`${API}/tokens`).expect(200)).body.tokens.map((t: { name: string }) => t.name);
    expect(mine).not.toContain('only-mine');
    expect(mine).toEqual(expect.arrayContaining(['ci pipeline', 'second']));
  });

  test('labeller → 403; anonymous → 401; bearer token → 403 (session only)', async () => {
    expectError(await labeller.get(`${API}/tokens`), 403, 'forbidden');
    expectError(await p.anonymous().get(`${API}/tokens`), 401, 'unauthenticated');
    const { secret } = await create(engineer, 'lister');
    expectError(await p.anonymous().get(`${API}/tokens`).set(bearer(secret)), 403, 'forbidden');
  });
});

describe('bearer tokens', () => {
  test('act as their engineer on token routes and record their last use', async () => {
    const { token, secret } = await create(engineer, 'machine');
    const projects = await p.anonymous().get(`${API}/projects`).set(bearer(secret)).expect(200);
    expect(projects.body.projects.map((x: { id: string }) => x.id)).toEqual([projectId]);
    const ingest = await p.anonymous().post(`${API}/projects/${projectId}/samples`).set(bearer(secret)).set('Content-Type', 'application/x-ndjson').send(JSON.stringify(pair(1)));
    expect(ingest.status).toBe(200);
    expect(ingest.body).toMatchObject({ received: 1, inserted: 1, rejected: 0 });
    expect((await engineer.get(`${API}/projects/${projectId}/stats`)).body.counts.samples).toBe(1);
    const listed = (await engineer.get(`${API}/tokens`)).body.tokens.find((t: { id: string }) => t.id === token.id);
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    // A project the engineer does not belong to stays hidden behind the token too.
    const theirs = (await other.post(`${API}/projects`).send({ name: 'theirs' }).expect(201)).body.project.id;
    expectError(await p.anonymous().get(`${API}/projects/${theirs}`).set(bearer(secret)), 404, 'not_found');
  });

  test('are refused (403) on session-only routes', async () => {
    const { secret } = await create(engineer, 'narrow');
    expectError(await p.anonymous().get(`${API}/auth/me`).set(bearer(secret)), 403, 'forbidden');
    expectError(await p.anonymous().post(`${API}/projects/${projectId}/batches`).set(bearer(secret)), 403, 'forbidden');
    expectError(await p.anonymous().delete(`${API}/tokens/${NOWHERE}`).set(bearer(secret)), 403, 'forbidden');
  });

  test('an unknown or malformed token → 401', async () => {
    expectError(await p.anonymous().get(`${API}/projects`).set(bearer('qrm_not-a-real-token-at-all-000000')), 401, 'unauthenticated');
    expectError(await p.anonymous().get(`${API}/projects`).set(bearer('garbage')), 401, 'unauthenticated');
  });
});

describe('DELETE /tokens/:tokenId', () => {
  test('revokes: 204, the token stops working (401) and leaves the list', async () => {
    const { token, secret } = await create(engineer, 'doomed');
    await p.anonymous().get(`${API}/projects`).set(bearer(secret)).expect(200);
    const res = await engineer.delete(`${API}/tokens/${token.id}`).expect(204);
    expect(res.text).toBe('');
    expectError(await p.anonymous().get(`${API}/projects`).set(bearer(secret)), 401, 'unauthenticated');
    expect((await engineer.get(`${API}/tokens`)).body.tokens.map((t: { id: string }) => t.id)).not.toContain(token.id);
    expect((await p.db.select().from(apiToken).where(eq(apiToken.id, token.id)))[0]!.revokedAt).toBeInstanceOf(Date);
    // Revoking twice finds nothing to revoke.
    expectError(await engineer.delete(`${API}/tokens/${token.id}`), 404, 'not_found');
  });

  test('another engineer’s token → 404 and it keeps working', async () => {
    const { token, secret } = await create(other, 'not-yours');
    expectError(await engineer.delete(`${API}/tokens/${token.id}`), 404, 'not_found');
    await p.anonymous().get(`${API}/projects`).set(bearer(secret)).expect(200);
    expectError(await engineer.delete(`${API}/tokens/${NOWHERE}`), 404, 'not_found');
  });

  test('labeller → 403; anonymous → 401; bad UUID → 400 tokenId', async () => {
    const { token } = await create(engineer, 'kept');
    expectError(await labeller.delete(`${API}/tokens/${token.id}`), 403, 'forbidden');
    expectError(await p.anonymous().delete(`${API}/tokens/${token.id}`), 401, 'unauthenticated');
    expectError(await engineer.delete(`${API}/tokens/abc`), 400, 'bad_request', 'tokenId');
    expect((await engineer.get(`${API}/tokens`)).body.tokens.map((t: { id: string }) => t.id)).toContain(token.id);
  });
});
