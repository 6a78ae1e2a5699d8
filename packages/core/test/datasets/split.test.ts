import { splitFromKey, splitHash, splitPoint } from '../../src/datasets/split';
import { pairKey } from '../../src/datasets/normalise';

const ratios = { train: 0.8, dev: 0.1, test: 0.1 };

describe('splitFromKey', () => {
  it('is a pure function of the key: frozen values', () => {
    // These pin the hash: if they change, every existing row would move split.
    expect(splitHash('')).toBe(3338908027751811);
    expect(splitHash('look after my cat\u001fpet sitting')).toBe(splitHash('look after my cat\u001fpet sitting'));
    expect(splitPoint('a')).toBeGreaterThanOrEqual(0);
    expect(splitPoint('a')).toBeLessThan(1);
  });

  it('puts a pair and its normalised duplicates in the same split', () => {
    for (let i = 0; i < 200; i++) {
      const k1 = pairKey(`I want someone to look after my cat #${i}`, 'I can provide pet sitting', { symmetric: false });
      const k2 = pairKey(`i want\u200b someone  to LOOK after my cat #${i}`, 'I can provide ｐｅｔ sitting', { symmetric: false });
      expect(splitFromKey(k2, ratios)).toBe(splitFromKey(k1, ratios));
    }
  });

  it('puts a swapped pair in the same split when the relation is symmetric', () => {
    for (let i = 0; i < 200; i++) {
      const a = `text ${i}`;
      const b = `other ${i * 7}`;
      expect(splitFromKey(pairKey(b, a, { symmetric: true }), ratios)).toBe(splitFromKey(pairKey(a, b, { symmetric: true }), ratios));
    }
  });

  it('follows the ratios over many keys', () => {
    const n = 20000;
    const counts = { train: 0, dev: 0, test: 0 };
    for (let i = 0; i < n; i++) {
      counts[splitFromKey(`key ${i}`, ratios)]++;
    }
    // Binomial sd at n = 20000 is 0.28 points for 10 %; 1.5 points is over 5 sd.
    expect(Math.abs(counts.train / n - 0.8)).toBeLessThan(0.015);
    expect(Math.abs(counts.dev / n - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(counts.test / n - 0.1)).toBeLessThan(0.015);
  });

  it('never uses a split whose ratio is 0', () => {
    const noTest = { train: 0.7, dev: 0.3, test: 0 };
    const noDev = { train: 0.5, dev: 0, test: 0.5 };
    for (let i = 0; i < 5000; i++) {
      expect(splitFromKey(`k${i}`, noTest)).not.toBe('test');
      expect(splitFromKey(`k${i}`, noDev)).not.toBe('dev');
      expect(splitFromKey(`k${i}`, { train: 1, dev: 0, test: 0 })).toBe('train');
    }
  });
});
