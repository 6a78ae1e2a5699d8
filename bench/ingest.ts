/**
 * `npm run bench -- ingest [--rows N] [--runs R]`: issue 6's ingest target. N (default 1,000,000)
 * realistic samples — texts of 50–300 characters, binary predictions (a fifth with 5 stochastic
 * passes, some with metadata) — streamed as one NDJSON request through the real HTTP endpoint of a
 * real API process (started here as a child, so its peak RSS is its own), into a fresh project.
 * Baseline, in the same run, on the same rows: a raw `COPY sample (…) FROM STDIN` of the final
 * column values (the derived ones computed beforehand) into the sample table itself (its
 * columns, defaults, checks, indexes and foreign key; emptied before each run, as before each
 * ingest), the least work that puts these rows where ingest puts them. A bare twin without
 * indexes or keys (`LIKE sample INCLUDING DEFAULTS`) is measured too, for scale, and, once,
 * re-sending the same rows to the project that has them (all unchanged: the general path, each
 * line compared with its stored sample, nothing written).
 * "ratio" = ingest rows/s ÷ raw COPY rows/s (best runs; ratioMedian: medians). Target
 * ≥ 0.5, with the API's memory flat (peak RSS reported). Both files are written before timing.
 * The last stdout line is the JSON of the figures.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { once } from 'node:events';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { from as copyFrom } from 'pg-copy-streams';
import { ingestLineParser, rngFromSeed, rngInt, type Rng } from '@quorum/core';
import { copyRowLine, createApiToken, createProject, createUser } from '@quorum/services';
import { benchServices } from './lib/platform';

const o = new Command()
  .option('--rows <n>', 'samples to ingest', '1000000')
  .option('--runs <n>', 'timed runs of each case (they alternate; the best counts, the median is reported too)', '1')
  .option('--api-heap-mb <n>', "the API's V8 heap cap: a buffer that grew with the body would fail the run", '256')
  .parse(process.argv)
  .opts<{ rows: string; runs: string; apiHeapMb: string }>();
const log = (m: string) => process.stderr.write(`${m}\n`);
const root = path.resolve(__dirname, '..');

const WORDS = (
  'help need offer looking for someone who can look after my cat dog garden house flat move sofa fridge van driver ' +
  'plumber leaking tap shower drain electrician lights fuse tutor maths spanish lessons exam wedding photographer ' +
  'portraits cleaner weekly deep clean tenancy studio week weekend evening morning town city near around experienced ' +
  'licensed certified reliable friendly fast cheap fair price cash transfer references available parking lift floor'
).split(' ');

function text(rng: Rng): string {
  const length = 50 + rngInt(rng, 251);
  let s = WORDS[rngInt(rng, WORDS.length)]!;
  while (s.length < length) s += ` ${WORDS[rngInt(rng, WORDS.length)]!}`;
  return s.slice(0, length).trimEnd();
}

/** One sample as a producer would send it. */
function sampleLine(rng: Rng, i: number): string {
  const p = Math.round(rng() * 10_000) / 10_000;
  const record: Record<string, unknown> = { external_id: `bench-${i}`, text_a: text(rng), text_b: text(rng), prediction: { match: p, no_match: Math.round((1 - p) * 10_000) / 10_000 }, model_version: 'matcher-2026.11' };
  if (i % 5 === 0) record['predictions'] = Array.from({ length: 5 }, () => Math.round(Math.min(1, Math.max(0, p + (rng() - 0.5) * 0.3)) * 1000) / 1000);
  if (i % 3 === 0) record['metadata'] = { request_id: `r-${i}`, market: ['uk', 'de', 'fr'][i % 3] };
  return JSON.stringify(record);
}

async function write(file: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(file);
  await pipeline(Readable.from((function* () {
    let batch = '';
    for (const l of lines) {
      batch += l;
      if (batch.length > 1 << 20) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  })()), out);
  return statSync(file).size;
}

/** The NDJSON file, and the baseline's COPY file of the same rows' final values (the parser's own output). */
async function writeFiles(dir: string, rows: number, projectId: string): Promise<{ ndjson: string; copy: string; mb: number }> {
  const ndjson = path.join(dir, 'samples.ndjson');
  const copy = path.join(dir, 'samples.copy');
  const mb = (await write(ndjson, (function* () {
    const rng = rngFromSeed('bench-ingest');
    for (let i = 0; i < rows; i++) yield `${sampleLine(rng, i)}\n`;
  })())) / 1e6;
  const parser = ingestLineParser({ labels: ['match', 'no_match'], maxTextLength: 10_000, strategy: 'entropy', symmetricPairs: false });
  await write(copy, (function* () {
    const rng = rngFromSeed('bench-ingest');
    for (let i = 0; i < rows; i++) {
      const out = parser.line(sampleLine(rng, i));
      if (out.kind !== 'row') throw new Error(`bench line ${i} is invalid: ${JSON.stringify(out)}`);
      // The staging line without its line number, gold label and seen flag, behind the project id.
      const cols = copyRowLine(i + 1, out.row, false).slice(0, -1).split('\t');
      yield `${projectId}\t${cols.slice(1, -2).join('\t')}\n`;
    }
  })());
  return { ndjson, copy, mb };
}

/** CPU seconds (user + system) a Linux process has used, from /proc. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak and current RSS of a Linux process, in MB, from /proc. */
function rssOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { peak: Math.round(kb('VmHWM') / 1000), now: Math.round(kb('VmRSS') / 1000) };
}

async function startApi(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, [`--max-old-space-size=${Number(o.apiHeapMb)}`, '--import', 'tsx', path.join(root, 'apps/api/src/main.ts')], { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error('the API did not start in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base, async stop() { child.kill('SIGTERM'); await once(child, 'exit'); } };
}

async function main() {
  const rows = Number(o.rows);
  const s = await benchServices({ redis: true });
  const { freePort } = (await import(path.join(root, 'scripts/services.mjs'))) as { freePort: () => Promise<number> };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-ingest-'));
  const api = await startApi({ DATABASE_URL: s.databaseUrl, REDIS_URL: s.redisUrl!, SESSION_SECRET: 'bench-ingest-session-secret', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RATE_LIMIT_PER_MINUTE: '1000000' }, await freePort());
  try {
    const silent = { info: () => {}, warn: () => {}, error: () => {} };
    const ctx = { db: s.db, jobs: { enqueue: async () => {} }, events: { publish: () => {} }, now: () => new Date(), random: Math.random, log: silent };
    const engineer = await createUser(s.db, { email: 'bench@bench.test', displayName: 'Bench Engineer', password: 'bench-password-1', role: 'engineer' });
    const { secret } = await createApiToken(ctx, engineer, 'bench');
    const project = async () => (await createProject(ctx, engineer, { name: `bench-${Date.now()}-${Math.random()}` })).id;
    log(`ingest: writing ${rows} samples…`);
    // The baseline's rows name one project; sample is emptied before each COPY, so it is reused.
    const baselineProject = await project();
    const files = await writeFiles(dir, rows, baselineProject);
    log(`  NDJSON ${files.mb.toFixed(0)} MB`);
    const baseRss = rssOf(api.child.pid!).now;

    const copyInto = async (table: string) => {
      const client = await s.pool.connect();
      try {
        const t = performance.now();
        const source = createReadStream(files.copy, { highWaterMark: 256 * 1024 });
        const copy = client.query(copyFrom(`copy ${table} (project_id, external_id, text_a, text_b, model_label, model_probs, predictions, model_version, metadata, model_confidence, uncertainty, pair_key, content_hash) from stdin`));
        await pipeline(source, copy);
        return (performance.now() - t) / 1000;
      } finally {
        client.release();
      }
    };
    /** Streams the NDJSON file to a project (a fresh one unless given); checks the counts. */
    const post = async (projectId: string, expect: 'inserted' | 'unchanged') => {
      const cpu = cpuOf(api.child.pid!);
      const t = performance.now();
      const res = await fetch(`${api.base}/api/v1/projects/${projectId}/samples`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
        body: Readable.toWeb(createReadStream(files.ndjson, { highWaterMark: 256 * 1024 })) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const body = (await res.json()) as Record<string, number>;
      const seconds = (performance.now() - t) / 1000;
      if (expect === 'inserted') apiCpu.push(cpuOf(api.child.pid!) - cpu);
      if (res.status !== 200 || body[expect] !== rows) throw new Error(`ingest: HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      return seconds;
    };
    let lastProject = '';
    const ingest = async () => {
      // Each run into an empty sample table, as each baseline COPY.
      await s.pool.query('truncate sample cascade');
      lastProject = await project();
      return post(lastProject, 'inserted');
    };
    await s.pool.query('create table bench_copy_bare (like sample including defaults)');

    const apiCpu: number[] = [];
    const runs = Math.max(1, Number(o.runs));
    const times: Record<'copy' | 'bare' | 'ingest', number[]> = { copy: [], bare: [], ingest: [] };
    for (let r = 0; r < runs; r++) {
      for (const [name, work] of [['copy', async () => (await s.pool.query('truncate sample cascade'), copyInto('sample'))], ['bare', () => copyInto('bench_copy_bare')], ['ingest', ingest]] as const) {
        await s.pool.query('checkpoint');
        const seconds = await work();
        times[name].push(seconds);
        log(`  ${name}: ${seconds.toFixed(2)} s, ${Math.round(rows / seconds)} rows/s${name === 'ingest' ? `, API RSS peak ${rssOf(api.child.pid!).peak} MB, API CPU ${apiCpu.at(-1)!.toFixed(1)} s` : ''}`);
      }
      await s.pool.query('truncate bench_copy_bare');
    }
    // The same rows again into the project that has them: the general path (every line compared
    // with its stored sample), nothing written.
    await s.pool.query('analyze sample');
    const reingest = await post(lastProject, 'unchanged');
    log(`  re-ingest of the same rows: ${reingest.toFixed(2)} s, ${Math.round(rows / reingest)} rows/s, all unchanged`);
    const rate = (name: keyof typeof times, which: 'best' | 'median') => {
      const xs = [...times[name]].sort((a, b) => a - b);
      const mid = xs.length >> 1;
      const median = xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
      return Math.round(rows / (which === 'best' ? xs[0]! : median));
    };
    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    const rss = rssOf(api.child.pid!);
    const figures = {
      rows,
      runs,
      ndjsonMb: Math.round(files.mb),
      ingest: { rowsPerSecond: rate('ingest', 'best'), medianRowsPerSecond: rate('ingest', 'median'), seconds: round3(Math.min(...times.ingest)) },
      copy: { rowsPerSecond: rate('copy', 'best'), medianRowsPerSecond: rate('copy', 'median'), seconds: round3(Math.min(...times.copy)) },
      copyBare: { rowsPerSecond: rate('bare', 'best'), seconds: round3(Math.min(...times.bare)) },
      reingestUnchanged: { rowsPerSecond: Math.round(rows / reingest), seconds: round3(reingest) },
      apiRssMb: { beforeIngest: baseRss, peak: rss.peak, heapCap: Number(o.apiHeapMb) },
      apiCpuSeconds: Math.round(Math.min(...apiCpu) * 10) / 10,
      ratio: round3(rate('ingest', 'best') / rate('copy', 'best')),
      ratioMedian: round3(rate('ingest', 'median') / rate('copy', 'median')),
      ratioBare: round3(rate('ingest', 'best') / rate('bare', 'best')),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await api.stop();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
