/**
 * Crowd labels as parallel typed arrays, the input of every aggregation method: label n says that
 * worker[n] gave item[n] the class label[n]. Items, workers and classes are dense indexes
 * 0 … nItems − 1 etc.; crowd-keys.ts maps string ids to them. Typed arrays, not objects, because
 * the aggregate of a million labels must fit in a second (bench/aggregate.ts).
 */
export type CrowdLabels = {
  item: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  nItems: number;
  nWorkers: number;
  nClasses: number;
};

/**
 * The labels grouped by item (compressed sparse rows), each item's labels ordered by worker then
 * class. The order makes every sum over an item's labels, and over a worker's labels item by item,
 * independent of the order the caller listed the labels in, so shuffled input gives bit-identical
 * output.
 */
export type CrowdIndex = {
  nItems: number;
  nWorkers: number;
  nClasses: number;
  /** item i owns positions itemStart[i] … itemStart[i + 1] − 1 of the arrays below */
  itemStart: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  /**
   * (w·K + l)·K: where answer l of worker w starts in an answer-major block [w][answered][true], so
   * the K entries P(answer l | true t) that an item's posterior multiplies in are contiguous (one
   * cache line for small K). Computed once instead of in every iteration.
   */
  cell: Int32Array;
  /** With crowdIndex's `source` option: the caller's position of each label. */
  source?: Int32Array;
};

function crowdCount(name: string, n: number, min: number): number {
  if (!Number.isInteger(n) || n < min || n > 0x7fffffff) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${n}`);
  }
  return n;
}

export function crowdLabelsCheck(c: CrowdLabels): void {
  const n = c.item.length;
  if (c.worker.length !== n || c.label.length !== n) {
    throw new RangeError('item, worker and label must have the same length');
  }
  const nItems = crowdCount('nItems', c.nItems, 0);
  const nWorkers = crowdCount('nWorkers', c.nWorkers, 0);
  const nClasses = crowdCount('nClasses', c.nClasses, 1);
  if (nWorkers * nClasses * nClasses > 0x7fffffff) {
    throw new RangeError('nWorkers × nClasses² is too large for one confusion array');
  }
  const { item, worker, label } = c;
  for (let j = 0; j < n; j++) {
    const i = item[j]!;
    const w = worker[j]!;
    const l = label[j]!;
    // One comparison per bound: a negative index fails `>= 0`, NaN cannot occur in an Int32Array.
    if (!(i >= 0 && i < nItems && w >= 0 && w < nWorkers && l >= 0 && l < nClasses)) {
      throw new RangeError(`label ${j} has item ${i}, worker ${w}, class ${l}: outside 0…nItems/nWorkers/nClasses − 1`);
    }
  }
}

/**
 * Sorts positions from..to−1 of the parallel arrays by cell (i.e. by worker, then class), stably.
 * Insertion sort: an item has a handful of labels, already in order more often than not.
 */
function crowdSortItem(from: number, to: number, worker: Int32Array, label: Int32Array, cell: Int32Array, source: Int32Array | null): void {
  if (to - from > 64) {
    // Insertion sort is quadratic; an item with thousands of labels takes the library sort instead.
    const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => cell[a]! - cell[b]! || a - b);
    const w = order.map((p) => worker[p]!);
    const l = order.map((p) => label[p]!);
    const c = order.map((p) => cell[p]!);
    if (source) source.set(order.map((p) => source[p]!), from);
    worker.set(w, from);
    label.set(l, from);
    cell.set(c, from);
    return;
  }
  for (let p = from + 1; p < to; p++) {
    const c = cell[p]!;
    if (c >= cell[p - 1]!) continue;
    const w = worker[p]!;
    const l = label[p]!;
    const src = source ? source[p]! : 0;
    let q = p;
    for (; q > from && cell[q - 1]! > c; q--) {
      cell[q] = cell[q - 1]!;
      worker[q] = worker[q - 1]!;
      label[q] = label[q - 1]!;
      if (source) source[q] = source[q - 1]!;
    }
    cell[q] = c;
    worker[q] = w;
    label[q] = l;
    if (source) source[q] = src;
  }
}

/**
 * Validates the labels and groups them by item, ordered by (item, worker, class): a counting sort
 * by item (skipped when the labels already come grouped by item), then an insertion sort inside
 * each item. O(n) for the usual few labels per item, with no comparison callbacks. With `source`,
 * the index also says where each label was in `c` (crowdIndexSelect uses it).
 */
export function crowdIndex(c: CrowdLabels, opts: { source?: boolean } = {}): CrowdIndex {
  crowdLabelsCheck(c);
  const n = c.item.length;
  const K = c.nClasses;
  const itemStart = new Int32Array(c.nItems + 1);
  let grouped = true;
  for (let j = 0; j < n; j++) {
    itemStart[c.item[j]! + 1]!++;
    if (j > 0 && c.item[j]! < c.item[j - 1]!) grouped = false;
  }
  for (let i = 0; i < c.nItems; i++) itemStart[i + 1]! += itemStart[i]!;
  const worker = new Int32Array(n);
  const label = new Int32Array(n);
  const cell = new Int32Array(n);
  const source = opts.source ? new Int32Array(n) : null;
  const next = grouped ? null : itemStart.slice(0, c.nItems);
  for (let j = 0; j < n; j++) {
    const p = next === null ? j : next[c.item[j]!]!++;
    worker[p] = c.worker[j]!;
    label[p] = c.label[j]!;
    cell[p] = (c.worker[j]! * K + c.label[j]!) * K;
    if (source) source[p] = j;
  }
  for (let i = 0; i < c.nItems; i++) crowdSortItem(itemStart[i]!, itemStart[i + 1]!, worker, label, cell, source);
  return { nItems: c.nItems, nWorkers: c.nWorkers, nClasses: K, itemStart, worker, label, cell, ...(source ? { source } : {}) };
}

/**
 * The index of a subset: the items `items` (ascending; renumbered 0 … items.length − 1) with
 * only the labels `keep` says 1 for (by the caller's position, so `index` needs `source`). Read
 * off the index in its order, so no sorting is needed: the same index crowdIndex would build from
 * the subset's labels, at a fraction of the cost.
 */
export function crowdIndexSelect(index: CrowdIndex, items: ArrayLike<number>, keep: Uint8Array): CrowdIndex {
  const { source, itemStart, worker, label, cell } = index;
  if (!source) throw new RangeError('crowdIndexSelect needs an index built with { source: true }');
  const m = items.length;
  const start = new Int32Array(m + 1);
  let n = 0;
  for (let s = 0; s < m; s++) {
    const i = items[s]!;
    if (s > 0 && !(i > items[s - 1]!)) throw new RangeError('crowdIndexSelect needs ascending items');
    for (let p = itemStart[i]!; p < itemStart[i + 1]!; p++) if (keep[source[p]!] === 1) n++;
    start[s + 1] = n;
  }
  const out = { worker: new Int32Array(n), label: new Int32Array(n), cell: new Int32Array(n) };
  for (let s = 0, k = 0; s < m; s++) {
    const i = items[s]!;
    for (let p = itemStart[i]!; p < itemStart[i + 1]!; p++) {
      if (keep[source[p]!] !== 1) continue;
      out.worker[k] = worker[p]!;
      out.label[k] = label[p]!;
      out.cell[k++] = cell[p]!;
    }
  }
  return { nItems: m, nWorkers: index.nWorkers, nClasses: index.nClasses, itemStart: start, ...out };
}

/** Votes per item and class, row-major nItems × K. */
export function crowdVoteCounts(index: CrowdIndex): Float64Array {
  const K = index.nClasses;
  const counts = new Float64Array(index.nItems * K);
  for (let i = 0; i < index.nItems; i++) {
    for (let p = index.itemStart[i]!; p < index.itemStart[i + 1]!; p++) counts[i * K + index.label[p]!]!++;
  }
  return counts;
}

/** Labels per worker. */
export function crowdWorkerLabelCounts(index: CrowdIndex): Int32Array {
  const counts = new Int32Array(index.nWorkers);
  for (let p = 0; p < index.worker.length; p++) counts[index.worker[p]!]!++;
  return counts;
}

/** Gold answers as one class index per item, −1 where the item has none. */
export function crowdGoldCheck(gold: Int32Array, nItems: number, nClasses: number): void {
  if (gold.length !== nItems) {
    throw new RangeError(`gold must have one entry per item (${nItems}), got ${gold.length}`);
  }
  for (let i = 0; i < nItems; i++) {
    const g = gold[i]!;
    if (!(g >= -1 && g < nClasses)) {
      throw new RangeError(`gold of item ${i} is ${g}: must be a class index or −1 (none)`);
    }
  }
}

/** Position (in index order) of the first label that repeats an (item, worker) pair, or −1. */
export function crowdDuplicate(index: CrowdIndex): number {
  for (let i = 0; i < index.nItems; i++) {
    for (let p = index.itemStart[i]! + 1; p < index.itemStart[i + 1]!; p++) {
      if (index.worker[p] === index.worker[p - 1]) return p;
    }
  }
  return -1;
}
