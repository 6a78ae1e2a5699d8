import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { agreementFiguresEmpty, contentHashUpdateSorted, type AgreementFigures } from '@quorum/core';
import type { Tx } from '@quorum/db';
import { cursorRows } from './cursor';
import { liveAt } from './rows-sql';

/** What the dataset card shows beyond counts; stored on the version when it is made. */
export type CardFigures = { agreement: AgreementFigures; decidedBy: { crowd: number; expert: number } };

export type VersionFigures = { rowCount: number; counts: Record<string, Record<string, number>>; card: CardFigures };

/** Rows per split and label, by crowd or expert, and the agreement histogram, in one grouped scan. */
export async function versionFigures(tx: Tx, projectId: string, n: number, labels: readonly string[]): Promise<VersionFigures> {
  const rows = await tx.execute<{ split: string | null; label: string; decided_by: 'crowd' | 'expert'; bin: number | null; n: number; total: number | null }>(sql`
    select r.split, r.label, r.decided_by, least(9, greatest(0, floor(r.agreement * 10)))::int as bin, count(*)::int as n, sum(r.agreement) as total
    from dataset_row r where ${liveAt(projectId, n)} group by 1, 2, 3, 4`);
  const counts: Record<string, Record<string, number>> = {};
  for (const split of ['train', 'dev', 'test']) counts[split] = Object.fromEntries(labels.map((l) => [l, 0]));
  const agreement = agreementFiguresEmpty();
  const decidedBy = { crowd: 0, expert: 0 };
  let rowCount = 0;
  let sum = 0;
  for (const r of rows.rows) {
    const split = r.split ?? 'unsplit';
    counts[split] ??= {};
    counts[split][r.label] = (counts[split][r.label] ?? 0) + r.n;
    decidedBy[r.decided_by] += r.n;
    rowCount += r.n;
    if (r.bin !== null) {
      agreement.rows += r.n;
      agreement.histogram[r.bin]! += r.n;
      sum += Number(r.total);
    }
  }
  agreement.mean = agreement.rows > 0 ? sum / agreement.rows : null;
  return { rowCount, counts, card: { agreement, decidedBy } };
}

/**
 * sha256 over the version's rows in canonical form, fed one row at a time from a cursor. A row
 * is what a model trains on: its texts, label and split, keyed by the sample's external id
 * rather than the item id, so two projects holding the same samples get the same hash, and
 * whatever order the rows were merged in (contentHashUpdateSorted needs them sorted by key;
 * COLLATE "C" sorts like JavaScript's string comparison for all but astral characters, and a
 * row out of order fails the merge rather than give a wrong hash).
 */
export async function versionContentHash(tx: Tx, projectId: string, n: number): Promise<string> {
  const hash = createHash('sha256');
  const rows = cursorRows<{ external_id: string; text_a: string; text_b: string; label: string; split: string | null }>(
    tx,
    sql`select r.external_id, r.text_a, r.text_b, r.label, r.split from dataset_row r where ${liveAt(projectId, n)} order by r.external_id collate "C"`,
  );
  async function* canonical() {
    for await (const r of rows) yield { itemId: r.external_id, textA: r.text_a, textB: r.text_b, label: r.label, split: r.split };
  }
  await contentHashUpdateSorted(hash, canonical());
  return hash.digest('hex');
}
