import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { sample } from '@quorum/db';
import { API, expectError } from './support/http';
import { projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// The documented size limits, set small here through the environment the API reads at start:
// 413 for a body over INGEST_MAX_BYTES (declared or streamed, plain or gzip) or a JSON array over
// INGEST_MAX_JSON_BYTES; 400 naming the line for a line over INGEST_MAX_LINE_BYTES.
jest.setTimeout(60_000);
const LIMITS = { INGEST_MAX_BYTES: String(256 * 1024), INGEST_MAX_JSON_BYTES: String(16 * 1024), INGEST_MAX_LINE_BYTES: '4096' };
let p: Platform;
let engineer: Agent;
let token: string;
beforeAll(async () => {
  Object.assign(process.env, LIMITS);
  try {
    p = await startPlatform();
  } finally {
    for (const k of Object.keys(LIMITS)) delete process.env[k];
  }
  await p.users([{ email: 'lim-eng@t.test', role: 'engineer' }]);
  engineer = await p.login('lim-eng@t.test');
  token = (await engineer.post(`${API}/tokens`).send({ name: 'limits' }).expect(201)).body.secret;
});
afterAll(async () => p.close());

const fresh = async () => (await projectWithMembers(engineer, [])).id;
const url = (id: string) => `${API}/projects/${id}/samples`;
const line = (n: number) => JSON.stringify({ external_id: `ext-${n}`, text_a: `I need help with task number ${n}`, text_b: `I can help with task number ${n}`, prediction: 0.5 });
const lines = (n: number) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const count = async (id: string) => (await p.db.select().from(sample).where(eq(sample.projectId, id))).length;

/** A streamed upload (chunked, no Content-Length), as a client piping a file would send it. */
async function stream(id: string, chunks: Iterable<Buffer | string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.baseUrl}${url(id)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers },
    body: ReadableStream.from((function* () {
      for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
    })()),
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; field?: string; details?: unknown[] } } };
}

test('a declared Content-Length over the limit is refused before the body is read', async () => {
  const id = await fresh();
  const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${p.baseUrl}${url(id)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-length': String(10 * 1024 * 1024) } }, (r) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => resolve({ status: r.statusCode!, body }));
    });
    req.on('error', reject);
    // Only a few bytes of the announced 10 MB: the answer must not wait for the rest.
    req.write(line(1));
  });
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error).toMatchObject({ code: 'payload_too_large', message: 'the request body is larger than the limit of 262,144 bytes' });
  expect(await count(id)).toBe(0);
});

test('a streamed body that grows past the limit → 413, nothing written', async () => {
  const id = await fresh();
  const chunk = `${lines(100)}\n`;
  const res = await stream(id, Array.from({ length: 60 }, () => chunk));
  expect(res.status).toBe(413);
  expect(res.body.error).toMatchObject({ code: 'payload_too_large', message: 'the request body (decompressed) is larger than the limit of 262,144 bytes' });
  expect(await count(id)).toBe(0);
});

test('the limit counts decompressed bytes: a small gzip that expands past it → 413', async () => {
  const id = await fresh();
  const body = gzipSync(Array.from({ length: 30 }, () => `${lines(100)}\n`).join(''));
  expect(body.length).toBeLessThan(256 * 1024);
  const res = await engineer.post(url(id)).set('Content-Type', 'application/x-ndjson').set('Content-Encoding', 'gzip').send(body);
  expectError(res, 413, 'payload_too_large', '(body)');
  expect(await count(id)).toBe(0);
});

test('a body just under the limit is fine', async () => {
  const id = await fresh();
  const body = lines(1900);
  expect(body.length).toBeLessThan(256 * 1024);
  expect((await stream(id, [body])).status).toBe(200);
  expect(await count(id)).toBe(1900);
});

test('a JSON array has its own, smaller limit', async () => {
  const id = await fresh();
  const res = await engineer.post(url(id)).send(Array.from({ length: 200 }, (_, i) => JSON.parse(line(i)) as unknown));
  expectError(res, 413, 'payload_too_large', '(body)');
  expect(res.body.error.message).toBe('a JSON-array body is larger than the limit of 16,384 bytes');
  expect((await engineer.post(url(id)).send([JSON.parse(line(1)) as unknown]).expect(200)).body.inserted).toBe(1);
});

test('a line over the line limit → 400 naming the line, whether it arrives whole or in pieces', async () => {
  const id = await fresh();
  const long = JSON.stringify({ external_id: 'long', text_a: 'x'.repeat(5000), text_b: 'y', prediction: 0.5 });
  const whole = await stream(id, [`${line(1)}\n${line(2)}\n${long}\n${line(4)}\n`]);
  expect(whole.status).toBe(400);
  expect(whole.body.error).toMatchObject({ field: '(line)', details: [{ line: 3, field: '(line)', message: 'the line is longer than 4,096 bytes' }] });
  // Split into 100-byte chunks: the line is never whole in one chunk.
  const text = `${line(1)}\n${long}`;
  const pieces = Array.from({ length: Math.ceil(text.length / 100) }, (_, i) => text.slice(i * 100, i * 100 + 100));
  const split = await stream(id, pieces);
  expect(split.status).toBe(400);
  expect(split.body.error?.details).toEqual([{ line: 2, field: '(line)', message: 'the line is longer than 4,096 bytes' }]);
  expect(await count(id)).toBe(0);
});
