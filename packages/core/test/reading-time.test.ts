import { readingTimeSeconds } from '../src/reliability/reading-time';

describe('readingTimeSeconds', () => {
  it('is 1.5 s plus both texts at 20 characters per second', () => {
    expect(readingTimeSeconds('a'.repeat(30), 'b'.repeat(50))).toBeCloseTo(1.5 + 80 / 20, 12);
  });

  it('counts code points, not UTF-16 units', () => {
    // 20 emoji are 40 UTF-16 units but 20 characters to read.
    expect(readingTimeSeconds('😀'.repeat(20), '')).toBeCloseTo(1.5 + 1, 12);
    expect(readingTimeSeconds('猫の世話', '')).toBeCloseTo(1.5 + 4 / 20, 12);
  });

  it('takes options, and scale multiplies the whole time', () => {
    expect(readingTimeSeconds('x'.repeat(40), '', { charsPerSecond: 10, baseSeconds: 0 })).toBeCloseTo(4, 12);
    expect(readingTimeSeconds('x'.repeat(40), '', { scale: 0.1 })).toBeCloseTo(0.35, 12);
  });

  it('never returns 0, so later log-likelihoods stay finite', () => {
    expect(readingTimeSeconds('', '', { baseSeconds: 0 })).toBeGreaterThan(0);
  });

  it('rejects nonsense options', () => {
    expect(() => readingTimeSeconds('a', 'b', { charsPerSecond: 0 })).toThrow(RangeError);
    expect(() => readingTimeSeconds('a', 'b', { scale: -1 })).toThrow(RangeError);
    expect(() => readingTimeSeconds('a', 'b', { baseSeconds: Number.NaN })).toThrow(RangeError);
  });
});
