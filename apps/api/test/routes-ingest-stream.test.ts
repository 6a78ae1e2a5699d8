import http from 'node:http';
import { createGzip } from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { selectionScore } from '@quorum/core';
import { sample, sampleRevision } from '@quorum/db';
import { API } from './support/http';
import { eventually, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// A 100,000-line NDJSON ingest streamed through the real endpoint (the million-row run is
// `npm run bench -- ingest`), a gzip stream re-sent to show the bulk path is idempotent, and an
// upload that drops halfway, which must leave nothing behind and no connection held.
jest.setTimeout(240_000);
let p: Platform;
let engineer: Agent;
let token: string;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([{ email: 'st-eng@t.test', role: 'engineer' }]);
  engineer = await p.login('st-eng@t.test');
  token = (await engineer.post(`${API}/tokens`).send({ name: 'stream' }).expect(201)).body.secret;
});
afterAll(async () => p.close());

const N = 100_000;
const url = (id: string) => `${p.baseUrl}${API}/projects/${id}/samples`;

/** Line 90,001 sends s-10 again, in a later batch (of 50,000) than s-10's own line 11. */
const AGAIN = 90_000;

/** Lines made as they are sent, so the test holds a few of them at a time, like a file being piped. */
function* lines(n: number, version: (i: number) => string): Generator<string> {
  let batch = '';
  for (let i = 0; i < n; i++) {
    const s = ((i * 7919) % 1000) / 1000;
    const passes = i % 10 === 0 ? { predictions: [s, Math.min(1, s + 0.1), Math.max(0, s - 0.1)] } : {};
    const [id, v] = i === AGAIN ? ['s-10', 'late'] : [`s-${i}`, version(i)];
    batch += `${JSON.stringify({ external_id: id, text_a: `Looking for help with job ${i} in town ${i % 97}`, text_b: `Offering services of kind ${i % 13} near town ${i % 89}`, prediction: s, model_version: v, metadata: { shard: i % 4 }, ...passes })}\n`;
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

async function post(id: string, body: Readable, headers: Record<string, string> = {}) {
  const res = await fetch(url(id), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test(`${N.toLocaleString('en')} lines streamed in one request, then re-sent gzipped with 1 % changed`, async () => {
  const id = (await projectWithMembers(engineer, [])).id;
  const first = await post(id, Readable.from(lines(N, () => 'v1')));
  // s-10's second line supersedes its first, across batches: stored once, no revision.
  expect(first).toEqual({ status: 200, body: { received: N, inserted: N - 1, updated: 0, unchanged: 0, superseded: 1, rejected: 0, gold: 0, errors: [] } });
  const stored = await p.db.execute<{ n: number; pooled: number; keyed: number; passes: number }>(
    sql`select count(*)::int as n, count(*) filter (where pooled)::int as pooled, count(distinct pair_key)::int as keyed, count(predictions)::int as passes from sample where project_id = ${id}`,
  );
  expect(stored.rows[0]).toEqual({ n: N - 1, pooled: N - 1, keyed: N - 1, passes: N / 10 - 1 });
  const revisions = async () => (await p.db.select({ n: sql<number>`count(*)::int` }).from(sampleRevision).innerJoin(sample, eq(sample.id, sampleRevision.sampleId)).where(eq(sample.projectId, id)))[0]!.n;
  expect(await revisions()).toBe(0);
  const s10 = async () => (await p.db.select().from(sample).where(sql`${sample.projectId} = ${id} and ${sample.externalId} = 's-10'`))[0]!;
  expect((await s10()).modelVersion).toBe('late');

  // Lines i % 100 = 0 change (999 of them: line 90,001 is s-10's), and s-10's own line 11 differs
  // from the stored 'late' version: 1,000 updates with revisions; s-10's second line supersedes again.
  const changed = (i: number) => (i % 100 === 0 ? 'v2' : 'v1');
  const again = await post(id, Readable.from(lines(N, changed)).pipe(createGzip()), { 'content-encoding': 'gzip' });
  expect(again).toEqual({ status: 200, body: { received: N, inserted: 0, updated: 1000, unchanged: N - 1001, superseded: 1, rejected: 0, gold: 0, errors: [] } });
  expect(await revisions()).toBe(1000);
  expect((await s10()).modelVersion).toBe('late');
});

test.each(['identity', 'gzip'])('an upload that drops halfway (%s) writes nothing and gives its connection back', async (encoding) => {
  const id = (await projectWithMembers(engineer, [])).id;
  const pool = (p.db as unknown as { $client: { totalCount: number; idleCount: number } }).$client;
  await new Promise<void>((resolve) => {
    const req = http.request(url(id), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-encoding': encoding } });
    req.on('error', () => resolve());
    const body = encoding === 'gzip' ? createGzip() : null;
    body?.on('data', (c: Buffer) => req.write(c));
    const write = (chunk: string) => (body ? body.write(chunk) : req.write(chunk));
    let sent = 0;
    for (const chunk of lines(20_000, () => 'v1')) {
      write(chunk);
      if (++sent === 10) break;
    }
    body?.flush();
    // Give the server time to stage what it got, then cut the connection mid-line.
    setTimeout(() => {
      write('{"external_id": "cut');
      req.destroy();
      resolve();
    }, 500);
  });
  // The server notices, rolls back and releases (or destroys) its connection.
  for (let i = 0; i < 50 && pool.totalCount - pool.idleCount > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(pool.totalCount - pool.idleCount).toBe(0);
  expect(await p.db.select().from(sample).where(eq(sample.projectId, id))).toEqual([]);
  // The endpoint still works.
  expect((await post(id, Readable.from(lines(10, () => 'v1')))).body).toMatchObject({ inserted: 10 });
});

test('a strategy changed while an ingest streams: its rows are stored scored by the new one', async () => {
  const id = (await projectWithMembers(engineer, [], { selectionStrategy: 'least_confidence' })).id;
  // A sample already there: the re-scoring job the change queues handles it, not the ingest.
  await post(id, Readable.from(lines(1, () => 'v0')));
  const body = new PassThrough();
  const posting = post(id, body);
  for (const chunk of lines(200, () => 'v1')) body.write(chunk);
  // The request has scored its lines under least_confidence and is COPYing them.
  await eventually(async () => {
    const r = await p.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where query like 'copy ingest_staging%' and state = 'active'`);
    return r.rows[0]!.n > 0;
  }, 15_000, 'the COPY to start');
  await engineer.patch(`${API}/projects/${id}`).send({ selectionStrategy: 'margin' }).expect(200);
  body.end();
  expect(await posting).toMatchObject({ status: 200, body: { inserted: 199, updated: 1 } });
  const rows = await p.db.select({ probs: sample.modelProbs, predictions: sample.predictions, uncertainty: sample.uncertainty }).from(sample).where(eq(sample.projectId, id));
  expect(rows).toHaveLength(200);
  const off = rows.filter((r) => Math.abs(r.uncertainty - selectionScore('margin', { probs: r.probs, passes: r.predictions })) > 1e-6);
  expect(off).toEqual([]);
  // Binary least confidence and margin differ for every prediction that is not 0 or 1.
  expect(rows.filter((r) => Math.abs(r.uncertainty - selectionScore('least_confidence', { probs: r.probs })) > 1e-6).length).toBeGreaterThan(150);
});
