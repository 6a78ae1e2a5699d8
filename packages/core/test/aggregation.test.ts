import { disagreementPosteriorEntropy, disagreementVoteEntropy } from '../src/aggregation/disagreement';
import { escalationDecide } from '../src/aggregation/escalation';
import { majorityVote } from '../src/aggregation/majority-vote';

const labels = ['match', 'no_match'];

describe('majorityVote', () => {
  it('finds the winner, counts, shares and agreement of a 4–1 vote', () => {
    expect(majorityVote(['match', 'match', 'no_match', 'match', 'match'], labels)).toEqual({
      winner: 'match',
      counts: { match: 4, no_match: 1 },
      posterior: { match: 0.8, no_match: 0.2 },
      agreement: 0.8,
      tied: false,
    });
  });

  it('includes labels nobody chose with count 0', () => {
    const r = majorityVote(['b', 'b'], ['a', 'b', 'c']);
    expect(r.counts).toEqual({ a: 0, b: 2, c: 0 });
    expect(r.posterior).toEqual({ a: 0, b: 1, c: 0 });
    expect(r.agreement).toBe(1);
  });

  it('reports a tie with no winner', () => {
    const r = majorityVote(['a', 'b', 'c', 'a', 'b'], ['a', 'b', 'c']);
    expect(r.winner).toBeNull();
    expect(r.tied).toBe(true);
    expect(r.agreement).toBeCloseTo(0.4, 12);
  });

  it('is not a tie when only the losers tie', () => {
    const r = majorityVote(['a', 'a', 'a', 'b', 'c'], ['a', 'b', 'c']);
    expect(r.winner).toBe('a');
    expect(r.tied).toBe(false);
  });

  it('keeps awkward label names as own keys', () => {
    const r = majorityVote(['__proto__', '__proto__', 'constructor'], ['__proto__', 'constructor']);
    expect(r.winner).toBe('__proto__');
    expect(Object.keys(r.counts)).toEqual(['__proto__', 'constructor']);
    expect(r.counts['__proto__']).toBe(2);
  });

  it('throws on empty votes and votes outside the label set', () => {
    expect(() => majorityVote([], labels)).toThrow(RangeError);
    expect(() => majorityVote(['match', 'maybe'], labels)).toThrow(/maybe/);
  });
});

describe('disagreementVoteEntropy', () => {
  it('is 0 when unanimous and 1 for an even split over every label', () => {
    expect(disagreementVoteEntropy({ match: 5, no_match: 0 })).toBe(0);
    expect(disagreementVoteEntropy({ a: 2, b: 2 })).toBeCloseTo(1, 12);
    expect(disagreementVoteEntropy({ a: 1, b: 1, c: 1 })).toBeCloseTo(1, 12);
  });

  it('divides by log of the number of labels, zeros included', () => {
    // 4–1 over two labels: H = 0.7219 bits.
    expect(disagreementVoteEntropy({ a: 4, b: 1 })).toBeCloseTo(0.7219280948873623, 10);
    // The same split in a three-label project is less of the maximum.
    expect(disagreementVoteEntropy({ a: 4, b: 1, c: 0 })).toBeCloseTo(0.7219280948873623 / Math.log2(3), 10);
  });

  it('rejects empty, all-zero and negative counts', () => {
    expect(() => disagreementVoteEntropy({})).toThrow(RangeError);
    expect(() => disagreementVoteEntropy({ a: 0, b: 0 })).toThrow(RangeError);
    expect(() => disagreementVoteEntropy({ a: -1, b: 2 })).toThrow(RangeError);
  });
});

describe('disagreementPosteriorEntropy', () => {
  it('agrees with the vote entropy of the same shares', () => {
    expect(disagreementPosteriorEntropy({ a: 0.8, b: 0.2 })).toBeCloseTo(disagreementVoteEntropy({ a: 4, b: 1 }), 12);
    expect(disagreementPosteriorEntropy({ a: 1, b: 0 })).toBe(0);
    expect(disagreementPosteriorEntropy({ a: 0.5, b: 0.5 })).toBeCloseTo(1, 12);
  });
});

describe('escalationDecide', () => {
  it("escalates when the winner's posterior is below the threshold; at the threshold it settles", () => {
    expect(escalationDecide({ winnerPosterior: 0.95, tied: false }, 0.9)).toBe('settled');
    expect(escalationDecide({ winnerPosterior: 0.9, tied: false }, 0.9)).toBe('settled');
    expect(escalationDecide({ winnerPosterior: 0.89, tied: false }, 0.9)).toBe('escalated');
    expect(escalationDecide({ winnerPosterior: 1, tied: false }, 1)).toBe('settled');
  });

  it('always escalates a tie', () => {
    expect(escalationDecide({ winnerPosterior: 0.5, tied: true }, 0.5)).toBe('escalated');
  });

  it('rejects NaN', () => {
    expect(() => escalationDecide({ winnerPosterior: Number.NaN, tied: false }, 0.9)).toThrow(RangeError);
  });
});
