/**
 * `npm run bench -- export [--rows N] [--runs R]`: issue 5's export target. One approved version
 * of 1,000,000 rows (bench/lib/dataset-seed.ts), downloaded through the real API over HTTP in
 * each format, against a plain `COPY (select the same rows, the export's columns, in the same
 * order) TO STDOUT` of the same version from PostgreSQL in the same run; also a COPY of every
 * stored column (select *), for scale. COPY, JSONL and CSV alternate for --runs rounds and the
 * best run of each counts (the median is reported too); COPY of every column and Parquet run
 * once, at the end. The API runs in this process, so the peak RSS sampled during a download covers the
 * server's side of it (memory must stay flat whatever the version's size).
 * "ratio" = JSONL rows per second over HTTP / plain COPY rows per second, best runs (ratioMedian:
 * medians). Target ≥ 0.5.
 * The last stdout line is the JSON of the figures.
 */
import { Command } from 'commander';
import { to as copyTo } from 'pg-copy-streams';
import { createApiToken, csvColumnsSql } from '@quorum/services';
import { benchPlatform } from './lib/platform';
import { seedDatasetHistory, seedVersionCounts } from './lib/dataset-seed';

const o = new Command().option('--rows <n>', 'rows in the version', '1000000').option('--runs <n>', 'timed runs of each compared case', '5').parse(process.argv).opts<{ rows: string; runs: string }>();
const log = (m: string) => process.stderr.write(`${m}\n`);

type Run = { seconds: number; bytes: number; peakRssMb: number };

/** Samples RSS every 20 ms while `work` runs. */
async function measured(work: () => Promise<number>): Promise<Run> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  try {
    const bytes = await work();
    return { seconds: (performance.now() - t) / 1000, bytes, peakRssMb: Math.round(peak / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const p = await benchPlatform();
  try {
    const rows = Number(o.rows);
    log(`export: seeding one approved version of ${rows} rows…`);
    const seed = await seedDatasetHistory(p.pool, { rows, versions: 1, relabelShare: 0, removeShare: 0, log });
    const v = seed.versions[0]!;
    await seedVersionCounts(p.pool, seed.projectId, v.number, v.id);
    const caller = { id: seed.engineerId, email: 'bench@bench.test', displayName: 'Bench Engineer', role: 'engineer' as const };
    const { secret } = await createApiToken(p.ctx, caller, 'bench');
    await p.pool.query(`checkpoint`);

    const copy = (select: string) => async () => {
      const client = await p.pool.connect();
      try {
        const where = `r.project_id = ${client.escapeLiteral(seed.projectId)} and r.valid_from <= ${v.number} and r.valid_to > ${v.number}`;
        let bytes = 0;
        for await (const chunk of client.query(copyTo(`COPY (select ${select} from dataset_row r where ${where} order by r.item_id) TO STDOUT`)) as AsyncIterable<Buffer>) bytes += chunk.length;
        return bytes;
      } finally {
        client.release();
      }
    };
    const http = (format: string) => async () => {
      const url = `${p.baseUrl}/api/v1/dataset-versions/${v.id}/export?format=${format}`;
      const init = { headers: { authorization: `Bearer ${secret}` } };
      // A kept-alive socket the server closed while COPY ran (its 5 s keep-alive) fails at once:
      // that is connecting, not exporting, so one retry.
      const res = await fetch(url, init).catch(() => fetch(url, init));
      if (!res.ok) throw new Error(`export ${format}: HTTP ${res.status} ${await res.text()}`);
      if (Number(res.headers.get('x-row-count')) !== v.rows) throw new Error(`export ${format}: X-Row-Count ${res.headers.get('x-row-count')}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        if (format === 'jsonl') for (const byte of chunk) if (byte === 10) lines++;
      }
      if (format === 'jsonl' && lines !== v.rows) throw new Error(`export jsonl: ${lines} lines for ${v.rows} rows`);
      return bytes;
    };
    // The three that are compared alternate, so a burst of load elsewhere hits them alike; the
    // slow ones run once at the end (Parquet last, its encoder thread's heap would count in the
    // others' RSS).
    const compared: [string, () => Promise<number>][] = [
      ['copy', copy(csvColumnsSql(['match', 'no_match']).replace(/ as "[^"]+"/g, ''))],
      ['jsonl', http('jsonl')],
      ['csv', http('csv')],
    ];
    const once: [string, () => Promise<number>][] = [
      ['copyAll', copy('*')],
      ['parquet', http('parquet')],
    ];
    const runsOf = new Map<string, Run[]>();
    const record = async (name: string, work: () => Promise<number>) => {
      const rssBefore = Math.round(process.memoryUsage().rss / 1e6);
      const run = await measured(work);
      log(`  ${name}: ${run.seconds.toFixed(2)} s, ${Math.round(v.rows / run.seconds)} rows/s, ${(run.bytes / 1e6).toFixed(0)} MB, RSS ${rssBefore} → peak ${run.peakRssMb} MB`);
      runsOf.set(name, [...(runsOf.get(name) ?? []), run]);
    };
    const runs = Math.max(1, Number(o.runs));
    for (let r = 0; r < runs; r++) for (const [name, work] of compared) await record(name, work);
    for (const [name, work] of once) await record(name, work);
    const sorted = (name: string) => [...runsOf.get(name)!].sort((a, b) => a.seconds - b.seconds);
    const rate = (name: string, which: 'best' | 'median') => {
      const xs = sorted(name);
      return Math.round(v.rows / (which === 'best' ? xs[0]! : xs[Math.floor((xs.length - 1) / 2)]!).seconds);
    };
    const figure = (name: string) => {
      const best = sorted(name)[0]!;
      return { seconds: Math.round(best.seconds * 100) / 100, rowsPerSecond: rate(name, 'best'), medianRowsPerSecond: rate(name, 'median'), mb: Math.round(best.bytes / 1e6), peakRssMb: Math.max(...runsOf.get(name)!.map((x) => x.peakRssMb)) };
    };
    const ratio = (name: string, which: 'best' | 'median') => Math.round((rate(name, which) / rate('copy', which)) * 1000) / 1000;
    const figures = {
      rows: v.rows,
      runs,
      copy: figure('copy'),
      copyAllColumns: figure('copyAll'),
      jsonl: figure('jsonl'),
      csv: figure('csv'),
      parquet: figure('parquet'),
      ratio: ratio('jsonl', 'best'),
      ratioMedian: ratio('jsonl', 'median'),
      csvRatio: ratio('csv', 'best'),
      parquetRatio: Math.round((rate('parquet', 'best') / rate('copy', 'best')) * 1000) / 1000,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await p.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
