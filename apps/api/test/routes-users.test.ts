import { startPlatform, type Platform } from './support/platform';

// Engineers onboard labellers and experts; nobody else can create or list users.
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([{ email: 'ru-eng@t.test', role: 'engineer' }, { email: 'ru-lab@t.test', role: 'labeller' }]);
});
afterAll(async () => p.close());

const newUser = { email: 'New.Labeller@T.test', displayName: 'New', role: 'labeller', password: 'ten chars ok' };

test('an engineer creates a labeller who can then log in and is listed', async () => {
  const engineer = await p.login('ru-eng@t.test');
  const created = await engineer.post('/api/v1/users').send(newUser).expect(201);
  expect(created.body.user).toEqual({ id: expect.any(String), email: 'new.labeller@t.test', displayName: 'New', role: 'labeller' });
  expect(JSON.stringify(created.body)).not.toMatch(/password|hash/i);
  await p.anonymous().post('/api/v1/auth/login').send({ email: 'new.labeller@t.test', password: 'ten chars ok' }).expect(200);
  const listed = await engineer.get('/api/v1/users').expect(200);
  expect(listed.body.users.map((u: { email: string }) => u.email)).toEqual(['ru-eng@t.test', 'new.labeller@t.test', 'ru-lab@t.test']);
});

test('the same email twice is a 409 naming email', async () => {
  const engineer = await p.login('ru-eng@t.test');
  const res = await engineer.post('/api/v1/users').send({ ...newUser, email: 'ru-lab@t.test' }).expect(409);
  expect(res.body.error).toMatchObject({ code: 'conflict', field: 'email' });
});

test.each([
  [{ ...newUser, password: 'short' }, 'password'],
  [{ ...newUser, role: 'admin' }, 'role'],
  [{ ...newUser, email: 'not-an-email' }, 'email'],
  [{ ...newUser, displayName: '  ' }, 'displayName'],
])('bad input %# is a 400 naming %s', async (body, field) => {
  const engineer = await p.login('ru-eng@t.test');
  const res = await engineer.post('/api/v1/users').send(body).expect(400);
  expect(res.body.error.field).toBe(field);
});

test('labellers cannot create or list users, and strangers must log in', async () => {
  const labeller = await p.login('ru-lab@t.test');
  expect((await labeller.post('/api/v1/users').send(newUser).expect(403)).body.error.code).toBe('forbidden');
  await labeller.get('/api/v1/users').expect(403);
  await p.anonymous().get('/api/v1/users').expect(401);
  await p.anonymous().post('/api/v1/users').send(newUser).expect(401);
});
