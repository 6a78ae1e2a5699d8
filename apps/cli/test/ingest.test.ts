import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { sample } from '@quorum/db';
import { projectWithMembers, startPlatform, type Platform } from '../../api/test/support/platform';

// `quorum ingest FILE` as a child process against the real API, through a TCP proxy that can
// drop connections: chunks with file line numbers, retries after a dropped request, and a resume
// from the checkpoint after the server went away mid-run.
jest.setTimeout(180_000);
let p: Platform;
let token: string;
let engineer: Awaited<ReturnType<Platform['login']>>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-cli-ingest-'));
const root = path.resolve(__dirname, '../../..');

beforeAll(async () => {
  p = await startPlatform();
  await p.users([{ email: 'cli-in@t.test', role: 'engineer' }]);
  engineer = await p.login('cli-in@t.test');
  token = (await engineer.post('/api/v1/tokens').send({ name: 'cli' }).expect(201)).body.secret;
});
afterAll(async () => p.close());

const line = (n: number, over: Record<string, unknown> = {}) => JSON.stringify({ external_id: `f-${n}`, text_a: `Looking for help with job ${n}`, text_b: `Offering help with job ${n}`, prediction: (n % 10) / 10, ...over });
const countIn = async (projectId: string) => (await p.db.select({ n: sql<number>`count(*)::int` }).from(sample).where(eq(sample.projectId, projectId)))[0]!.n;

/** Runs the real `quorum` entry point in a child process. */
function quorum(args: string[], url = p.baseUrl): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/cli/src/main.ts'), ...args, '--url', url, '--token', token], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * A TCP proxy to the API that counts ingest requests and, on request, breaks the Nth one off
 * mid-body (`dropRequest`) or goes away for good from the Nth on (`downFrom`).
 */
async function proxy(opts: { dropRequest?: number; downFrom?: number; port?: number }) {
  let requests = 0;
  let down = false;
  const sockets = new Set<net.Socket>();
  const target = new URL(p.baseUrl);
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data: Buffer) => {
      const starts = data.toString('latin1').split('POST /api/v1/projects/').length - 1;
      requests += starts;
      if (starts > 0 && opts.downFrom !== undefined && requests >= opts.downFrom) {
        down = true;
        for (const s of sockets) s.destroy();
        return;
      }
      if (starts > 0 && requests === opts.dropRequest) {
        // Half of what the client sent reaches the server, then the connection breaks.
        upstream.write(data.subarray(0, data.length >> 1));
        setTimeout(cut, 20);
        return;
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('streams a file in chunks; bad lines are named by their line in the file, nothing of their chunk written', async () => {
  const projectId = (await projectWithMembers(engineer, [])).id;
  const file = path.join(dir, 'bad.ndjson');
  const lines = Array.from({ length: 25 }, (_, i) => line(i + 1));
  lines[16] = line(17, { prediction: { match: 0.7, no_match: 0.7 } });
  lines[18] = '';
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = await quorum(['ingest', file, '--project', projectId, '--chunk-lines', '10']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/quorum: line 17: prediction: prediction must sum to 1/);
  // Chunks 1–10 went in; 11–20 held line 17 and wrote nothing; the run stopped there.
  expect(await countIn(projectId)).toBe(10);

  const partial = await quorum(['ingest', file, '--project', projectId, '--chunk-lines', '10', '--partial', '--no-resume']);
  expect(partial.code).toBe(0);
  expect(partial.stderr).toMatch(/rejected line 17: prediction: /);
  expect(JSON.parse(partial.stdout.trim())).toMatchObject({ received: 24, inserted: 13, unchanged: 10, rejected: 1, chunks: 3, resumedFromLine: 1 });
  expect(await countIn(projectId)).toBe(23);
});

test('a request dropped mid-body is retried and the run completes', async () => {
  const projectId = (await projectWithMembers(engineer, [])).id;
  const file = path.join(dir, 'retry.ndjson');
  writeFileSync(file, Array.from({ length: 3000 }, (_, i) => line(i + 1)).join('\n'));
  const px = await proxy({ dropRequest: 2 });
  try {
    const r = await quorum(['ingest', file, '--project', projectId, '--chunk-lines', '1000', '--retry-delay', '50'], px.url);
    expect(r.stderr).toMatch(/retry 1\/8/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ received: 3000, inserted: 3000, chunks: 3 });
    expect(px.requests()).toBe(4);
  } finally {
    await px.close();
  }
  expect(await countIn(projectId)).toBe(3000);
  expect(existsSync(`${file}.quorum-ingest.json`)).toBe(false);
});

test('after the server goes away mid-run, running the same command again resumes at the checkpoint', async () => {
  const projectId = (await projectWithMembers(engineer, [])).id;
  const file = path.join(dir, 'resume.ndjson');
  writeFileSync(file, `${Array.from({ length: 10_000 }, (_, i) => line(i + 1)).join('\n')}\n`);
  const px = await proxy({ downFrom: 4 });
  let first;
  try {
    first = await quorum(['ingest', file, '--project', projectId, '--chunk-lines', '1000', '--retries', '2', '--retry-delay', '20'], px.url);
  } finally {
    await px.close();
  }
  expect(first.code).toBe(1);
  expect(first.stderr).toMatch(/after 3 attempts; lines before 3001 are ingested: run the same command again to resume there/);
  const checkpoint = JSON.parse(readFileSync(`${file}.quorum-ingest.json`, 'utf8')) as { nextLine: number; chunks: number; totals: { inserted: number } };
  expect(checkpoint).toMatchObject({ nextLine: 3001, chunks: 3, totals: { inserted: 3000 } });
  expect(await countIn(projectId)).toBe(3000);

  // The server is back at the same address: the same command carries on from line 3001.
  const back = await proxy({ port: Number(new URL(px.url).port) });
  try {
    const again = await quorum(['ingest', file, '--project', projectId, '--chunk-lines', '1000'], back.url);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.trim())).toMatchObject({ resumedFromLine: 3001, received: 10_000, inserted: 10_000, unchanged: 0, chunks: 10 });
    expect(back.requests()).toBe(7);
  } finally {
    await back.close();
  }
  expect(await countIn(projectId)).toBe(10_000);
  expect(existsSync(`${file}.quorum-ingest.json`)).toBe(false);
});
