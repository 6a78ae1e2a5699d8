import request from 'supertest';
import { API, expectError } from './support/http';
import { PASSWORD, startPlatform, type Platform } from './support/platform';

// POST /auth/login, POST /auth/logout, GET /auth/demo-logins, GET /auth/me. All are public or open
// to every role, so there is no wrong-role case to test here.
jest.setTimeout(30_000);
let p: Platform;
let labellerId: string;
beforeAll(async () => {
  p = await startPlatform();
  const [l] = await p.users([
    { email: 'au-labeller@t.test', role: 'labeller', displayName: 'Ada' },
    { email: 'au-expert@t.test', role: 'expert' },
  ]);
  labellerId = l!.id;
});
afterAll(async () => p.close());

const cookieOf = (res: request.Response): string => {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const sid = cookies.find((c) => c.startsWith('quorum.sid='));
  if (!sid) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return sid;
};

describe('POST /auth/login', () => {
  test('answers the user and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await p.anonymous().post(`${API}/auth/login`).send({ email: 'au-labeller@t.test', password: PASSWORD }).expect(200);
    expect(res.body).toEqual({ user: { id: labellerId, email: 'au-labeller@t.test', displayName: 'Ada', role: 'labeller' } });
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    // The cookie alone is the session: another client presenting it is that user.
    const me = await p.anonymous().get(`${API}/auth/me`).set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(me.body.user.id).toBe(labellerId);
  });

  test('email is trimmed and case-insensitive', async () => {
    const res = await p.anonymous().post(`${API}/auth/login`).send({ email: '  AU-Expert@T.test ', password: PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({ email: 'au-expert@t.test', role: 'expert' });
  });

  test('a wrong password and an unknown email get the same 401 and no cookie', async () => {
    const wrong = await p.anonymous().post(`${API}/auth/login`).send({ email: 'au-labeller@t.test', password: 'not it' });
    const unknown = await p.anonymous().post(`${API}/auth/login`).send({ email: 'au-nobody@t.test', password: PASSWORD });
    expectError(wrong, 401, 'unauthenticated');
    expectError(unknown, 401, 'unauthenticated');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.body.error.message).not.toMatch(/au-labeller|exist|unknown/i);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  test.each([
    ['missing email', { password: PASSWORD }, 'email'],
    ['invalid email', { email: 'not-an-email', password: PASSWORD }, 'email'],
    ['missing password', { email: 'au-labeller@t.test' }, 'password'],
    ['empty password', { email: 'au-labeller@t.test', password: '' }, 'password'],
    ['overlong password', { email: 'au-labeller@t.test', password: 'x'.repeat(201) }, 'password'],
  ])('%s → 400 naming the field', async (_what, body, field) => {
    const res = await p.anonymous().post(`${API}/auth/login`).send(body);
    expectError(res, 400, 'bad_request', field);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  test('a body that is not JSON → 400 naming the body', async () => {
    const res = await p.anonymous().post(`${API}/auth/login`).set('Content-Type', 'application/json').send('{"email": ');
    expectError(res, 400, 'bad_request', '(body)');
  });

  test('logging in again gives a fresh session id (no fixation)', async () => {
    const agent = request.agent(p.http);
    const first = cookieOf(await agent.post(`${API}/auth/login`).send({ email: 'au-labeller@t.test', password: PASSWORD }).expect(200));
    const second = cookieOf(await agent.post(`${API}/auth/login`).send({ email: 'au-labeller@t.test', password: PASSWORD }).expect(200));
    expect(second.split(';')[0]).not.toBe(first.split(';')[0]);
    // The old id no longer opens a session.
    await p.anonymous().get(`${API}/auth/me`).set('Cookie', first.split(';')[0]!).expect(401);
  });
});

describe('GET /auth/demo-logins', () => {
  test('is public and empty when no demo user exists', async () => {
    expect((await p.anonymous().get(`${API}/auth/demo-logins`).expect(200)).body).toEqual({ emails: [], password: null });
  });

  test('lists the demo users (and only them) once the seed made some', async () => {
    await p.users([
      { email: 'au-lab@demo.quorum', role: 'labeller' },
      { email: 'au-eng@demo.quorum', role: 'engineer' },
    ]);
    const res = await p.anonymous().get(`${API}/auth/demo-logins`).expect(200);
    expect(res.body).toEqual({ emails: ['au-eng@demo.quorum', 'au-lab@demo.quorum'], password: 'quorum-demo' });
  });
});

describe('GET /auth/me', () => {
  test('answers the logged-in user', async () => {
    const agent = await p.login('au-expert@t.test');
    const res = await agent.get(`${API}/auth/me`).expect(200);
    expect(res.body).toEqual({ user: { id: expect.any(String), email: 'au-expert@t.test', displayName: 'au-expert', role: 'expert' }, pause: null });
    expect(Object.keys(res.body.user).sort()).toEqual(['displayName', 'email', 'id', 'role']);
  });

  test('not logged in → 401', async () => {
    expectError(await p.anonymous().get(`${API}/auth/me`), 401, 'unauthenticated');
  });

  test('a forged cookie → 401', async () => {
    expectError(await p.anonymous().get(`${API}/auth/me`).set('Cookie', 'quorum.sid=s%3Aforged.signature'), 401, 'unauthenticated');
  });
});

describe('POST /auth/logout', () => {
  test('ends the session: 204, the cookie is cleared and cannot be replayed', async () => {
    const agent = request.agent(p.http);
    const cookie = cookieOf(await agent.post(`${API}/auth/login`).send({ email: 'au-labeller@t.test', password: PASSWORD }).expect(200)).split(';')[0]!;
    const res = await agent.post(`${API}/auth/logout`).expect(204);
    expect(res.text).toBe('');
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => /^quorum\.sid=;/.test(c) && /Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    await agent.get(`${API}/auth/me`).expect(401);
    // The session is gone from the store, not just from this client.
    expectError(await p.anonymous().get(`${API}/auth/me`).set('Cookie', cookie), 401, 'unauthenticated');
  });

  test('not logged in → 401', async () => {
    expectError(await p.anonymous().post(`${API}/auth/logout`), 401, 'unauthenticated');
  });
});
