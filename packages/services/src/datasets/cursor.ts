import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@quorum/db';

let cursors = 0;

/**
 * Rows of `query` a batch at a time through a server-side cursor, inside the caller's
 * transaction (a cursor lives no longer than one). What holds a million-row version in memory
 * is then one batch, and the transaction still sees its own uncommitted writes: the merge
 * hashes the candidate it has just written.
 */
export async function* cursorRows<T>(tx: Tx, query: SQL, batchSize = 5000): AsyncGenerator<T> {
  const name = sql.raw(`quorum_cursor_${++cursors}`);
  await tx.execute(sql`declare ${name} no scroll cursor for ${query}`);
  try {
    for (;;) {
      const batch = await tx.execute<Record<string, unknown>>(sql`fetch forward ${sql.raw(String(batchSize))} from ${name}`);
      yield* batch.rows as T[];
      if (batch.rows.length < batchSize) {
        return;
      }
    }
  } finally {
    await tx.execute(sql`close ${name}`).catch(() => undefined);
  }
}
