import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jobIds } from '@quorum/contracts';
import { API, asText, expectError, labelAndSubmit, logins, NOWHERE } from './support/http';
import { eventually, plantItems, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// Issue 5's round trip through the API with the real worker: merge → report → quarantine
// release / fix → next merge → approve → export (JSONL, CSV, Parquet) → diff, and rejection.
jest.setTimeout(90_000);
let p: Platform;
let engineer: Agent;
let stranger: Agent;
let labeller: Agent;
let expert: Agent;
let projectId: string;
type Version = { id: string; number: number; status: string; contentHash: string; parentId: string | null; rowCount: number; counts: Record<string, Record<string, number>>; report: Record<string, unknown> } & Record<string, unknown>;
let v1: Version;
let v2: Version;

const probs = { match: 0.5, no_match: 0.5 };
const SAMPLES = [
  { externalId: 'e1', textA: 'Looking for a cat sitter next week', textB: 'I offer pet sitting and dog walks', modelProbs: probs },
  { externalId: 'e2', textA: 'Need a plumber for a leaking kitchen tap', textB: 'Licensed electrician, rewiring done fast', modelProbs: { match: 0.4, no_match: 0.6 }, modelVersion: 'm-9' },
  { externalId: 'e3', textA: 'Maths tutor wanted for GCSE exams', textB: 'Private lessons in maths and physics', modelProbs: probs },
  { externalId: 'e4', textA: 'Two strong people to move a sofa', textB: 'Man with a van: removals and deliveries', modelProbs: probs },
  // e1 again after normalisation, answered the other way: a conflict, both quarantined.
  { externalId: 'e5', textA: 'looking for a CAT  sitter next week', textB: 'I offer pet sitting and dog walks', modelProbs: probs },
];
const NO_MATCH = new Set(['e2', 'e5']);
const answer = (a: { textA: string }) => (NO_MATCH.has(SAMPLES.find((s) => s.textA === a.textA)!.externalId) ? 'no_match' : 'match');

const stats = async () => (await engineer.get(`${API}/projects/${projectId}/stats`).expect(200)).body.counts;
const versionsUrl = `${API}/projects/\${projectId}/dataset-versions`;
const listVersions = async () => (await engineer.get(versionsUrl.replace('${projectId}', projectId)).expect(200)).body.versions as Version[];
const mergeAndWait = async (count: number) => {
  await engineer.post(versionsUrl.replace('${projectId}', projectId)).expect(202);
  return eventually(async () => {
    const vs = await listVersions();
    return vs.length === count && vs[0]!;
  }, 20_000, `version ${count}`);
};
const exportOf = (agent: Agent | ReturnType<Platform['anonymous']>, id: string, query = '') => agent.get(`${API}/dataset-versions/${id}/export${query}`).buffer(true).parse(asText);
const exportBytes = (id: string, query: string) =>
  engineer
    .get(`${API}/dataset-versions/${id}/export${query}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

/** RFC 4180 records (LF or CRLF line ends), for reading the CSV export back. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field), out.push(record), (record = []), (field = '');
    } else field += c;
  }
  return out;
}

beforeAll(async () => {
  p = await startPlatform({ worker: true });
  await p.users([
    { email: 'ds-eng@t.test', role: 'engineer', displayName: 'Dana Engineer' },
    { email: 'ds-stranger@t.test', role: 'engineer' },
    { email: 'ds-lab@t.test', role: 'labeller' },
    { email: 'ds-exp@t.test', role: 'expert' },
  ]);
  [engineer, stranger, labeller, expert] = await logins(p, ['ds-eng@t.test', 'ds-stranger@t.test', 'ds-lab@t.test', 'ds-exp@t.test'] as const);
  // One label per item settles it at once.
  projectId = (await projectWithMembers(engineer, ['ds-lab@t.test', 'ds-exp@t.test'], { overlap: 1, batchSize: 5, goldRatio: 0, readingTimeScale: 0.0001, aggregationMethod: 'majority' })).id;
  await engineer.post(`${API}/projects/${projectId}/samples`).send(SAMPLES).expect(200);
  // Selection takes one of e1 / e5 (the same normalised pair); the other is planted as an item.
  await eventually(async () => (await stats()).selected === 4, 15_000, 'selection');
  expect(await plantItems(p, projectId, ['e1', 'e5'])).toBe(1);
  expect((await stats()).selected).toBe(5);
  await labelAndSubmit(labeller, projectId, answer);
  await eventually(async () => (await stats()).settled === 5, 15_000, 'scoring and aggregation');
});
afterAll(async () => p.close());

describe('merge and its report', () => {
  test('the project takes dataset settings', async () => {
    const res = await engineer.post(`${API}/projects`).send({ name: 'settings', splitRatios: { train: 0.7, dev: 0.2, test: 0.1 }, symmetricPairs: true, nearDuplicateThreshold: 0.85 }).expect(201);
    expect(res.body.project).toMatchObject({ splitRatios: { train: 0.7, dev: 0.2, test: 0.1 }, symmetricPairs: true, nearDuplicateThreshold: 0.85, labelDriftThreshold: 0.1 });
    expectError(await engineer.post(`${API}/projects`).send({ name: 'bad', splitRatios: { train: 0.7, dev: 0.2, test: 0.2 } }), 400, 'bad_request', 'splitRatios');
  });

  test('a merge makes candidate 1: clean rows in, the conflicting pair quarantined, every finding counted', async () => {
    expect((await listVersions())).toEqual([]);
    v1 = await mergeAndWait(1);
    expect(v1).toMatchObject({ number: 1, parentId: null, status: 'candidate', rowCount: 3, addedCount: 3, removedCount: 0, relabelledCount: 0, quarantinedCount: 2, decidedBy: null });
    expect(v1.report).toMatchObject({ findingCounts: expect.objectContaining({ conflict: 2, duplicate: 0 }), quarantinedByCode: expect.objectContaining({ conflict: 2 }), findingsTotal: 2 });
    expect((v1.report.findings as { externalId: string; code: string }[]).map((f) => [f.externalId, f.code]).sort()).toEqual([['e1', 'conflict'], ['e5', 'conflict']]);
    expect((v1.report.drift as { label: string }[]).map((d) => d.label)).toEqual(['match', 'no_match']);
    const perSplit = Object.values(v1.counts).flatMap((x) => Object.values(x));
    expect(perSplit.reduce((a, b) => a + b, 0)).toBe(3);
    expect((await engineer.get(`${API}/dataset-versions/${v1.id}`).expect(200)).body).toEqual({ version: v1 });
    expect((await stats()).merged).toBe(3);
  });

  test('one candidate at a time: another merge is refused until it is decided; a candidate is not exported', async () => {
    expectError(await engineer.post(`${API}/projects/${projectId}/dataset-versions`), 409, 'conflict');
    expectError(await exportOf(engineer, v1.id), 409, 'conflict');
  });
});

describe('quarantine', () => {
  let rows: { id: string; externalId: string; codes: string[]; status: string; versionNumber: number; label: string }[];

  test('lists the open rows with their reason', async () => {
    rows = (await engineer.get(`${API}/projects/${projectId}/quarantine`).expect(200)).body.rows;
    expect(rows.map((r) => [r.externalId, r.codes, r.status, r.versionNumber, r.label])).toEqual([
      ['e1', ['conflict'], 'open', 1, 'match'],
      ['e5', ['conflict'], 'open', 1, 'no_match'],
    ]);
    expect((await engineer.get(`${API}/projects/${projectId}/quarantine?status=released`).expect(200)).body.rows).toEqual([]);
  });

  test('a fix is validated and names the field; release and fix decide a row once', async () => {
    const [e1, e5] = rows;
    expectError(await engineer.post(`${API}/quarantine/${e5!.id}/fix`).send({ label: 'maybe' }), 400, 'bad_request', 'label');
    expectError(await engineer.post(`${API}/quarantine/${e5!.id}/fix`).send({ textA: ' ' }), 400, 'bad_request', 'textA');
    expectError(await engineer.post(`${API}/quarantine/${e5!.id}/fix`).send({ textB: 'x'.repeat(10_001) }), 400, 'bad_request', 'textB');
    expectError(await engineer.post(`${API}/quarantine/${e5!.id}/fix`).send({ note: 'nothing' }), 400, 'bad_request', '(body)');
    const released = await engineer.post(`${API}/quarantine/${e1!.id}/release`).send({ note: 'the sitter reading is right' }).expect(200);
    expect(released.body.row).toMatchObject({ id: e1!.id, status: 'released', details: { note: 'the sitter reading is right', decidedBy: 'Dana Engineer' } });
    const fixed = await engineer.post(`${API}/quarantine/${e5!.id}/fix`).send({ textA: 'Looking for a dog walker on Sundays', note: 'a different request' }).expect(200);
    expect(fixed.body.row).toMatchObject({ status: 'fixed', textA: 'Looking for a dog walker on Sundays', label: 'no_match' });
    expectError(await engineer.post(`${API}/quarantine/${e1!.id}/fix`).send({ label: 'no_match' }), 409, 'conflict');
    expectError(await stranger.post(`${API}/quarantine/${e1!.id}/release`).send({}), 404, 'not_found');
    expectError(await labeller.post(`${API}/quarantine/${e1!.id}/release`).send({}), 403, 'forbidden');
    expectError(await engineer.post(`${API}/quarantine/${NOWHERE}/release`).send({}), 404, 'not_found');
  });
});

describe('approve, merge again, export', () => {
  test('approve records who and when; the next merge takes the released and fixed rows', async () => {
    const res = await engineer.post(`${API}/dataset-versions/${v1.id}/approve`).send({ note: 'checked' }).expect(200);
    expect(res.body.version).toMatchObject({ id: v1.id, status: 'approved', decidedBy: 'Dana Engineer', decisionNote: 'checked', decidedAt: expect.any(String) });
    expectError(await engineer.post(`${API}/dataset-versions/${v1.id}/approve`).send({}), 409, 'conflict');
    expectError(await engineer.post(`${API}/dataset-versions/${v1.id}/reject`).send({}), 409, 'conflict');
    v2 = await mergeAndWait(2);
    expect(v2).toMatchObject({ number: 2, parentId: v1.id, status: 'candidate', rowCount: 5, addedCount: 2, quarantinedCount: 0 });
    expect((await engineer.get(`${API}/projects/${projectId}/quarantine?status=all`).expect(200)).body.rows.map((r: { status: string }) => r.status)).toEqual(['released', 'fixed']);
    await engineer.post(`${API}/dataset-versions/${v2.id}/approve`).send({}).expect(200);
  });

  test('JSONL, CSV and Parquet hold the same rows, columns and values', async () => {
    const jsonl = await exportOf(engineer, v2.id, '?format=jsonl').expect(200);
    expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(jsonl.headers['content-disposition']).toBe(`attachment; filename="dataset-v2-${v2.contentHash.slice(0, 12)}.jsonl"`);
    expect(jsonl.headers['x-content-hash']).toBe(v2.contentHash);
    expect(jsonl.headers['x-row-count']).toBe('5');
    const text = jsonl.body as string;
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const columns = Object.keys(rows[0]!);
    expect(columns).toEqual([
      'id', 'external_id', 'sample_id', 'text_a', 'text_b', 'label', 'split', 'decided_by', 'agreement', 'posterior_match', 'posterior_no_match',
      'votes_match', 'votes_no_match', 'expert_note', 'model_label', 'model_version', 'model_prob_match', 'model_prob_no_match', 'batch_ids',
    ]);
    for (const r of rows) expect(Object.keys(r)).toEqual(columns);
    // Whole-number doubles keep a decimal point, as the Hugging Face JSON loader (pyarrow) needs.
    expect(lines[0]).toMatch(/"agreement":1\.0,/);
    expect(rows.map((r) => [r.external_id, r.label]).sort()).toEqual([['e1', 'match'], ['e2', 'no_match'], ['e3', 'match'], ['e4', 'match'], ['e5', 'no_match']]);
    expect(rows.find((r) => r.external_id === 'e5')).toMatchObject({ text_a: 'Looking for a dog walker on Sundays', votes_no_match: 1, votes_match: 0, decided_by: 'crowd' });
    expect(rows.find((r) => r.external_id === 'e2')).toMatchObject({ model_version: 'm-9', model_prob_no_match: 0.6, batch_ids: [expect.any(String)] });

    const csv = await exportOf(engineer, v2.id, '?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...records] = parseCsv(csv.body as string);
    expect(header).toEqual(columns);
    const fromCsv = records.map((rec) => Object.fromEntries(rec.map((v, i) => [header![i]!, v])));
    const asCsv = (v: unknown) => (v === null ? '' : Array.isArray(v) ? JSON.stringify(v) : String(v));
    expect(fromCsv).toEqual(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asCsv(v)]))));

    const parquet = await exportBytes(v2.id, '?format=parquet').expect(200);
    expect(parquet.headers['content-type']).toBe('application/vnd.apache.parquet');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-export-'));
    writeFileSync(path.join(dir, 'v2.parquet'), parquet.body as Buffer);
    const reader = path.join(__dirname, '../../../packages/services/test/export/read-parquet.mjs');
    const read = JSON.parse(execFileSync(process.execPath, [reader, path.join(dir, 'v2.parquet')], { encoding: 'utf8' })) as { rows: Record<string, unknown>[]; metadata: Record<string, string> };
    expect(read.rows).toEqual(rows);
    expect(JSON.parse(read.metadata['quorum.dataset_card']!)).toMatchObject({ version: 2, contentHash: { value: v2.contentHash } });
  });

  test('one split only, with its row count', async () => {
    for (const split of ['train', 'dev', 'test'] as const) {
      const res = await exportOf(engineer, v2.id, `?format=jsonl&split=${split}`).expect(200);
      const n = Object.values(v2.counts[split] ?? {}).reduce((a, b) => a + b, 0);
      expect(res.headers['x-row-count']).toBe(String(n));
      const got = (res.body as string).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { split: string });
      expect(got).toHaveLength(n);
      expect(got.every((r) => r.split === split)).toBe(true);
    }
    expectError(await engineer.get(`${API}/dataset-versions/${v2.id}/export?split=holdout`), 400, 'bad_request', 'split');
    expectError(await engineer.get(`${API}/dataset-versions/${v2.id}/export?format=xlsx`), 400, 'bad_request', 'format');
  });

  test('the dataset card, as JSON and as Markdown', async () => {
    const json = await engineer.get(`${API}/dataset-versions/${v2.id}/card?format=json`).expect(200);
    expect(json.body).toMatchObject({ schema: 'quorum.dataset-card/1', version: 2, rows: 5, contentHash: { algorithm: 'sha256', value: v2.contentHash }, parent: { version: 1, contentHash: v1.contentHash }, approval: { status: 'approved', decidedBy: 'Dana Engineer' }, decidedBy: { crowd: 5, expert: 0 } });
    const md = await engineer.get(`${API}/dataset-versions/${v2.id}/card?format=md`).buffer(true).parse(asText).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.body).toContain(`content hash (sha256) | \`${v2.contentHash}\``);
  });

  test('an API token exports; another project’s engineer gets 404; labeller or expert 403; anonymous 401', async () => {
    const { secret } = (await engineer.post(`${API}/tokens`).send({ name: 'trainer' }).expect(201)).body;
    const viaToken = await exportOf(p.anonymous(), v2.id).set('Authorization', `Bearer ${secret}`).expect(200);
    expect(viaToken.body).toBe((await exportOf(engineer, v2.id).expect(200)).body);
    for (const url of [`/dataset-versions/${v2.id}/export`, `/dataset-versions/${v2.id}/diff`, `/dataset-versions/${v2.id}/card`, `/projects/${projectId}/quarantine`, `/dataset-versions/${v2.id}`]) {
      expectError(await stranger.get(`${API}${url}`), 404, 'not_found');
      expectError(await labeller.get(`${API}${url}`), 403, 'forbidden');
      expectError(await expert.get(`${API}${url}`), 403, 'forbidden');
      expectError(await p.anonymous().get(`${API}${url}`), 401, 'unauthenticated');
    }
    expectError(await engineer.get(`${API}/dataset-versions/nope/export`), 400, 'bad_request', 'versionId');
    expectError(await engineer.get(`${API}/dataset-versions/${NOWHERE}/export`), 404, 'not_found');
  });
});

describe('diff and rejection', () => {
  test('diff against the parent by default, or any other version; filtered and paginated', async () => {
    const res = await engineer.get(`${API}/dataset-versions/${v2.id}/diff`).expect(200);
    expect(res.body).toMatchObject({ against: v1.id, summary: { added: 2, removed: 0, relabelled: 0, moved: 0 }, nextCursor: null });
    expect(res.body.rows.map((r: { externalId: string; kind: string; before: unknown; after: { label: string } }) => [r.externalId, r.kind, r.before, r.after.label]).sort()).toEqual([
      ['e1', 'added', null, 'match'],
      ['e5', 'added', null, 'no_match'],
    ]);
    const first = await engineer.get(`${API}/dataset-versions/${v2.id}/diff?limit=1`).expect(200);
    expect(first.body.rows).toHaveLength(1);
    const second = await engineer.get(`${API}/dataset-versions/${v2.id}/diff?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect([...first.body.rows, ...second.body.rows]).toEqual(res.body.rows);
    expect(second.body.nextCursor).toBeNull();
    const back = await engineer.get(`${API}/dataset-versions/${v1.id}/diff?against=${v2.id}`).expect(200);
    expect(back.body).toMatchObject({ against: v2.id, summary: { added: 0, removed: 2 } });
    const whole = await engineer.get(`${API}/dataset-versions/${v1.id}/diff`).expect(200);
    expect(whole.body).toMatchObject({ against: null, summary: { added: 3 } });
    expect((await engineer.get(`${API}/dataset-versions/${v2.id}/diff?kind=removed`).expect(200)).body.rows).toEqual([]);
    expectError(await engineer.get(`${API}/dataset-versions/${v2.id}/diff?kind=gone`), 400, 'bad_request', 'kind');
  });

  test('a rejected candidate leaves the lineage as it was; its items merge again', async () => {
    await engineer.post(`${API}/projects/${projectId}/samples`).send([{ externalId: 'e6', textA: 'Photographer for a small June wedding', textB: 'Portraits and events, fair prices', modelProbs: probs }]).expect(200);
    await eventually(async () => (await stats()).selected === 6, 15_000, 'selection');
    await labelAndSubmit(labeller, projectId, () => 'match');
    await eventually(async () => (await stats()).settled === 6, 15_000, 'settled');
    const v3 = await mergeAndWait(3);
    expect(v3).toMatchObject({ number: 3, parentId: v2.id, rowCount: 6, addedCount: 1 });
    const rejected = await engineer.post(`${API}/dataset-versions/${v3.id}/reject`).send({ note: ' not now ' }).expect(200);
    expect(rejected.body.version).toMatchObject({ status: 'rejected', decisionNote: 'not now', decidedBy: 'Dana Engineer' });
    expectError(await exportOf(engineer, v3.id), 409, 'conflict');
    expectError(await engineer.get(`${API}/dataset-versions/${v3.id}/diff`), 409, 'conflict');
    expect((await stats()).merged).toBe(5);
    const v4 = await mergeAndWait(4);
    expect(v4).toMatchObject({ number: 4, parentId: v2.id, rowCount: 6, contentHash: v3.contentHash });
    expect((await listVersions()).map((v) => [v.number, v.status])).toEqual([[4, 'candidate'], [3, 'rejected'], [2, 'approved'], [1, 'approved']]);
  });

  test('merge job ids are deterministic', () => {
    expect(jobIds.mergeDataset(projectId)).toBe(`merge-dataset-${projectId}`);
  });
});
