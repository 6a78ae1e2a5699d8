import type { RowFinding } from './findings';

/**
 * Exact duplicates and conflicts by pair key, among the new rows and against the parent.
 *
 * - Same key as a parent row: the new row is a duplicate when it agrees with the parent's
 *   label and a conflict when it does not. Either way the parent row stays: it was approved.
 * - Same key among new rows, one label: the row with the smallest itemId represents the key,
 *   the others are duplicates of it. Choosing by itemId, not arrival order, is what makes the
 *   merge give the same version whatever order the rows came in.
 * - Same key among new rows, several labels: every one is a conflict. There is no way to tell
 *   which settlement was right, so none of them enters the version until someone decides.
 */

export type KeyedRow = { itemId: string; key: string; label: string };
export type ParentKeyEntry = { itemId: string; label: string };

const byItemId = (rows: readonly KeyedRow[]) => (i: number, j: number) =>
  rows[i]!.itemId < rows[j]!.itemId ? -1 : rows[i]!.itemId > rows[j]!.itemId ? 1 : i - j;

function duplicateGroupFindings(
  rows: readonly KeyedRow[],
  members: readonly number[],
  parent: ParentKeyEntry | undefined,
  out: (RowFinding | null)[],
): void {
  if (parent) {
    for (const i of members) {
      const row = rows[i]!;
      const related = { itemId: parent.itemId, in: 'parent' as const, label: parent.label };
      out[i] =
        row.label === parent.label
          ? { code: 'duplicate', message: `same pair as row ${parent.itemId} of the parent version`, related }
          : {
              code: 'conflict',
              message: `same pair as row ${parent.itemId} of the parent version, labelled '${parent.label}' there and '${row.label}' here`,
              related,
            };
    }
    return;
  }
  const first = rows[members[0]!]!;
  const labels = [...new Set(members.map((i) => rows[i]!.label))].sort();
  if (labels.length > 1) {
    for (const i of members) {
      const row = rows[i]!;
      const other = rows[members.find((j) => rows[j]!.label !== row.label)!]!;
      out[i] = {
        code: 'conflict',
        message: `same pair settled as ${labels.map((l) => `'${l}'`).join(' and ')} (here '${row.label}', row ${other.itemId} '${other.label}')`,
        related: { itemId: other.itemId, in: 'candidate', label: other.label },
      };
    }
    return;
  }
  out[members[0]!] = null;
  for (const i of members.slice(1)) {
    out[i] = {
      code: 'duplicate',
      message: `same pair as row ${first.itemId} of this merge`,
      related: { itemId: first.itemId, in: 'candidate', label: first.label },
    };
  }
}

/**
 * One entry per row: null for a row that represents its key, else its duplicate or conflict
 * finding. Linear in rows: keys are grouped by a map, and only groups of two or more sort.
 */
export function duplicateFindings(
  rows: readonly KeyedRow[],
  parentByKey: ReadonlyMap<string, ParentKeyEntry>,
): (RowFinding | null)[] {
  const out: (RowFinding | null)[] = new Array<RowFinding | null>(rows.length).fill(null);
  const firstOfKey = new Map<string, number>();
  // next[i] chains the rows sharing row i's key, so groups cost no array per key.
  const next = new Int32Array(rows.length).fill(-1);
  const last = new Map<number, number>();
  rows.forEach((row, i) => {
    const first = firstOfKey.get(row.key);
    if (first === undefined) {
      firstOfKey.set(row.key, i);
      return;
    }
    next[last.get(first) ?? first] = i;
    last.set(first, i);
  });
  for (const [key, first] of firstOfKey) {
    const parent = parentByKey.get(key);
    if (next[first] === -1 && !parent) {
      continue;
    }
    const members: number[] = [];
    for (let i = first; i !== -1; i = next[i]!) {
      members.push(i);
    }
    members.sort(byItemId(rows));
    duplicateGroupFindings(rows, members, parent, out);
  }
  return out;
}
