import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { exportValue, type ExportColumn, type ExportRow, type ExportValue } from './export-row';
import { parquetSchema } from './parquet-schema';

/**
 * Parquet, one row group at a time. Rows are gathered into columns until the group is full
 * (by rows, or by text size so a project with 100,000-character texts cannot make a 5 GB
 * group), the group is encoded and its bytes handed on; only the footer waits for the end.
 * So memory holds one row group, whatever the version's size.
 *
 * Encoding runs in a worker thread (parquet-worker.mjs), for three reasons:
 * - it is CPU work (dictionary building, snappy) that would stall every other request on the
 *   API's event loop for the length of a group;
 * - hyparquet-writer ships only as ES modules, which jest's module runtime cannot load on
 *   Node 20 (jestjs/jest#15275); a worker is plain Node, under jest too;
 * - its heap can be capped (resourceLimits), so a bug that grows memory fails the export
 *   instead of the process.
 * While the thread encodes one group the next is gathered, so reading rows and encoding share
 * the two cores; a group's bytes are handed on before the following group is sent. Memory is
 * therefore about two groups, and a slow consumer stops the gathering (backpressure).
 */

export type ParquetExportOptions = {
  /** Rows per row group; 50,000 keeps groups large enough for good compression. */
  rowGroupRows?: number;
  /** Cut a group early once its strings reach this many UTF-16 units (default 8 Mi). */
  rowGroupTextUnits?: number;
  /** Key-value metadata for the footer, e.g. the dataset card as JSON. */
  metadata?: Readonly<Record<string, string>>;
  /** Heap cap of the encoder thread, in MB. */
  encoderHeapMb?: number;
};

const WORKER_FILE = path.join(__dirname, 'parquet-worker.mjs');

type EncoderReply = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'error'; message: string };

/**
 * The encoder thread behind a request/reply call. The thread can die between calls (out of
 * memory, a crash at start-up); that is remembered, so the next call fails at once instead
 * of waiting for a reply that will never come, and a Worker 'error' with no listener never
 * takes the process down.
 */
function parquetEncoder(workerData: unknown, heapMb: number) {
  const worker = new Worker(WORKER_FILE, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  let dead: Error | null = null;
  worker.on('error', (error) => {
    dead = error;
  });
  worker.on('exit', (code) => {
    dead ??= new Error(`parquet export: the encoder thread stopped (exit code ${code})`);
  });
  const encode = (message: unknown): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      if (dead) {
        reject(dead);
        return;
      }
      const settle = () => {
        worker.off('message', onMessage);
        worker.off('error', onFailure);
        worker.off('exit', onFailure);
      };
      const onMessage = (reply: EncoderReply) => {
        settle();
        if (reply.kind === 'bytes') {
          resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
        } else {
          reject(new Error(`parquet export: ${reply.message}`));
        }
      };
      // Listeners run in order of registration, so `dead` is already set when this runs.
      const onFailure = () => {
        settle();
        reject(dead ?? new Error('parquet export: the encoder thread failed'));
      };
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', onFailure);
      worker.postMessage(message);
    });
  return { encode, close: () => worker.terminate() };
}

export async function* parquetChunks(
  rows: AsyncIterable<ExportRow>,
  columns: readonly ExportColumn[],
  opts: ParquetExportOptions = {},
): AsyncGenerator<Buffer> {
  const maxRows = opts.rowGroupRows ?? 50_000;
  const maxUnits = opts.rowGroupTextUnits ?? 8 * 1024 * 1024;
  const encoder = parquetEncoder(
    {
      schema: parquetSchema(columns),
      kvMetadata: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
      createdBy: 'quorum',
    },
    opts.encoderHeapMb ?? 512,
  );
  try {
    let group: ExportValue[][] = columns.map(() => []);
    let groupRows = 0;
    let groupUnits = 0;
    let encoding: Promise<Buffer> | null = null;
    const sendGroup = () => {
      const columnData = columns.map((c, i) => ({ name: c.name, data: group[i], statistics: !c.freeText }));
      group = columns.map(() => []);
      groupRows = 0;
      groupUnits = 0;
      const bytes = encoder.encode({ kind: 'group', columnData });
      // Awaited later; until then a failure must not count as an unhandled rejection.
      bytes.catch(() => undefined);
      return bytes;
    };
    for await (const row of rows) {
      for (let i = 0; i < columns.length; i++) {
        const v = exportValue(columns[i]!, row);
        group[i]!.push(v);
        groupUnits += typeof v === 'string' ? v.length : 0;
      }
      groupRows++;
      if (groupRows >= maxRows || groupUnits >= maxUnits) {
        if (encoding) {
          yield await encoding;
        }
        encoding = sendGroup();
      }
    }
    if (groupRows > 0) {
      if (encoding) {
        yield await encoding;
      }
      encoding = sendGroup();
    }
    if (encoding) {
      yield await encoding;
    }
    yield await encoder.encode({ kind: 'finish' });
  } finally {
    await encoder.close();
  }
}
