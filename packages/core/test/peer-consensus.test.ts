import { peerConsensus } from '../src/reliability/peer-consensus';

const labels = ['match', 'no_match'];

describe('peerConsensus', () => {
  it('is uniform with no votes', () => {
    expect(peerConsensus([], ['a', 'b', 'c'])).toEqual({ a: 1 / 3, b: 1 / 3, c: 1 / 3 });
  });

  it('gives one vote of accuracy a the posterior a, for any number of labels (one-coin model)', () => {
    expect(peerConsensus([{ label: 'match', accuracy: 0.8 }], labels).match).toBeCloseTo(0.8, 12);
    const three = peerConsensus([{ label: 'b', accuracy: 0.8 }], ['a', 'b', 'c']);
    expect(three.b).toBeCloseTo(0.8, 12);
    expect(three.a).toBeCloseTo(0.1, 12);
  });

  it('multiplies odds: a 0.9 voter against a 0.6 voter gives odds 9 / 1.5', () => {
    const p = peerConsensus(
      [
        { label: 'match', accuracy: 0.9 },
        { label: 'no_match', accuracy: 0.6 },
      ],
      labels,
    );
    expect(p.match).toBeCloseTo(6 / 7, 12);
  });

  it('lets a reliable minority outvote an unreliable majority', () => {
    const p = peerConsensus(
      [
        { label: 'match', accuracy: 0.97 },
        { label: 'no_match', accuracy: 0.6 },
        { label: 'no_match', accuracy: 0.6 },
      ],
      labels,
    );
    expect(p.match).toBeGreaterThan(0.5);
  });

  it('clips accuracies: no voter is certain, and none below chance becomes an anti-voter', () => {
    const sure = peerConsensus([{ label: 'match', accuracy: 1 }], labels);
    expect(sure.match).toBeCloseTo(0.99, 12);
    const bad = peerConsensus([{ label: 'match', accuracy: 0.2 }], labels);
    expect(bad.match).toBeGreaterThanOrEqual(0.5);
    expect(bad.match).toBeLessThan(0.51);
  });

  it('stays finite and normalised with many confident votes', () => {
    const p = peerConsensus(Array.from({ length: 300 }, () => ({ label: 'match', accuracy: 0.99 })), labels);
    expect(p.match).toBe(1);
    expect(p.no_match).toBeGreaterThanOrEqual(0);
    expect(p.match! + p.no_match!).toBeCloseTo(1, 12);
  });

  it('treats any label name as a key and rejects votes outside the label set', () => {
    const p = peerConsensus([{ label: '__proto__', accuracy: 0.9 }], ['__proto__', 'constructor']);
    expect(Object.keys(p)).toEqual(['__proto__', 'constructor']);
    expect(p['__proto__']).toBeCloseTo(0.9, 12);
    expect(() => peerConsensus([{ label: 'maybe', accuracy: 0.9 }], labels)).toThrow(RangeError);
    expect(() => peerConsensus([], ['only'])).toThrow(RangeError);
  });
});
