/**
 * The difference between two versions' rows, as a merge-join over both sides sorted by key, so
 * two million-row versions can be compared while holding one row of each. The key is the
 * caller's: itemId to follow items, or the pair key to follow pairs across re-settlement.
 * Keys compare by UTF-16 code unit, which is ORDER BY for a uuid column and, in PostgreSQL,
 * for a text column with COLLATE "C".
 */

export type DiffRow = { key: string; label: string; split: string };

export type DiffEntry<T extends DiffRow> =
  | { kind: 'added'; key: string; after: T }
  | { kind: 'removed'; key: string; before: T }
  | { kind: 'changed'; key: string; before: T; after: T; relabelled: boolean; movedSplit: boolean };

export type DiffSummary = {
  added: number;
  removed: number;
  /** Rows in both versions whose label changed (some may also have moved split). */
  relabelled: number;
  /** Rows in both versions whose split changed (some may also be relabelled). */
  movedSplit: number;
  unchanged: number;
};

type Source<T> = Iterable<T> | AsyncIterable<T>;

function diffCursor<T extends DiffRow>(rows: Source<T>, side: string) {
  const it = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  let previous: string | null = null;
  return async (): Promise<T | null> => {
    const next = await it.next();
    if (next.done) {
      return null;
    }
    const key = next.value.key;
    if (previous !== null && key <= previous) {
      throw new RangeError(`datasetDiff: ${side} rows must be sorted by key and distinct ('${key}' after '${previous}')`);
    }
    previous = key;
    return next.value;
  };
}

/** Every key of either side once, in key order, unchanged rows included. */
async function* diffJoin<T extends DiffRow>(before: Source<T>, after: Source<T>): AsyncGenerator<DiffEntry<T> | { kind: 'unchanged' }> {
  const nextBefore = diffCursor(before, 'before');
  const nextAfter = diffCursor(after, 'after');
  let b = await nextBefore();
  let a = await nextAfter();
  while (b || a) {
    if (b && (!a || b.key < a.key)) {
      yield { kind: 'removed', key: b.key, before: b };
      b = await nextBefore();
    } else if (a && (!b || a.key < b.key)) {
      yield { kind: 'added', key: a.key, after: a };
      a = await nextAfter();
    } else {
      const relabelled = b!.label !== a!.label;
      const movedSplit = b!.split !== a!.split;
      yield relabelled || movedSplit ? { kind: 'changed', key: a!.key, before: b!, after: a!, relabelled, movedSplit } : { kind: 'unchanged' };
      b = await nextBefore();
      a = await nextAfter();
    }
  }
}

/** The rows added, removed, relabelled or moved between `before` and `after`, in key order. */
export async function* datasetDiff<T extends DiffRow>(before: Source<T>, after: Source<T>): AsyncGenerator<DiffEntry<T>> {
  for await (const entry of diffJoin(before, after)) {
    if (entry.kind !== 'unchanged') {
      yield entry;
    }
  }
}

/** Counts only; holds nothing but the counters. */
export async function datasetDiffSummary<T extends DiffRow>(before: Source<T>, after: Source<T>): Promise<DiffSummary> {
  const summary: DiffSummary = { added: 0, removed: 0, relabelled: 0, movedSplit: 0, unchanged: 0 };
  for await (const entry of diffJoin(before, after)) {
    if (entry.kind === 'changed') {
      summary.relabelled += entry.relabelled ? 1 : 0;
      summary.movedSplit += entry.movedSplit ? 1 : 0;
    } else {
      summary[entry.kind]++;
    }
  }
  return summary;
}
