/**
 * Text formats are written a line at a time but handed to the stream in ~64 KiB buffers: one
 * stream chunk per row would cost more in stream bookkeeping than in formatting, and 64 KiB is
 * Node's default highWaterMark for byte streams, so a chunk is about what a socket takes.
 */
export const TEXT_CHUNK_BYTES = 64 * 1024;

export async function* textChunks(lines: AsyncIterable<string>): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for await (const line of lines) {
    pending.push(line);
    size += line.length;
    if (size >= TEXT_CHUNK_BYTES) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) {
    yield Buffer.from(pending.join(''), 'utf8');
  }
}
