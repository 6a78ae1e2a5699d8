import { exportColumns } from '../../src/export/export-row';
import { jsonlChunks } from '../../src/export/jsonl';
import { exportToWritable } from '../../src/export/export-stream';
import { exportRow, LABELS, rowsOf, sink } from './fixtures';

const collect = async (rows: ReturnType<typeof exportRow>[]) => {
  const chunks: Buffer[] = [];
  for await (const c of jsonlChunks(rowsOf(rows), exportColumns(LABELS))) {
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
};

describe('JSONL export', () => {
  it('writes one object per line that parses back to the row', async () => {
    const text = await collect([exportRow(1), exportRow(5)]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const [first, second] = lines.slice(0, 2).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ id: 'item-0000001', text_a: 'I want someone to look after my cat (1)', split: 'dev', posterior_match: 1, votes_match: 4, batch_ids: ['b1', 'b2'], expert_note: null });
    expect(second).toMatchObject({ decided_by: 'expert', agreement: null, posterior_match: null, expert_note: 'checked, "clearly" a match' });
  });

  it('gives every line the same keys, in order, with one JSON type per key (nulls aside)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => exportRow(i));
    const lines = (await collect(rows)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const keys = Object.keys(lines[0]!);
    const types = new Map<string, Set<string>>();
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(keys);
      for (const [k, v] of Object.entries(line)) {
        if (v !== null) {
          types.set(k, (types.get(k) ?? new Set()).add(Array.isArray(v) ? 'array' : typeof v));
        }
      }
    }
    expect([...types.values()].every((t) => t.size === 1)).toBe(true);
  });

  it('writes whole-number doubles with a decimal point so readers infer a float column', async () => {
    const line = (await collect([exportRow(1, { agreement: 1, posterior: { match: 1, no_match: 0 } })])).trim();
    expect(line).toContain('"agreement":1.0');
    expect(line).toContain('"posterior_match":1.0,"posterior_no_match":0.0');
    expect(line).toContain('"votes_match":4,');
  });

  it('keeps unicode, quotes, newlines and escapes lone surrogates as valid JSON', async () => {
    const textA = 'café 😀 "quoted"\nnew line\tand tab, comma';
    const text = await collect([exportRow(1, { textA, textB: 'bad \ud800 half' })]);
    const back = JSON.parse(text.trim()) as { text_a: string; text_b: string };
    expect(back.text_a).toBe(textA);
    expect(back.text_b).toBe('bad \ud800 half');
    expect(text).toContain('\\ud800');
    expect(text.split('\n')).toHaveLength(2);
  });

  it('writes nothing for no rows', async () => {
    expect(await collect([])).toBe('');
  });

  it('reports the bytes it wrote to a Writable', async () => {
    const s = sink();
    const { bytes } = await exportToWritable('jsonl', rowsOf([exportRow(1), exportRow(2)]), s.out, { labels: LABELS });
    expect(bytes).toBe(s.bytes().length);
    expect(s.bytes().toString('utf8').trim().split('\n')).toHaveLength(2);
  });
});
