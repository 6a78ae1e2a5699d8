import { numIndex } from '../src/aggregation/num-index';

// Re-aggregation numbers a project's items by item.num and maps each label's num to that number:
// through an array when the project's nums are dense, through a Map when other projects' items
// interleave so much that the range is sparse. Both must give the same answers.
describe('numIndex', () => {
  const check = (nums: number[]) => {
    const { order, rank } = numIndex(Float64Array.from(nums));
    const sorted = [...nums].sort((a, b) => a - b);
    // order lists the rows in num order; rank is a row's place in it.
    expect(Array.from(order, (row) => nums[row])).toEqual(sorted);
    sorted.forEach((num, r) => expect(rank(num)).toBe(r));
    return rank;
  };

  it('dense nums (one project): ranks in num order, unknown nums −1', () => {
    const rank = check([105, 101, 104, 102, 110]);
    for (const missing of [100, 103, 111, 0, -5, 1e9]) expect(rank(missing)).toBe(-1);
  });

  it('sparse nums (interleaved with other projects): the same answers through a Map', () => {
    const nums = Array.from({ length: 50 }, (_, k) => 7 + k * 100_003).reverse();
    const rank = check(nums);
    expect(rank(8)).toBe(-1);
    expect(rank(nums[0]! + 1)).toBe(-1);
  });

  it('no items', () => {
    const { order, rank } = numIndex(new Float64Array(0));
    expect(order).toHaveLength(0);
    expect(rank(1)).toBe(-1);
  });
});
