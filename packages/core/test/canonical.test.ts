import { canonicalJson, datasetCanonicalSerialisation } from '../src/datasets/canonical';
import { rngFromSeed, rngShuffle } from '../src/rng';

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same string for the same object built in another key order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts keys by code unit, not locale', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3 })).toBe('{"B":2,"a":3,"b":1}');
  });

  it('writes primitives and escapes strings like JSON', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson('a"b\n')).toBe('"a\\"b\\n"');
    expect(canonicalJson(0.1)).toBe('0.1');
    expect(canonicalJson({})).toBe('{}');
  });

  it('rejects values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN at \$/);
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow(/Infinity at \$\.a\[1\]/);
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined at \$\.a/);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(BigInt(1))).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(/non-plain object/);
  });

  it('rejects cycles but allows the same object twice', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
  });

  it('accepts objects with a null prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o['b'] = 1;
    o['a'] = 2;
    expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
  });
});

describe('datasetCanonicalSerialisation', () => {
  const rows = [
    { itemId: 'i3', label: 'match', textA: 'c', textB: 'd' },
    { textB: 'b', label: 'no_match', itemId: 'i1', textA: 'a' },
    { itemId: 'i2', textA: 'e', textB: 'f', label: 'match', provenance: { votes: [1, 2] } },
  ];

  it('sorts rows by itemId, one canonical JSON per line', () => {
    expect(datasetCanonicalSerialisation(rows)).toBe(
      [
        '{"itemId":"i1","label":"no_match","textA":"a","textB":"b"}',
        '{"itemId":"i2","label":"match","provenance":{"votes":[1,2]},"textA":"e","textB":"f"}',
        '{"itemId":"i3","label":"match","textA":"c","textB":"d"}',
      ].join('\n'),
    );
  });

  it('gives the same string for the same rows in any order', () => {
    const expected = datasetCanonicalSerialisation(rows);
    for (let seed = 0; seed < 20; seed++) {
      expect(datasetCanonicalSerialisation(rngShuffle(rngFromSeed(seed), rows))).toBe(expected);
    }
  });

  it('is order-free even with repeated itemIds', () => {
    const dup = [
      { itemId: 'x', label: 'b' },
      { itemId: 'x', label: 'a' },
    ];
    expect(datasetCanonicalSerialisation(dup)).toBe(datasetCanonicalSerialisation([...dup].reverse()));
  });

  it('changes when any row changes', () => {
    const changed = rows.map((r) => (r.itemId === 'i2' ? { ...r, label: 'no_match' } : r));
    expect(datasetCanonicalSerialisation(changed)).not.toBe(datasetCanonicalSerialisation(rows));
  });

  it('is the empty string for no rows', () => {
    expect(datasetCanonicalSerialisation([])).toBe('');
  });
});
