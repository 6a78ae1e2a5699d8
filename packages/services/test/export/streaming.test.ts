import { Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { exportReadable, exportToWritable, EXPORT_FORMATS } from '../../src/export/export-stream';
import type { ExportRow } from '../../src/export/export-row';
import { exportRow, LABELS } from './fixtures';

/**
 * Memory stays flat: 200,000 rows of ~1 KB of text (≈ 300 MB with their objects, if held at
 * once) go through each writer into a sink that keeps nothing. Every 10,000 rows a full GC
 * runs and the live heap is read, so the bound is on what is retained, not on garbage V8 has
 * not yet collected. (--expose-gc set at run time takes effect in a new context.)
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const ROWS = 200_000;
const filler = 'lorem ipsum dolor sit amet '.repeat(18); // ~490 characters

function* bigRows(n: number, sample: () => void): Generator<ExportRow> {
  for (let i = 0; i < n; i++) {
    if (i % 10_000 === 0) {
      sample();
    }
    // Unique strings per row, so nothing is shared between rows and retained rows would show.
    yield exportRow(i, { textA: `${i} ${filler}`, textB: `${filler} ${i}` });
  }
}

async function* slowly<T>(rows: Iterable<T>): AsyncGenerator<T> {
  yield* rows;
}

describe('streaming export', () => {
  it.each(EXPORT_FORMATS)('%s: 200,000 rows with bounded heap growth', async (format) => {
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sample = () => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    let bytes = 0;
    const discard = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    await exportToWritable(format, slowly(bigRows(ROWS, sample)), discard, { labels: LABELS });
    const growthMb = (peak - base) / 1e6;
    expect(bytes).toBeGreaterThan(0);
    // Holding the rows would take ≥ 200 MB. Text formats hold a 64 KiB chunk; Parquet holds the
    // group being gathered (≤ 8 Mi characters of text, ~16 MB with its row data).
    expect(growthMb).toBeLessThan(format === 'parquet' ? 60 : 20);
    console.log(`${format}: ${ROWS} rows, ${(bytes / 1e6).toFixed(0)} MB out, live heap peak +${growthMb.toFixed(1)} MB`);
  }, 120_000);

  it('pulls rows only as fast as the consumer reads (backpressure)', async () => {
    let pulled = 0;
    function* counted(): Generator<ExportRow> {
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield exportRow(i);
      }
    }
    const stream = exportReadable('jsonl', slowly(counted()), { labels: LABELS });
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    stream.pause();
    await new Promise((r) => setTimeout(r, 50));
    // One 64 KiB chunk plus the stream's buffer (16 KiB highWaterMark, one chunk over it) is a
    // few hundred rows of ~400 bytes; nowhere near the 100,000 on offer.
    expect(first.length).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(2_000);
    stream.destroy();
  });

  it('stops pulling and ends the encoder when the consumer goes away', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<ExportRow> {
      for (let i = 0; ; i++) {
        pulled++;
        yield exportRow(i);
      }
    }
    const stream = exportReadable('parquet', endless(), { labels: LABELS, parquet: { rowGroupRows: 1000 } });
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const after = pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBe(after);
    expect(pulled).toBeLessThan(10_000);
  });
});
