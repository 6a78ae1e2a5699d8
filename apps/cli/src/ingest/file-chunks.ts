import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A samples file as chunks of up to N lines, read as a stream from a byte offset: only the
 * current chunk is in memory, whatever the file's size, and a resumed run starts where the last
 * acknowledged chunk ended without reading what came before. Lines are kept as bytes (the server
 * checks them; this side only counts and forwards). A JSON-array file is read whole and sent as
 * NDJSON, its positions standing for line numbers.
 */

export type FileChunk = {
  /** File line (or array position) of the chunk's first line, 1-based. */
  firstLine: number;
  lineCount: number;
  /** The chunk as NDJSON. */
  body: Buffer;
  /** True when every line is blank: nothing to send. */
  blank: boolean;
  /** Where the next chunk starts: a byte offset into the file (NDJSON) or an array position. */
  end: number;
};

const NEWLINE = 0x0a;
const NL = Buffer.from('\n');

const isBlank = (line: Buffer) => line.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);

/** Whether the file is a JSON array: its first visible character, after an optional BOM, is '['. */
export async function fileIsJsonArray(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    let i = head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
    while (i < bytesRead && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
    return head[i] === 0x5b;
  } finally {
    await handle.close();
  }
}

/** NDJSON chunks from byte `start`, whose first line is file line `firstLine`. */
export async function* ndjsonFileChunks(file: string, opts: { start: number; firstLine: number; chunkLines: number }): AsyncGenerator<FileChunk> {
  let lines: Buffer[] = [];
  let carry: Buffer[] = [];
  let offset = opts.start;
  let chunkFirst = opts.firstLine;
  const cut = (): FileChunk => {
    const chunk = { firstLine: chunkFirst, lineCount: lines.length, body: Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [NL, l]))), blank: lines.every(isBlank), end: offset };
    chunkFirst += lines.length;
    lines = [];
    return chunk;
  };
  for await (const data of createReadStream(file, { start: opts.start, highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = data.indexOf(NEWLINE); nl >= 0; nl = data.indexOf(NEWLINE, from)) {
      const piece = data.subarray(from, nl);
      lines.push(carry.length > 0 ? Buffer.concat([...carry, piece]) : Buffer.from(piece));
      carry = [];
      offset += nl - from + 1;
      from = nl + 1;
      if (lines.length === opts.chunkLines) yield cut();
    }
    if (from < data.length) carry.push(Buffer.from(data.subarray(from)));
  }
  if (carry.length > 0) {
    const last = Buffer.concat(carry);
    lines.push(last);
    offset += last.length;
  }
  if (lines.length > 0) yield cut();
}

/** A JSON-array file's entries as NDJSON chunks, from position `start` (0-based). */
export function* jsonArrayChunks(entries: readonly unknown[], opts: { start: number; chunkLines: number }): Generator<FileChunk> {
  for (let i = opts.start; i < entries.length; i += opts.chunkLines) {
    const slice = entries.slice(i, i + opts.chunkLines);
    yield { firstLine: i + 1, lineCount: slice.length, body: Buffer.from(slice.map((e) => JSON.stringify(e)).join('\n')), blank: false, end: i + slice.length };
  }
}
