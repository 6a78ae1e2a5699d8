import { INGEST_METADATA_MAX_CHARS, INGEST_METADATA_MAX_DEPTH } from '../src/ingest/metadata';
import { errorsOf, rowOf, sample } from './ingest-fixtures';

describe('ingest metadata', () => {
  it('is stored as canonical JSON (keys sorted at every level)', () => {
    expect(rowOf(sample({ metadata: { z: { y: 1, x: [2, { b: 0, a: 'é' }] }, a: null } })).metadataJson).toBe('{"a":null,"z":{"x":[2,{"a":"é","b":0}],"y":1}}');
  });

  it('must be an object', () => {
    expect(errorsOf(sample({ metadata: [1] }))).toEqual([{ field: 'metadata', message: 'metadata must be an object, got an array' }]);
    expect(errorsOf(sample({ metadata: 'x' }))).toEqual([{ field: 'metadata', message: 'metadata must be an object, got a string' }]);
  });

  it('is capped in size and depth', () => {
    const big = { blob: 'x'.repeat(INGEST_METADATA_MAX_CHARS) };
    expect(errorsOf(sample({ metadata: big }))[0]?.message).toMatch(new RegExp(`the limit is ${INGEST_METADATA_MAX_CHARS}$`));
    // A hostile line: 200,000 levels of nesting, which a recursive walk would not survive.
    const deep = `${'['.repeat(200_000)}1${']'.repeat(200_000)}`;
    expect(errorsOf(JSON.stringify(sample({ metadata: { deep: 0 } })).replace('"deep":0', `"deep":${deep}`))).toEqual([{ field: 'metadata', message: `metadata nests deeper than ${INGEST_METADATA_MAX_DEPTH} levels` }]);
  });

  it('refuses strings PostgreSQL jsonb cannot hold, naming where', () => {
    expect(errorsOf(sample({ metadata: { a: { b: 'x\u0000' } } }))).toEqual([{ field: 'metadata', message: 'metadata.a.b contains a NUL character (U+0000), which cannot be stored' }]);
    expect(errorsOf(sample({ metadata: { list: ['ok', '\udfff'] } }))).toEqual([{ field: 'metadata', message: 'metadata.list[1] contains broken unicode (lone surrogate)' }]);
    expect(errorsOf(sample({ metadata: { ['k\u0000']: 1 } }))[0]?.message).toMatch(/key 'k.*NUL/);
  });
});
