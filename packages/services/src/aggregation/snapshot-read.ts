import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@quorum/db';

/** Runs one read and returns its rows. */
export type SnapshotRead = <T extends Record<string, unknown>>(query: SQL) => Promise<T[]>;

/**
 * Reads that see exactly what `tx` saw when this was called, on other connections, so several
 * big reads run at once: `tx` exports its snapshot (pg_export_snapshot) and each read is a
 * read-only REPEATABLE READ transaction that imports it — the way pg_dump reads tables in
 * parallel. The snapshot stays valid while `tx` is open; `tx` keeps its locks and does the writes.
 */
export async function snapshotReader(db: Db, tx: Tx, opts: { workMem?: string } = {}): Promise<SnapshotRead> {
  const res = await tx.execute<{ snapshot: string }>(sql`select pg_export_snapshot() as snapshot`);
  const snapshot = res.rows[0]!.snapshot;
  // A snapshot id is digits, hex and dashes; refuse anything else rather than quote it into SQL.
  if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
  const workMem = opts.workMem && /^\d+[kMG]B$/.test(opts.workMem) ? opts.workMem : null;
  return <T extends Record<string, unknown>>(query: SQL) =>
    db.transaction(
      async (side) => {
        await side.execute(sql.raw(`set transaction snapshot '${snapshot}'`));
        if (workMem) await side.execute(sql.raw(`set local work_mem = '${workMem}'`));
        return (await side.execute<T>(query)).rows as T[];
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
}
