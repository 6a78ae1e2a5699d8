import { Writable } from 'node:stream';
import type { ExportRow } from '../../src/export/export-row';

export const LABELS = ['match', 'no_match'];

export function exportRow(i: number, over: Partial<ExportRow> = {}): ExportRow {
  return {
    itemId: `item-${String(i).padStart(7, '0')}`,
    sampleId: `sample-${i}`,
    externalId: `ext-${i}`,
    textA: `I want someone to look after my cat (${i})`,
    textB: 'I can provide pet sitting',
    label: i % 3 === 0 ? 'no_match' : 'match',
    split: (['train', 'dev', 'test'] as const)[i % 3]!,
    decidedBy: i % 5 === 0 ? 'expert' : 'crowd',
    agreement: i % 5 === 0 ? null : 0.8,
    posterior: i % 5 === 0 ? null : { match: 1, no_match: 0 },
    votes: { match: 4, no_match: 1 },
    expertNote: i % 5 === 0 ? 'checked, "clearly" a match' : null,
    modelLabel: 'match',
    modelVersion: i % 2 === 0 ? 'v1.2' : null,
    modelProbs: { match: 0.55, no_match: 0.45 },
    batchIds: [`b${i}`, `b${i + 1}`],
    ...over,
  };
}

export async function* rowsOf(rows: Iterable<ExportRow>): AsyncGenerator<ExportRow> {
  yield* rows;
}

/** A sink that keeps the bytes (small exports) or only counts them (large ones). */
export function sink(keep = true): { out: Writable; bytes: () => Buffer; length: () => number } {
  const chunks: Buffer[] = [];
  let length = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      length += chunk.length;
      if (keep) {
        chunks.push(chunk);
      }
      done();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks), length: () => length };
}
