import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { item, sample } from '@quorum/db';
import { mergeDataset, selectItems } from '@quorum/services';
import { pair, projectWithMembers, startPlatform, type Platform } from '../../api/test/support/platform';
import { run } from '../src/program';

// The CLI against a real API: ingest with line-numbered errors across chunks, idempotent
// re-runs, and an atomic export of an approved version.
let p: Platform;
let token: string;
let projectId: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-cli-'));
let stderr = '';
let stdout = '';

beforeAll(async () => {
  p = await startPlatform();
  await p.users([{ email: 'cli-eng@t.test', role: 'engineer' }]);
  const engineer = await p.login('cli-eng@t.test');
  projectId = (await projectWithMembers(engineer, [])).id;
  token = (await engineer.post('/api/v1/tokens').send({ name: 'cli' }).expect(201)).body.secret;
  jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
});
afterAll(async () => {
  jest.restoreAllMocks();
  await p.close();
});
beforeEach(() => {
  stderr = '';
  stdout = '';
});

const quorum = (...args: string[]) => run(['node', 'quorum', ...args, '--url', p.baseUrl, '--token', token]);

test('ingest reports a bad record by its line in the file and writes nothing', async () => {
  const file = path.join(dir, 'bad.ndjson');
  writeFileSync(file, [pair(1), pair(2), { ...pair(3), modelProbs: { match: 0.7, no_match: 0.7 } }].map((r) => JSON.stringify(r)).join('\n'));
  expect(await quorum('ingest', '--project', projectId, '--file', file)).toBe(2);
  expect(stderr).toMatch(/line 3: modelProbs/);
  expect(await p.db.select().from(sample).where(eq(sample.projectId, projectId))).toHaveLength(0);
});

test('ingest sends a file and is idempotent when run again', async () => {
  const file = path.join(dir, 'good.ndjson');
  writeFileSync(file, `${[pair(1), pair(2)].map((r) => JSON.stringify(r)).join('\n')}\n`);
  expect(await quorum('ingest', '--project', projectId, '--file', file)).toBe(0);
  expect(JSON.parse(stdout.trim())).toEqual({ received: 2, inserted: 2, duplicates: 0, gold: 0, chunks: 1 });
  stdout = '';
  expect(await quorum('ingest', '--project', projectId, '--file', file)).toBe(0);
  expect(JSON.parse(stdout.trim())).toMatchObject({ inserted: 0, duplicates: 2 });
});

test('export refuses a candidate version, then writes an approved one atomically', async () => {
  await selectItems(p.ctx, projectId);
  await p.db.update(item).set({ status: 'settled', finalLabel: 'match', decidedBy: 'expert', settledAt: new Date() }).where(eq(item.projectId, projectId));
  const version = (await mergeDataset(p.ctx, projectId))!;
  const out = path.join(dir, 'v1.jsonl');
  expect(await quorum('export', '--version', version.id, '-o', out)).toBe(1);
  expect(stderr).toMatch(/only approved versions can be exported/);
  expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);

  const engineer = await p.login('cli-eng@t.test');
  await engineer.post(`/api/v1/dataset-versions/${version.id}/approve`).send({}).expect(200);
  expect(await quorum('export', '--version', version.id, '-o', out)).toBe(0);
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { externalId: string; label: string });
  expect(rows.map((r) => [r.externalId, r.label])).toEqual([['ext-1', 'match'], ['ext-2', 'match']]);
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ file: out, rows: 2, contentHash: version.contentHash });
  expect(existsSync(`${out}.partial`)).toBe(false);
});

test('create-user makes a first engineer who can log in; bad input names the field', async () => {
  const args = ['node', 'quorum', 'create-user', '--database-url', p.databaseUrl, '--email', 'First@Prod.test', '--name', 'First', '--role', 'engineer'];
  expect(await run([...args, '--password', 'short'])).toBe(1);
  expect(stderr).toMatch(/password: password must be at least 10 characters/);
  expect(await run([...args, '--password', 'a long enough password'])).toBe(0);
  expect(JSON.parse(stdout.trim())).toMatchObject({ email: 'first@prod.test', role: 'engineer' });
  await p.anonymous().post('/api/v1/auth/login').send({ email: 'first@prod.test', password: 'a long enough password' }).expect(200);
  stderr = '';
  expect(await run([...args, '--password', 'a long enough password'])).toBe(1);
  expect(stderr).toMatch(/already exists/);
});
