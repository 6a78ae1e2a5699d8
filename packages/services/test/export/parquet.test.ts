import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportColumns, type ExportRow } from '../../src/export/export-row';
import { exportToWritable } from '../../src/export/export-stream';
import type { ParquetExportOptions } from '../../src/export/parquet';
import { exportRow, LABELS, rowsOf, sink } from './fixtures';

type ReadBack = {
  rows: Record<string, unknown>[];
  rowGroups: number[];
  schema: { name: string; type: string | null; repetition: string | null; converted: string | null }[];
  metadata: Record<string, string>;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(rows: ExportRow[], parquet: ParquetExportOptions = {}): Promise<ReadBack> {
  const s = sink();
  await exportToWritable('parquet', rowsOf(rows), s.out, { labels: LABELS, parquet });
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.parquet`);
  writeFileSync(file, s.bytes());
  const out = execFileSync(process.execPath, [path.join(__dirname, 'read-parquet.mjs'), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as ReadBack;
}

describe('Parquet export', () => {
  it('reads back row for row, with nulls, per-label numbers and the batch list', async () => {
    const rows = [exportRow(1), exportRow(5, { textA: 'café 😀 "q", \n x' })];
    const back = await roundTrip(rows);
    expect(back.rows).toHaveLength(2);
    expect(back.rows[0]).toEqual({
      id: 'item-0000001', external_id: 'ext-1', sample_id: 'sample-1', text_a: 'I want someone to look after my cat (1)', text_b: 'I can provide pet sitting',
      label: 'match', split: 'dev', decided_by: 'crowd', agreement: 0.8, posterior_match: 1, posterior_no_match: 0, votes_match: 4, votes_no_match: 1,
      expert_note: null, model_label: 'match', model_version: null, model_prob_match: 0.55, model_prob_no_match: 0.45, batch_ids: ['b1', 'b2'],
    });
    expect(back.rows[1]).toMatchObject({ text_a: 'café 😀 "q", \n x', agreement: null, posterior_match: null, decided_by: 'expert' });
  });

  it('has a typed schema: required strings, optional doubles and ints, a list of strings', async () => {
    const { schema } = await roundTrip([exportRow(1)]);
    const byName = new Map(schema.map((s) => [s.name, s]));
    expect(byName.get('text_a')).toEqual({ name: 'text_a', type: 'BYTE_ARRAY', repetition: 'REQUIRED', converted: 'UTF8' });
    expect(byName.get('agreement')).toMatchObject({ type: 'DOUBLE', repetition: 'OPTIONAL' });
    expect(byName.get('votes_match')).toMatchObject({ type: 'INT32', repetition: 'OPTIONAL' });
    expect(byName.get('batch_ids')).toMatchObject({ converted: 'LIST' });
    expect(schema.filter((s) => s.type !== null && s.name !== 'element')).toHaveLength(exportColumns(LABELS).length - 1);
  });

  it('cuts row groups by rows and by text size, and keeps the footer metadata', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => exportRow(i));
    const byRows = await roundTrip(rows, { rowGroupRows: 3, metadata: { 'quorum.dataset_card': '{"version":3}' } });
    expect(byRows.rowGroups).toEqual([3, 3, 1]);
    expect(byRows.rows.map((r) => r['id'])).toEqual(rows.map((r) => r.itemId));
    expect(byRows.metadata['quorum.dataset_card']).toBe('{"version":3}');
    const long = Array.from({ length: 4 }, (_, i) => exportRow(i, { textA: 'x'.repeat(1000) }));
    expect((await roundTrip(long, { rowGroupTextUnits: 1500 })).rowGroups).toEqual([2, 2]);
  });

  it('writes a valid file with no rows', async () => {
    const back = await roundTrip([]);
    expect(back.rows).toEqual([]);
    expect(back.rowGroups).toEqual([]);
  });

  it('fails the export on a bad value instead of writing a bad file', async () => {
    const s = sink();
    await expect(
      exportToWritable('parquet', rowsOf([exportRow(1), exportRow(2, { agreement: Infinity })]), s.out, { labels: LABELS }),
    ).rejects.toThrow(/row item-0000002, column agreement/);
  });

  it('fails the export, without hanging or crashing, when the encoder thread dies', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => exportRow(i, { textA: `${i} ${'x'.repeat(2000)}` }));
    const s = sink();
    // A 4 MB heap cannot hold a 40 MB row group: the thread runs out of memory.
    await expect(exportToWritable('parquet', rowsOf(rows), s.out, { labels: LABELS, parquet: { encoderHeapMb: 4 } })).rejects.toThrow(/memory limit/);
  });
});
