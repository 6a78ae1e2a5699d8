import { gzipSync } from 'node:zlib';
import { and, asc, eq } from 'drizzle-orm';
import { goldAnswer, item, sample, sampleRevision } from '@quorum/db';
import { API, expectError, logins, NOWHERE } from './support/http';
import { projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// POST /projects/:projectId/samples: NDJSON (streamed, gzip) or a JSON array; idempotent with
// revisions; all or nothing by default, partial on request.
jest.setTimeout(60_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent;
let labeller: Agent;
beforeAll(async () => {
  p = await startPlatform();
  await p.users([
    { email: 'in-eng@t.test', role: 'engineer' },
    { email: 'in-stranger@t.test', role: 'engineer' },
    { email: 'in-lab@t.test', role: 'labeller' },
  ]);
  [engineer, stranger, labeller] = await logins(p, ['in-eng@t.test', 'in-stranger@t.test', 'in-lab@t.test'] as const);
});
afterAll(async () => p.close());

const fresh = async (config: Record<string, unknown> = {}) => (await projectWithMembers(engineer, ['in-lab@t.test'], config)).id;
const samplesUrl = (id: string, query = '') => `${API}/projects/${id}/samples${query}`;
const line = (n: number, over: Record<string, unknown> = {}) => ({
  external_id: `ext-${n}`,
  text_a: `I need help with task number ${n}`,
  text_b: `I can help with task number ${n}`,
  prediction: { match: 0.5, no_match: 0.5 },
  ...over,
});
const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const postNdjson = (id: string, body: string | Buffer, query = '') => engineer.post(samplesUrl(id, query)).set('Content-Type', 'application/x-ndjson').send(body);
const sampleOf = async (id: string, ext: string) => (await p.db.select().from(sample).where(and(eq(sample.projectId, id), eq(sample.externalId, ext))))[0]!;
const samplesIn = async (id: string) => p.db.select().from(sample).where(eq(sample.projectId, id)).orderBy(asc(sample.externalId));
const revisionsOf = async (sampleId: string) => p.db.select().from(sampleRevision).where(eq(sampleRevision.sampleId, sampleId)).orderBy(asc(sampleRevision.replacedAt));
const counts = (over: Record<string, unknown> = {}) => ({ received: 0, inserted: 0, updated: 0, unchanged: 0, superseded: 0, rejected: 0, gold: 0, errors: [], ...over });

describe('happy paths', () => {
  test('NDJSON lines become samples with everything selection needs', async () => {
    const id = await fresh();
    const passes = [{ match: 0.9, no_match: 0.1 }, { match: 0.2, no_match: 0.8 }];
    const body = ndjson([line(1, { prediction: { match: 0.7, no_match: 0.3 }, model_version: 'v7', metadata: { src: 'prod', n: 1 } }), line(2, { prediction: 0.2, predictions: passes })]);
    expect((await postNdjson(id, body).expect(200)).body).toEqual(counts({ received: 2, inserted: 2 }));
    const [one, two] = await samplesIn(id);
    expect(one).toMatchObject({ externalId: 'ext-1', modelLabel: 'match', modelProbs: { match: 0.7, no_match: 0.3 }, modelVersion: 'v7', metadata: { n: 1, src: 'prod' }, predictions: null, pooled: true });
    expect(one!.modelConfidence).toBeCloseTo(0.7, 6);
    expect(one!.uncertainty).toBeCloseTo(0.8813, 3); // entropy (the default strategy) of 0.7 / 0.3, in bits
    expect(one!.pairKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(one!.contentHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A single score is the probability of the project's first label.
    expect(two).toMatchObject({ modelLabel: 'no_match', modelProbs: { match: 0.2, no_match: 0.8 }, predictions: passes });
    expect((await engineer.get(`${API}/projects/${id}/stats`).expect(200)).body.counts.samples).toBe(2);
  });

  test('a JSON array, blank lines, CRLF and a BOM; camelCase names of the first format still work', async () => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).send([line(1), { externalId: 'ext-2', textA: 'a cat', textB: 'pet sitting', modelProbs: { match: 0.1, no_match: 0.9 } }]).expect(200);
    expect(res.body).toMatchObject({ received: 2, inserted: 2 });
    const body = `\uFEFF${JSON.stringify(line(3))}\r\n\r\n   \r\n${JSON.stringify(line(4))}\r\n`;
    expect((await postNdjson(id, body).expect(200)).body).toMatchObject({ received: 2, inserted: 2 });
    expect((await samplesIn(id)).map((s) => s.externalId)).toEqual(['ext-1', 'ext-2', 'ext-3', 'ext-4']);
  });

  test('a gzip body (Content-Encoding: gzip)', async () => {
    const id = await fresh();
    const body = gzipSync(ndjson(Array.from({ length: 500 }, (_, i) => line(i))));
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').set('Content-Encoding', 'gzip').send(body).expect(200);
    expect(res.body).toMatchObject({ received: 500, inserted: 500 });
  });

  test('gold_label lines become gold items with their answer, once', async () => {
    const id = await fresh();
    expect((await postNdjson(id, ndjson([line(1, { gold_label: 'no_match' }), line(2), line(3, { gold_label: 'match' })])).expect(200)).body).toMatchObject({ inserted: 3, gold: 2 });
    const gold = await p.db
      .select({ ext: sample.externalId, status: item.status, overlap: item.overlap, answer: goldAnswer.label, source: goldAnswer.source, pooled: sample.pooled })
      .from(item)
      .innerJoin(sample, eq(sample.id, item.sampleId))
      .innerJoin(goldAnswer, eq(goldAnswer.itemId, item.id))
      .where(eq(item.projectId, id))
      .orderBy(sample.externalId);
    expect(gold).toEqual([
      { ext: 'ext-1', status: 'gold', overlap: null, answer: 'no_match', source: 'import', pooled: false },
      { ext: 'ext-3', status: 'gold', overlap: null, answer: 'match', source: 'import', pooled: false },
    ]);
    expect((await postNdjson(id, JSON.stringify(line(1, { gold_label: 'no_match' }))).expect(200)).body).toMatchObject({ unchanged: 1, gold: 0 });
    expect(await p.db.select().from(item).where(eq(item.projectId, id))).toHaveLength(2);
  });

  test('the same external id in two projects is two samples', async () => {
    const [a, b] = [await fresh(), await fresh()];
    await postNdjson(a, JSON.stringify(line(1))).expect(200);
    expect((await postNdjson(b, JSON.stringify(line(1))).expect(200)).body.inserted).toBe(1);
  });
});

describe('idempotent re-ingest', () => {
  test('the same content again changes nothing and keeps no revision', async () => {
    const id = await fresh();
    const body = ndjson([line(1, { metadata: { a: 1, b: 2 } }), line(2)]);
    await postNdjson(id, body).expect(200);
    const before = await samplesIn(id);
    // Same content with keys in another order and the camelCase names: still the same.
    const again = ndjson([{ metadata: { b: 2, a: 1 }, prediction: { no_match: 0.5, match: 0.5 }, text_b: line(1).text_b, text_a: line(1).text_a, external_id: 'ext-1' }, { externalId: 'ext-2', textA: line(2).text_a, textB: line(2).text_b, modelProbs: { match: 0.5, no_match: 0.5 } }]);
    expect((await postNdjson(id, again).expect(200)).body).toEqual(counts({ received: 2, unchanged: 2 }));
    expect(await samplesIn(id)).toEqual(before);
    expect(await p.db.select().from(sampleRevision)).toHaveLength(0);
  });

  test('a changed prediction or model version updates the sample and keeps the old one as a revision', async () => {
    const id = await fresh();
    await postNdjson(id, ndjson([line(1, { prediction: 0.9, model_version: 'v1' }), line(2, { model_version: 'v1' }), line(3, { model_version: 'v1' })])).expect(200);
    const first = await sampleOf(id, 'ext-1');
    const res = await postNdjson(id, ndjson([line(1, { prediction: 0.6, model_version: 'v1' }), line(2, { model_version: 'v2' }), line(3, { model_version: 'v1' }), line(4)])).expect(200);
    expect(res.body).toEqual(counts({ received: 4, inserted: 1, updated: 2, unchanged: 1 }));
    const now = await sampleOf(id, 'ext-1');
    expect(now).toMatchObject({ id: first.id, modelProbs: { match: 0.6, no_match: 0.4 }, modelVersion: 'v1', ingestedAt: first.ingestedAt });
    expect(now.contentHash).not.toBe(first.contentHash);
    expect(now.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    expect(now.modelConfidence).toBeCloseTo(0.6, 6);
    expect(await revisionsOf(first.id)).toEqual([
      expect.objectContaining({ modelProbs: { match: 0.9, no_match: 0.1 }, modelVersion: 'v1', contentHash: first.contentHash, ingestedAt: first.updatedAt, textA: first.textA }),
    ]);
    expect(await revisionsOf((await sampleOf(id, 'ext-2')).id)).toEqual([expect.objectContaining({ modelVersion: 'v1' })]);
    expect(await revisionsOf((await sampleOf(id, 'ext-3')).id)).toEqual([]);
    // A third version: history grows, the newest is on the sample.
    await postNdjson(id, JSON.stringify(line(1, { prediction: 0.1, model_version: 'v3' }))).expect(200);
    expect((await revisionsOf(first.id)).map((r) => r.modelVersion)).toEqual(['v1', 'v1']);
    expect(await sampleOf(id, 'ext-1')).toMatchObject({ modelVersion: 'v3', modelLabel: 'no_match' });
  });

  test('a sample that became an item keeps its item; the newer prediction is still stored', async () => {
    const id = await fresh();
    await postNdjson(id, JSON.stringify(line(1, { gold_label: 'match', model_version: 'v1' }))).expect(200);
    const [gold] = await p.db.select().from(item).where(eq(item.projectId, id));
    expect((await postNdjson(id, JSON.stringify(line(1, { gold_label: 'match', model_version: 'v2' }))).expect(200)).body).toMatchObject({ updated: 1, gold: 0 });
    expect(await p.db.select().from(item).where(eq(item.projectId, id))).toEqual([gold]);
    expect(await sampleOf(id, 'ext-1')).toMatchObject({ modelVersion: 'v2', pooled: false });
  });

  test('a skipped duplicate whose texts change goes back to the pool', async () => {
    const id = await fresh();
    await postNdjson(id, ndjson([line(1), line(2)])).expect(200);
    await p.db.update(sample).set({ pooled: false, skipReason: 'duplicate_pair' }).where(and(eq(sample.projectId, id), eq(sample.externalId, 'ext-2')));
    await postNdjson(id, ndjson([line(1, { model_version: 'v2' }), line(2, { text_a: 'a different question' })])).expect(200);
    expect(await sampleOf(id, 'ext-2')).toMatchObject({ pooled: true, skipReason: null, textA: 'a different question' });
  });

  test('the same external id twice in one request: the later line wins, nothing of the earlier is kept', async () => {
    const id = await fresh();
    const res = await postNdjson(id, ndjson([line(1, { model_version: 'early' }), line(2), line(1, { model_version: 'late' })])).expect(200);
    expect(res.body).toEqual(counts({ received: 3, inserted: 2, superseded: 1 }));
    expect(await sampleOf(id, 'ext-1')).toMatchObject({ modelVersion: 'late' });
    expect(await revisionsOf((await sampleOf(id, 'ext-1')).id)).toEqual([]);
  });

  test('two concurrent requests with overlapping ids both succeed, each id stored once', async () => {
    const id = await fresh();
    const a = ndjson(Array.from({ length: 3000 }, (_, i) => line(i, { model_version: 'a' })));
    const b = ndjson(Array.from({ length: 3000 }, (_, i) => line(i + 1500, { model_version: 'b' })));
    const [ra, rb] = await Promise.all([postNdjson(id, a), postNdjson(id, b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    // Whichever merged second found the overlap already there, with the other model version.
    expect(ra.body.inserted + rb.body.inserted).toBe(4500);
    expect(ra.body.updated + rb.body.updated).toBe(1500);
    expect(await samplesIn(id)).toHaveLength(4500);
  });
});

describe('bad input', () => {
  test('by default: 400 naming every bad line and field, and nothing written', async () => {
    const id = await fresh();
    const body = [JSON.stringify(line(1)), JSON.stringify(line(2, { text_a: '' })), JSON.stringify(line(3)), '{not json', JSON.stringify({ ...line(5), text_b: undefined, prediction: { match: 0.5, maybe: 0.5 } })].join('\n');
    const res = await postNdjson(id, body);
    expectError(res, 400, 'bad_request', 'text_a');
    expect(res.body.error.message).toBe('line 2: text_a: text_a is empty (3 of 5 lines invalid, nothing written)');
    expect(res.body.error.details).toEqual([
      { line: 2, field: 'text_a', message: 'text_a is empty' },
      { line: 4, field: '(line)', message: expect.stringMatching(/^not valid JSON/) },
      { line: 5, field: 'text_b', message: 'text_b is required' },
      { line: 5, field: 'prediction.maybe', message: "'maybe' is not in the label set (match, no_match)" },
    ]);
    expect(await samplesIn(id)).toEqual([]);
  });

  test('a JSON array reports its entries by position', async () => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).send([line(1), line(2, { prediction: { match: 0.5, no_match: 0.6 } }), 'text']);
    expectError(res, 400, 'bad_request', 'prediction');
    expect(res.body.error.details).toEqual([
      { line: 2, field: 'prediction', message: expect.stringMatching(/sum to 1/) },
      { line: 3, field: '(line)', message: 'each sample must be a JSON object, got a string' },
    ]);
  });

  test('at most 100 problems are listed; the message counts them all', async () => {
    const id = await fresh();
    const body = ndjson(Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? line(i) : line(i, { prediction: 2 }))));
    const res = await postNdjson(id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toHaveLength(100);
    expect(res.body.error.details[99]).toEqual({ line: 200, field: 'prediction', message: 'prediction must be between 0 and 1, got 2' });
    expect(res.body.error.message).toMatch(/\(200 of 400 lines invalid, nothing written\)$/);
    expect(await samplesIn(id)).toEqual([]);
  });

  test('partial=true writes the valid lines and returns the rejected ones', async () => {
    const id = await fresh();
    const body = ndjson([line(1), line(2, { text_b: 7 }), line(3, { gold_label: 'match' }), { nope: 1 }]);
    const res = await postNdjson(id, body, '?partial=true').expect(200);
    expect(res.body).toEqual(
      counts({
        received: 4,
        inserted: 2,
        gold: 1,
        rejected: 2,
        errors: [
          { line: 2, field: 'text_b', message: 'text_b must be a string, got a number' },
          { line: 4, field: 'external_id', message: 'external_id is required' },
          { line: 4, field: 'text_a', message: 'text_a is required' },
          { line: 4, field: 'text_b', message: 'text_b is required' },
          { line: 4, field: 'nope', message: "unknown field 'nope'" },
          { line: 4, field: 'prediction', message: expect.stringMatching(/^prediction is required/) },
        ],
      }),
    );
    expect((await samplesIn(id)).map((s) => s.externalId)).toEqual(['ext-1', 'ext-3']);
    // Every line bad: nothing to write, still a 200 with the report.
    expect((await postNdjson(id, '{}', '?partial=true').expect(200)).body).toMatchObject({ received: 1, rejected: 1, inserted: 0 });
    expectError(await postNdjson(id, JSON.stringify(line(9)), '?partial=yes'), 400, 'bad_request', 'partial');
  });

  test('a label outside the project, in any field', async () => {
    const id = await fresh();
    const res = await postNdjson(id, ndjson([line(1, { prediction: { match: 0.5, maybe: 0.5 } }), line(2, { model_label: 'maybe' }), line(3, { gold_label: 'perhaps' }), line(4, { predictions: [{ match: 1 }, { maybe: 1 }] })]));
    expect(res.body.error.details).toEqual([
      { line: 1, field: 'prediction.maybe', message: expect.stringMatching(/'maybe' is not in the label set/) },
      { line: 2, field: 'model_label', message: expect.stringMatching(/'maybe' is not in the label set/) },
      { line: 3, field: 'gold_label', message: expect.stringMatching(/'perhaps' is not in the label set/) },
      { line: 4, field: 'predictions.1.maybe', message: expect.stringMatching(/'maybe' is not in the label set/) },
    ]);
  });

  test('text over the project limit, NUL and broken unicode', async () => {
    const id = await fresh({ maxTextLength: 20 });
    const res = await postNdjson(id, [JSON.stringify(line(1, { text_a: 'x'.repeat(21), text_b: 'short' })), '{"external_id":"e2","text_a":"a\\u0000b","text_b":"c","prediction":0.5}', '{"external_id":"e3","text_a":"a\\ud800","text_b":"c","prediction":0.5}'].join('\n'));
    expect(res.body.error.details).toEqual([
      { line: 1, field: 'text_a', message: 'text_a is longer than 20 characters' },
      { line: 2, field: 'text_a', message: 'text_a contains a NUL character (U+0000), which cannot be stored' },
      { line: 3, field: 'text_a', message: 'text_a contains broken unicode (lone surrogate)' },
    ]);
  });

  test('bytes that are not UTF-8 are rejected on their line', async () => {
    const id = await fresh();
    const res = await postNdjson(id, Buffer.concat([Buffer.from(`${JSON.stringify(line(1))}\n{"external_id":"x`), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
    expect(res.body.error.details).toEqual([{ line: 2, field: '(line)', message: 'the line is not valid UTF-8' }]);
  });

  test.each([
    ['an empty body', '', 'text/plain', { line: 0, field: '(body)', message: 'no samples' }],
    ['only blank lines', '\n\n  \n', 'application/x-ndjson', { line: 0, field: '(body)', message: 'no samples' }],
    ['an empty array', '[]', 'application/json', { line: 0, field: '(body)', message: 'no samples' }],
    ['a broken JSON array', '[{"external_id": "x"', 'application/json', { line: 0, field: '(body)', message: expect.stringMatching(/not a valid JSON array/) }],
    ['a JSON object that is cut short', '{"external_id": "x"', 'application/json', { line: 1, field: '(line)', message: expect.stringMatching(/^not valid JSON/) }],
  ])('%s → 400 with its line and field', async (_what, body, type, detail) => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', type).send(body);
    expectError(res, 400, 'bad_request', detail.field);
    expect(res.body.error.details).toEqual([detail]);
  });

  test('a body that says gzip but is not, or an encoding we do not speak → 400', async () => {
    const id = await fresh();
    const notGzip = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').set('Content-Encoding', 'gzip').send(JSON.stringify(line(1)));
    expectError(notGzip, 400, 'bad_request', '(body)');
    expect(notGzip.body.error.message).toMatch(/not valid gzip/);
    expectError(await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').set('Content-Encoding', 'br').send('x'), 400, 'bad_request', '(body)');
    expect(await samplesIn(id)).toEqual([]);
  });
});

describe('who may ingest', () => {
  test('a project the caller is not a member of → 404, nothing written', async () => {
    const id = await fresh();
    expectError(await stranger.post(samplesUrl(id)).send([line(1)]), 404, 'not_found');
    expectError(await engineer.post(samplesUrl(NOWHERE)).send([line(1)]), 404, 'not_found');
    expect(await samplesIn(id)).toEqual([]);
  });

  test('a labeller member → 403; anonymous → 401; bad UUID → 400 projectId', async () => {
    const id = await fresh();
    expectError(await labeller.post(samplesUrl(id)).send([line(1)]), 403, 'forbidden');
    expectError(await p.anonymous().post(samplesUrl(id)).send([line(1)]), 401, 'unauthenticated');
    expectError(await engineer.post(samplesUrl('not-a-uuid')).send([line(1)]), 400, 'bad_request', 'projectId');
    expect(await samplesIn(id)).toEqual([]);
  });
});
