import { canonicalJson } from './canonical';

/**
 * A version's content hash without building its serialisation: the bytes fed to the hash are
 * exactly datasetCanonicalSerialisation(rows) (rows sorted by itemId, one canonical JSON per
 * line, '\n' between lines, none after the last), so hashes agree with versions hashed the old
 * way. A million rows would make a string of hundreds of MB; this feeds them line by line.
 *
 * Core does no crypto (it stays free of node:*): the caller passes the hash, e.g.
 * createHash('sha256'), and calls digest() itself. Any object with update(string) will do.
 */
export type HashUpdate = { update(chunk: string): unknown };

type Keyed = { itemId: string };

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Feeds rows in canonical order. Rows are sorted by itemId here; equal itemIds (which a valid
 * version never has) are ordered by their serialisation, so the result is still order-free.
 */
export function contentHashUpdate(hash: HashUpdate, rows: readonly Keyed[]): void {
  const order = rows.map((_, i) => i);
  const json = new Map<number, string>();
  const line = (i: number) => json.get(i) ?? canonicalJson(rows[i]);
  order.sort((i, j) => {
    const byId = compare(rows[i]!.itemId, rows[j]!.itemId);
    if (byId !== 0) {
      return byId;
    }
    // Ties only: serialise lazily and remember it, so ordinary rows are serialised once, below.
    for (const k of [i, j]) {
      json.set(k, line(k));
    }
    return compare(line(i), line(j)) || i - j;
  });
  order.forEach((i, n) => {
    hash.update(n === 0 ? line(i) : `\n${line(i)}`);
  });
}

/**
 * Feeds rows that arrive already sorted by itemId (ORDER BY item_id from the database, say),
 * holding one row at a time. Throws on rows out of order or repeated, since the hash would
 * then differ from the one contentHashUpdate gives for the same rows. Returns the row count.
 * Order is by UTF-16 code unit: a uuid column sorts that way in PostgreSQL, a text column
 * only with COLLATE "C".
 */
export async function contentHashUpdateSorted(
  hash: HashUpdate,
  rows: Iterable<Keyed> | AsyncIterable<Keyed>,
): Promise<number> {
  let previous: string | null = null;
  let n = 0;
  for await (const row of rows) {
    if (previous !== null && row.itemId <= previous) {
      throw new RangeError(`contentHashUpdateSorted: row ${row.itemId} comes after ${previous}; rows must be sorted by itemId and distinct`);
    }
    hash.update(n === 0 ? canonicalJson(row) : `\n${canonicalJson(row)}`);
    previous = row.itemId;
    n++;
  }
  return n;
}
