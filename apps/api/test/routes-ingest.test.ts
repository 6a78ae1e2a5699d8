import { and, eq } from 'drizzle-orm';
import { goldAnswer, item, sample } from '@quorum/db';
import { API, expectError, logins, NOWHERE } from './support/http';
import { pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// POST /projects/:projectId/samples: JSON array or NDJSON, idempotent, all or nothing.
jest.setTimeout(30_000);
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
const samplesUrl = (id: string) => `${API}/projects/${id}/samples`;
const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const sampleOf = async (id: string, ext: string) => (await p.db.select().from(sample).where(and(eq(sample.projectId, id), eq(sample.externalId, ext))))[0];
const stats = async (id: string) => (await engineer.get(`${API}/projects/${id}/stats`).expect(200)).body.counts;

describe('happy paths', () => {
  test('a JSON array is stored as samples', async () => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).send([pair(1, { match: 0.7, no_match: 0.3 }, { modelVersion: 'v7' }), pair(2)]).expect(200);
    expect(res.body).toEqual({ received: 2, inserted: 2, duplicates: 0, gold: 0 });
    const rows = await p.db.select().from(sample).where(eq(sample.projectId, id)).orderBy(sample.externalId);
    expect(rows.map((r) => ({ ext: r.externalId, a: r.textA, b: r.textB, label: r.modelLabel, probs: r.modelProbs, v: r.modelVersion }))).toEqual([
      { ext: 'ext-1', a: pair(1).textA, b: pair(1).textB, label: 'match', probs: { match: 0.7, no_match: 0.3 }, v: 'v7' },
      { ext: 'ext-2', a: pair(2).textA, b: pair(2).textB, label: 'match', probs: { match: 0.5, no_match: 0.5 }, v: null },
    ]);
    expect((await stats(id)).samples).toBe(2);
  });

  test('NDJSON (blank lines and a BOM ignored, CRLF accepted)', async () => {
    const id = await fresh();
    const body = `\uFEFF${JSON.stringify(pair(1))}\r\n\r\n${JSON.stringify(pair(2, { match: 0.1, no_match: 0.9 }))}\n${JSON.stringify(pair(3))}\n`;
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    expect(res.body).toEqual({ received: 3, inserted: 3, duplicates: 0, gold: 0 });
    expect(await sampleOf(id, 'ext-2')).toMatchObject({ textA: pair(2).textA, modelLabel: 'no_match', modelProbs: { match: 0.1, no_match: 0.9 } });
    expect((await stats(id)).samples).toBe(3);
  });

  test('re-sending the same body inserts nothing and counts duplicates; a mixed body inserts only the new ones', async () => {
    const id = await fresh();
    const body = ndjson([pair(1), pair(2)]);
    await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    const again = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    expect(again.body).toEqual({ received: 2, inserted: 0, duplicates: 2, gold: 0 });
    // A duplicate is left as it was: the first text wins.
    const mixed = await engineer.post(samplesUrl(id)).send([{ ...pair(2), textA: 'changed' }, pair(3)]).expect(200);
    expect(mixed.body).toEqual({ received: 2, inserted: 1, duplicates: 1, gold: 0 });
    expect((await sampleOf(id, 'ext-2'))!.textA).toBe(pair(2).textA);
    expect((await stats(id)).samples).toBe(3);
  });

  test('the same externalId in two projects is two samples', async () => {
    const [a, b] = [await fresh(), await fresh()];
    await engineer.post(samplesUrl(a)).send([pair(1)]).expect(200);
    expect((await engineer.post(samplesUrl(b)).send([pair(1)]).expect(200)).body.inserted).toBe(1);
  });

  test('records with goldLabel become gold items with their answer', async () => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).send([pair(1, undefined, { goldLabel: 'no_match' }), pair(2), pair(3, undefined, { goldLabel: 'match' })]).expect(200);
    expect(res.body).toEqual({ received: 3, inserted: 3, duplicates: 0, gold: 2 });
    const gold = await p.db
      .select({ ext: sample.externalId, status: item.status, overlap: item.overlap, answer: goldAnswer.label, source: goldAnswer.source })
      .from(item)
      .innerJoin(sample, eq(sample.id, item.sampleId))
      .innerJoin(goldAnswer, eq(goldAnswer.itemId, item.id))
      .where(eq(item.projectId, id))
      .orderBy(sample.externalId);
    expect(gold).toEqual([
      { ext: 'ext-1', status: 'gold', overlap: null, answer: 'no_match', source: 'import' },
      { ext: 'ext-3', status: 'gold', overlap: null, answer: 'match', source: 'import' },
    ]);
    expect(await stats(id)).toMatchObject({ samples: 3, gold: 2, selected: 0 });
    // Re-sending gold records makes no second gold item.
    expect((await engineer.post(samplesUrl(id)).send([pair(1, undefined, { goldLabel: 'no_match' })]).expect(200)).body).toEqual({ received: 1, inserted: 0, duplicates: 1, gold: 0 });
    expect((await stats(id)).gold).toBe(2);
  });
});

describe('bad input: 400 with every bad line, and nothing written', () => {
  test('one bad NDJSON line among good ones', async () => {
    const id = await fresh();
    const body = [JSON.stringify(pair(1)), JSON.stringify({ ...pair(2), textA: '' }), JSON.stringify(pair(3)), '{not json', JSON.stringify({ ...pair(5), textB: undefined })].join('\n');
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').send(body);
    expectError(res, 400, 'bad_request', 'textA');
    expect(res.body.error.message).toMatch(/^line 2: textA/);
    expect(res.body.error.details).toEqual([
      { line: 2, field: 'textA', message: 'textA is empty' },
      { line: 4, field: '(line)', message: expect.stringMatching(/^not valid JSON/) },
      { line: 5, field: 'textB', message: 'textB is required' },
    ]);
    expect((await stats(id)).samples).toBe(0);
  });

  test('a JSON array reports its entries by position', async () => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).send([pair(1), { ...pair(2), modelProbs: { match: 0.5, no_match: 0.6 } }, 'text']);
    expectError(res, 400, 'bad_request', 'modelProbs');
    expect(res.body.error.details).toEqual([
      { line: 2, field: 'modelProbs', message: expect.stringMatching(/sum to 1/) },
      { line: 3, field: '(line)', message: expect.stringMatching(/must be a JSON object/) },
    ]);
    expect((await stats(id)).samples).toBe(0);
  });

  test('an unknown label in modelProbs, modelLabel or goldLabel', async () => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).send([
      pair(1, { match: 0.5, maybe: 0.5 } as never),
      pair(2, undefined, { modelLabel: 'maybe' }),
      pair(3, undefined, { goldLabel: 'perhaps' }),
    ]);
    expectError(res, 400, 'bad_request', 'modelProbs.maybe');
    expect(res.body.error.details).toEqual([
      { line: 1, field: 'modelProbs.maybe', message: expect.stringMatching(/'maybe' is not in the label set/) },
      { line: 2, field: 'modelLabel', message: expect.stringMatching(/'maybe' is not in the label set/) },
      { line: 3, field: 'goldLabel', message: expect.stringMatching(/'perhaps' is not in the label set/) },
    ]);
    expect((await stats(id)).samples).toBe(0);
  });

  test('a duplicate externalId inside one body, an unknown field, a text over the limit', async () => {
    const id = await fresh({ maxTextLength: 20 });
    const short = (n: number) => ({ ...pair(n), textA: `a${n}`, textB: `b${n}` });
    const res = await engineer.post(samplesUrl(id)).send([short(1), short(1), { ...short(3), colour: 'red' }, { ...short(4), textB: 'x'.repeat(21) }]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { line: 2, field: 'externalId', message: "duplicate externalId 'ext-1' (first on line 1)" },
      { line: 3, field: 'colour', message: "unknown field 'colour'" },
      { line: 4, field: 'textB', message: 'textB is longer than 20 characters' },
    ]);
    expect((await stats(id)).samples).toBe(0);
  });

  test.each([
    ['an empty body', '', 'text/plain', { line: 0, field: '(body)', message: 'no samples' }],
    ['only blank lines', '\n\n  \n', 'application/x-ndjson', { line: 0, field: '(body)', message: 'no samples' }],
    ['an empty array', '[]', 'application/json', { line: 0, field: '(body)', message: 'no samples' }],
    ['a broken JSON array', '[{"externalId": "x"', 'application/json', { line: 0, field: '(body)', message: expect.stringMatching(/not a valid JSON array/) }],
    ['a JSON object that is cut short', '{"externalId": "x"', 'application/json', { line: 1, field: '(line)', message: expect.stringMatching(/^not valid JSON/) }],
  ])('%s → 400 with its line and field', async (_what, body, type, detail) => {
    const id = await fresh();
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', type).send(body);
    expectError(res, 400, 'bad_request', detail.field);
    expect(res.body.error.details).toEqual([detail]);
    expect((await stats(id)).samples).toBe(0);
  });

  test('more than 10,000 records → 400 before parsing', async () => {
    const id = await fresh();
    const body = Array.from({ length: 10_001 }, (_, i) => `{"externalId":"e${i}"}`).join('\n');
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').send(body);
    expectError(res, 400, 'bad_request', '(body)');
    expect(res.body.error.message).toMatch(/too many samples: 10001/);
  });

  test('a body over the size limit → 413, nothing written', async () => {
    const id = await fresh();
    const big = Buffer.alloc(51 * 1024 * 1024, 'a');
    const res = await engineer.post(samplesUrl(id)).set('Content-Type', 'application/x-ndjson').send(big);
    expectError(res, 413, 'payload_too_large');
    expect((await stats(id)).samples).toBe(0);
  });
});

describe('who may ingest', () => {
  test('a project the caller is not a member of → 404, nothing written', async () => {
    const id = await fresh();
    expectError(await stranger.post(samplesUrl(id)).send([pair(1)]), 404, 'not_found');
    expectError(await engineer.post(samplesUrl(NOWHERE)).send([pair(1)]), 404, 'not_found');
    expect((await stats(id)).samples).toBe(0);
  });

  test('a labeller member → 403; anonymous → 401; bad UUID → 400 projectId', async () => {
    const id = await fresh();
    expectError(await labeller.post(samplesUrl(id)).send([pair(1)]), 403, 'forbidden');
    expectError(await p.anonymous().post(samplesUrl(id)).send([pair(1)]), 401, 'unauthenticated');
    expectError(await engineer.post(samplesUrl('not-a-uuid')).send([pair(1)]), 400, 'bad_request', 'projectId');
    expect((await stats(id)).samples).toBe(0);
  });
});
