import { io, type Socket } from 'socket.io-client';
import { API, labelAndSubmit } from './support/http';
import { pair, PASSWORD, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// socket.io on the API's session: who may connect, and which rooms' events reach whom, with the
// real worker emitting selection, scoring and escalation events.
jest.setTimeout(40_000);
let p: Platform;
let engineer: Agent;
let p1: string; // l1, l2, x1 are members
let p2: string; // l3, x2 are members
const ids: Record<string, string> = {};
const sockets: Socket[] = [];
type Heard = { name: string; payload: { projectId?: string; status?: string; claimedBy?: string | null; reviewId?: string; batchId?: string } };
const heard: Record<string, Heard[]> = {};

async function loginCookie(email: string): Promise<string> {
  const res = await p.anonymous().post(`${API}/auth/login`).send({ email, password: PASSWORD }).expect(200);
  return ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
}

function connect(cookie?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(p.baseUrl, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: cookie ? { cookie } : {} });
    sockets.push(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => reject(err));
  });
}

async function listen(who: string): Promise<void> {
  const s = await connect(await loginCookie(`sk-${who}@t.test`));
  heard[who] = [];
  s.onAny((name: string, payload: Heard['payload']) => heard[who]!.push({ name, payload }));
}

/** Resolves with the first event `who` heard that matches, or fails after `ms`. */
async function hears(who: string, match: (e: Heard) => boolean, ms = 15_000): Promise<Heard> {
  const deadline = Date.now() + ms;
  for (;;) {
    const e = heard[who]!.find(match);
    if (e) return e;
    if (Date.now() > deadline) throw new Error(`${who} never heard the event; heard ${JSON.stringify(heard[who])}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  p = await startPlatform({ worker: true });
  const users = await p.users(
    [['eng', 'engineer'], ['l1', 'labeller'], ['l2', 'labeller'], ['l3', 'labeller'], ['x1', 'expert'], ['x2', 'expert']].map(([n, role]) => ({ email: `sk-${n}@t.test`, role: role as 'labeller' })),
  );
  for (const u of users) ids[u.email.slice(3, -7)] = u.id;
  engineer = await p.login('sk-eng@t.test');
  p1 = (await projectWithMembers(engineer, ['sk-l1@t.test', 'sk-l2@t.test', 'sk-x1@t.test'], { overlap: 2, batchSize: 2, goldRatio: 0, readingTimeScale: 0.0001 })).id;
  p2 = (await projectWithMembers(engineer, ['sk-l3@t.test', 'sk-x2@t.test'])).id;
  // Rooms are joined on connect, so connect after membership is set.
  for (const who of ['eng', 'l1', 'l3', 'x1', 'x2']) await listen(who);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await p.close();
});

const about = (projectId: string) => (e: Heard) => e.payload.projectId === projectId;

describe('connecting', () => {
  test('without a session is refused', async () => {
    await expect(connect()).rejects.toThrow('unauthenticated');
  });

  test('with a forged or logged-out session is refused', async () => {
    await expect(connect('quorum.sid=s%3Anot-a-session.signature')).rejects.toThrow('unauthenticated');
    const cookie = await loginCookie('sk-l2@t.test');
    await p.anonymous().post(`${API}/auth/logout`).set('Cookie', cookie).expect(204);
    await expect(connect(cookie)).rejects.toThrow('unauthenticated');
  });

  test('with a session is accepted', async () => {
    const s = await connect(await loginCookie('sk-l2@t.test'));
    expect(s.connected).toBe(true);
    s.close();
  });
});

describe('events reach only their rooms', () => {
  test('labellers of a project hear work:available when the worker selects; others do not', async () => {
    await engineer.post(`${API}/projects/${p1}/samples`).send([pair(1), pair(2)]).expect(200);
    expect((await hears('l1', (e) => e.name === 'work:available')).payload).toEqual({ projectId: p1 });
    // The engineers' room hears the counts.
    await hears('eng', (e) => e.name === 'stats:updated' && e.payload.projectId === p1);
    // A positive control for the other project's labeller: their own project's work reaches them.
    await engineer.post(`${API}/projects/${p2}/samples`).send([pair(3)]).expect(200);
    expect((await hears('l3', (e) => e.name === 'work:available')).payload).toEqual({ projectId: p2 });
    expect(heard.l3!.filter(about(p1))).toEqual([]);
    expect(heard.l1!.filter(about(p2))).toEqual([]);
    // Experts are not in the labellers' room.
    expect(heard.x1!.filter((e) => e.name === 'work:available')).toEqual([]);
  });

  test('a labeller hears the decision on their own batch', async () => {
    const l1 = await p.login('sk-l1@t.test');
    const l2 = await p.login('sk-l2@t.test');
    const b1 = await labelAndSubmit(l1, p1, () => 'match');
    const decided = await hears('l1', (e) => e.name === 'batch:decided');
    expect(decided.payload).toEqual({ batchId: b1.id, projectId: p1, status: 'accepted', reasons: [] });
    // Split votes: both items go to the expert queue.
    await labelAndSubmit(l2, p1, () => 'no_match');
  });

  test('experts of the project hear review:changed when items are escalated and claimed; others do not', async () => {
    const queued = await hears('x1', (e) => e.name === 'review:changed' && e.payload.status === 'queued');
    expect(queued.payload).toEqual({ projectId: p1, reviewId: expect.any(String), status: 'queued', claimedBy: null });
    const x1 = await p.login('sk-x1@t.test');
    await x1.post(`${API}/reviews/${queued.payload.reviewId}/claim`).expect(200);
    const claimed = await hears('x1', (e) => e.name === 'review:changed' && e.payload.status === 'claimed');
    // Other experts learn that the item is taken, never by whom.
    expect(claimed.payload).toEqual({ projectId: p1, reviewId: queued.payload.reviewId, status: 'claimed', claimedBy: null });
    // Another project's expert, and labellers, never hear the queue.
    expect(heard.x2!.filter((e) => e.name === 'review:changed' || about(p1)(e))).toEqual([]);
    expect(heard.l1!.filter((e) => e.name === 'review:changed')).toEqual([]);
    expect(heard.l3!.filter((e) => e.name === 'review:changed' || e.name === 'batch:decided')).toEqual([]);
  });
});
