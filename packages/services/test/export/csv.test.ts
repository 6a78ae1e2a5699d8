import { csvField } from '../../src/export/csv';
import { exportColumns } from '../../src/export/export-row';
import { exportChunks } from '../../src/export/export-stream';
import { exportRow, LABELS, rowsOf } from './fixtures';

/** A strict RFC 4180 reader, written for the test so the writer is checked against the RFC, not itself. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          throw new Error(`character after closing quote at ${i}`);
        }
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') {
        throw new Error(`quote inside unquoted field at ${i}`);
      }
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    throw new Error('last record not ended by CRLF');
  }
  return records;
}

const csvOf = async (rows: ReturnType<typeof exportRow>[]) => {
  const chunks: Buffer[] = [];
  for await (const c of exportChunks('csv', rowsOf(rows), { labels: LABELS })) {
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
};

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded ', '" padded "'],
    ['', '""'],
    ['😀 café', '😀 café'],
  ])('writes %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('CSV export', () => {
  it('round-trips quotes, commas, newlines and empty strings through an RFC 4180 reader', async () => {
    const nasty = ['a, "b"\r\nc', '"', ',,', '\n', ' lead', 'trail ', 'x""y', ''];
    const rows = nasty.map((t, i) => exportRow(i + 1, { textA: t, textB: `${t}|${i}`, expertNote: t }));
    const records = parseCsv(await csvOf(rows));
    const header = exportColumns(LABELS).map((c) => c.name);
    expect(records[0]).toEqual(header);
    expect(records).toHaveLength(rows.length + 1);
    records.slice(1).forEach((rec, i) => {
      const byName = Object.fromEntries(header.map((h, j) => [h, rec[j]]));
      expect(rec).toHaveLength(header.length);
      expect(byName['text_a']).toBe(nasty[i]);
      expect(byName['text_b']).toBe(`${nasty[i]}|${i}`);
      expect(byName['expert_note']).toBe(nasty[i]);
    });
  });

  it('writes null as an empty field, numbers plainly and lists as JSON', async () => {
    const text = await csvOf([exportRow(5)]);
    const [header, rec] = parseCsv(text);
    const byName = Object.fromEntries(header!.map((h, j) => [h, rec![j]]));
    expect(byName).toMatchObject({ agreement: '', posterior_match: '', votes_match: '4', model_prob_match: '0.55', batch_ids: '["b5","b6"]' });
    expect(text).toContain(',,');
  });

  it('writes only the header for no rows', async () => {
    expect(parseCsv(await csvOf([]))).toEqual([exportColumns(LABELS).map((c) => c.name)]);
  });
});
