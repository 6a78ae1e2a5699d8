import { sql } from 'drizzle-orm';
import { pairKey, splitFromKey, type CandidateCheckConfig, type TDatasetSettings } from '@quorum/core';
import { datasetVersion, type Tx } from '@quorum/db';
import type { ProjectRow } from '../projects';
import { cursorRows } from './cursor';
import { versionFigures } from './version-figures';

export const datasetSettingsOf = (p: ProjectRow): TDatasetSettings => ({
  splitRatios: p.splitRatios,
  nearDuplicateThreshold: p.nearDuplicateThreshold,
  labelDriftThreshold: p.labelDriftThreshold,
  symmetricPairs: p.symmetricPairs,
});

export const checkConfigOf = (p: ProjectRow): CandidateCheckConfig => ({ ...datasetSettingsOf(p), labels: p.labels, maxTextLength: p.maxTextLength });

/**
 * Rows migrated from before splits (migration 0010) get theirs, as the merge would have given
 * them: a pure function of the normalised pair under the project's settings. Their versions
 * (stored without settings) are recounted. Runs at most once per project; afterwards the check
 * is one look at the project's versions.
 */
export async function legacySplitsBackfill(tx: Tx, p: ProjectRow): Promise<void> {
  const legacy = await tx.execute<{ id: string; number: number }>(sql`
    select id, number from dataset_version where project_id = ${p.id} and settings is null and status <> 'rejected' for update`);
  if (legacy.rows.length === 0) return;
  const opts = { symmetric: p.symmetricPairs };
  const pending = cursorRows<{ item_id: string; valid_from: number; text_a: string; text_b: string }>(
    tx,
    sql`select item_id, valid_from, text_a, text_b from dataset_row where project_id = ${p.id} and split is null`,
  );
  // Read first, then written: a cursor must not read rows the loop is rewriting. Legacy data is small.
  const all: { item_id: string; valid_from: number; split: string }[] = [];
  for await (const r of pending) all.push({ item_id: r.item_id, valid_from: r.valid_from, split: splitFromKey(pairKey(r.text_a, r.text_b, opts), p.splitRatios) });
  for (let i = 0; i < all.length; i += 5000) {
    const part = all.slice(i, i + 5000);
    await tx.execute(sql`
      update dataset_row r set split = t.split
      from unnest(${sql.param(part.map((b) => b.item_id))}::uuid[], ${sql.param(part.map((b) => b.valid_from))}::int[], ${sql.param(part.map((b) => b.split))}::text[]) as t(item_id, valid_from, split)
      where r.project_id = ${p.id} and r.item_id = t.item_id and r.valid_from = t.valid_from`);
  }
  for (const v of legacy.rows) {
    const f = await versionFigures(tx, p.id, v.number, p.labels);
    await tx
      .update(datasetVersion)
      .set({ counts: f.counts, cardFigures: f.card, settings: { ...datasetSettingsOf(p), legacy: true } })
      .where(sql`${datasetVersion.id} = ${v.id}`);
  }
}
