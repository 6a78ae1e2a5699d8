import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
  expect(JSON.parse(stdout.trim())).toMatchObject({ received: 2, inserted: 2, unchanged: 0, rejected: 0, chunks: 1 });
  stdout = '';
  expect(await quorum('ingest', '--project', projectId, '--file', file)).toBe(0);
  expect(JSON.parse(stdout.trim())).toMatchObject({ inserted: 0, unchanged: 2 });
});

test('export refuses a candidate version, then writes an approved one atomically, whole or one split, with its card', async () => {
  await selectItems(p.ctx, projectId);
  await p.db.update(item).set({ status: 'settled', finalLabel: 'match', decidedBy: 'expert', settledAt: new Date() }).where(eq(item.projectId, projectId));
  const version = (await mergeDataset(p.ctx, projectId))!;
  const out = path.join(dir, 'v1.jsonl');
  const exportArgs = ['export', '--project', projectId, '--format', 'jsonl', '-o', out];
  expect(await quorum(...exportArgs, '--version', 'latest')).toBe(2);
  expect(stderr).toMatch(/no approved version yet/);
  stderr = '';
  expect(await quorum(...exportArgs, '--version', version.id)).toBe(1);
  expect(stderr).toMatch(/only approved versions can be exported/);
  expect(readdirSync(dir).filter((f) => f.includes('v1.jsonl'))).toEqual([]);

  const engineer = await p.login('cli-eng@t.test');
  await engineer.post(`/api/v1/dataset-versions/${version.id}/approve`).send({}).expect(200);
  expect(await quorum(...exportArgs, '--version', 'latest', '--card')).toBe(0);
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { external_id: string; label: string; split: string });
  expect(rows.map((r) => [r.external_id, r.label]).sort()).toEqual([['ext-1', 'match'], ['ext-2', 'match']]);
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ file: out, version: 1, rows: 2, contentHash: version.contentHash });
  expect(JSON.parse(readFileSync(`${out}.card.json`, 'utf8'))).toMatchObject({ version: 1, rows: 2, contentHash: { value: version.contentHash } });
  expect(readFileSync(`${out}.card.md`, 'utf8')).toContain(version.contentHash);
  expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

  const split = rows[0]!.split;
  const csv = path.join(dir, 'one-split.csv');
  expect(await quorum('export', '--project', projectId, '--version', '1', '--format', 'csv', '--split', split, '-o', csv)).toBe(0);
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  expect(lines[0]).toMatch(/^id,external_id,sample_id,/);
  expect(lines.slice(1)).toHaveLength(rows.filter((r) => r.split === split).length);
  const parquet = path.join(dir, 'v1.parquet');
  expect(await quorum('export', '--project', projectId, '--version', version.id, '--format', 'parquet', '-o', parquet)).toBe(0);
  expect(readFileSync(parquet).subarray(0, 4).toString()).toBe('PAR1');
});

test('a download cut short leaves no file under the final name', async () => {
  // A server that answers like the API, then dies half way through the rows.
  const version = { id: '00000000-0000-4000-8000-000000000001', number: 7, status: 'approved' };
  const fake = http.createServer((req, res) => {
    if (req.url!.endsWith('/dataset-versions')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ versions: [version] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-row-count': '1000', 'x-content-hash': 'abc' });
    res.write(`${'{"id":"x"}\n'.repeat(400)}`);
    setTimeout(() => res.socket!.destroy(), 50);
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  const out = path.join(dir, 'cut.jsonl');
  writeFileSync(out, 'an older export stays as it was\n');
  const code = await run(['node', 'quorum', 'export', '--project', projectId, '--version', 'latest', '-o', out, '--url', url, '--token', 't']);
  await new Promise((resolve) => fake.close(resolve));
  expect(code).toBe(1);
  expect(readFileSync(out, 'utf8')).toBe('an older export stays as it was\n');
  expect(readdirSync(dir).filter((f) => f.includes('cut.jsonl'))).toEqual(['cut.jsonl']);
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
