import { errorsOf, ndjson, recordsOf, sample } from './ingest-fixtures';

describe('ingestParse: body formats', () => {
  const rows = [sample(), sample({ externalId: 'p-2', modelProbs: { match: 0.2, no_match: 0.8 } })];

  it('parses NDJSON and fills defaults', () => {
    expect(recordsOf(ndjson(...rows))).toEqual([
      {
        externalId: 'p-1',
        textA: 'I want someone to look after my cat',
        textB: 'I can provide pet sitting',
        modelLabel: 'match',
        modelProbs: { match: 0.7, no_match: 0.3 },
        modelVersion: null,
        goldLabel: null,
      },
      expect.objectContaining({ externalId: 'p-2', modelLabel: 'no_match' }),
    ]);
  });

  it('parses a JSON array string, a pretty-printed one, and an already-parsed array alike', () => {
    const expected = recordsOf(ndjson(...rows));
    expect(recordsOf(JSON.stringify(rows))).toEqual(expected);
    expect(recordsOf(`  ${JSON.stringify(rows, null, 2)}\n`)).toEqual(expected);
    expect(recordsOf(rows)).toEqual(expected);
  });

  it('ignores blank lines, CRLF endings and a byte-order mark, keeping physical line numbers', () => {
    const body = `\uFEFF${JSON.stringify(rows[0])}\r\n\r\n   \r\n${JSON.stringify(sample({ externalId: 'p-2', textA: '' }))}\r\n`;
    expect(errorsOf(body)).toEqual([{ line: 4, field: 'textA', message: 'textA is empty' }]);
  });

  it('reports an empty body as "no samples"', () => {
    for (const body of ['', '  \n\n ', []]) {
      expect(errorsOf(body)).toEqual([{ line: 0, field: '(body)', message: 'no samples' }]);
    }
  });

  it('reports too many records once, on line 0, without checking lines', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ externalId: `x${i}` })); // all invalid records
    const expected = [{ line: 0, field: '(body)', message: 'too many samples: 6 in one request; the limit is 5' }];
    expect(errorsOf(ndjson(...many))).toEqual(expected);
    expect(errorsOf(many)).toEqual(expected);
    expect(errorsOf(JSON.stringify(many))).toEqual(expected);
  });

  it('accepts exactly maxRecords', () => {
    const five = Array.from({ length: 5 }, (_, i) => sample({ externalId: `x${i}` }));
    expect(recordsOf(ndjson(...five))).toHaveLength(5);
  });

  it('reports a body that starts like a JSON array but does not parse', () => {
    const [e, ...rest] = errorsOf('[{"externalId": "a"},');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ line: 0, field: '(body)' });
    expect(e?.message).toMatch(/^the body starts with '\[' but is not a valid JSON array: /);
  });
});
