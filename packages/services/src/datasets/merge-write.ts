import { sql } from 'drizzle-orm';
import { findingsReason, QUARANTINE_CODES, type RowVerdict } from '@quorum/core';
import type { Tx } from '@quorum/db';
import { OPEN } from './rows-sql';

// The merge's writes, set-based: the verdicts go to a temporary table and every revision and
// quarantined row is written by one INSERT … SELECT from merge_offer, so provenance never
// travels through JavaScript.

const CHUNK = 20_000;

/** Array literal of int4s for a text[] parameter element ('{1,-2,3}'). */
const intArray = (xs: Uint32Array) => `{${Array.from(xs, (x) => x | 0).join(',')}}`;
const textArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;

export async function mergeVerdictsWrite(tx: Tx, verdicts: readonly RowVerdict[], bands: ReadonlyMap<string, Uint32Array>): Promise<void> {
  await tx.execute(sql`
    create temp table merge_verdict (item_id uuid primary key, status text not null, split text, bands int4[], codes text[] not null, reason text not null, details jsonb not null)
    on commit drop`);
  for (let i = 0; i < verdicts.length; i += CHUNK) {
    const part = verdicts.slice(i, i + CHUNK);
    const codes = (v: RowVerdict) => [...new Set(v.findings.map((f) => f.code).filter((c) => QUARANTINE_CODES.has(c)))];
    await tx.execute(sql`
      insert into merge_verdict
      select item_id, status, split, bands::int4[], codes::text[], reason, details
      from unnest(${sql.param(part.map((v) => v.itemId))}::uuid[], ${sql.param(part.map((v) => v.status))}::text[],
                  ${sql.param(part.map((v) => (v.status === 'accepted' ? v.split : null)))}::text[],
                  ${sql.param(part.map((v) => { const b = bands.get(v.itemId); return b ? intArray(b) : null; }))}::text[],
                  ${sql.param(part.map((v) => (v.status === 'quarantined' ? textArray(codes(v)) : '{}')))}::text[],
                  ${sql.param(part.map((v) => (v.status === 'quarantined' ? findingsReason(v.findings) : '')))}::text[],
                  ${sql.param(part.map((v) => JSON.stringify(v.findings)))}::jsonb[])
           as t(item_id, status, split, bands, codes, reason, details)`);
  }
}

export type MergeTarget = { projectId: string; versionId: string; number: number };

/**
 * Closes the parent's revisions of rows that leave or change, opens the accepted rows', and
 * quarantines the rest; quarantined rows offered again are marked taken. Returns the counts
 * of rows added (new items), relabelled and removed against the parent.
 */
export async function mergeRowsWrite(tx: Tx, t: MergeTarget): Promise<{ added: number; relabelled: number; removed: number }> {
  const changed = await tx.execute<{ kind: string; status: string | null; n: number }>(sql`
    select 'gone' as kind, null as status, count(*)::int as n from merge_gone
    union all
    select o.kind, v.status, count(*)::int from merge_offer o join merge_verdict v using (item_id) group by 1, 2`);
  // Close before opening: an item has one open revision at most (dataset_row_one_open_per_item).
  await tx.execute(sql`
    update dataset_row set valid_to = ${t.number}
    where project_id = ${t.projectId} and valid_to = ${OPEN}
      and item_id in (select item_id from merge_gone union all select item_id from merge_offer where kind = 'relabel')`);
  await tx.execute(sql`
    insert into dataset_row (project_id, item_id, version_id, valid_from, sample_id, external_id, text_a, text_b, label, split, decided_by,
      origin, agreement, posterior, votes, model_label, model_version, model_probs, expert_note, batch_ids, provenance, lsh_bands)
    select ${t.projectId}, o.item_id, ${t.versionId}, ${t.number}, o.sample_id, o.external_id, o.text_a, o.text_b, o.label, v.split, o.decided_by,
      case o.kind when 'released' then 'released' when 'fixed' then 'fixed' else 'merge' end,
      o.agreement, o.posterior, o.votes, o.model_label, o.model_version, o.model_probs, o.expert_note, o.batch_ids,
      case when v.details = '[]'::jsonb then o.provenance else o.provenance || jsonb_build_object('findings', v.details) end,
      v.bands
    from merge_offer o join merge_verdict v using (item_id) where v.status = 'accepted'`);
  // Taken before new quarantine is written: an item waits in quarantine once at most.
  await tx.execute(sql`update quarantined_row set resolved_version_id = ${t.versionId} where id in (select quarantine_id from merge_offer where quarantine_id is not null)`);
  await tx.execute(sql`
    insert into quarantined_row (version_id, project_id, item_id, text_a, text_b, label, codes, reason, details)
    select ${t.versionId}, ${t.projectId}, o.item_id, o.text_a, o.text_b, o.label, v.codes, v.reason, v.details
    from merge_offer o join merge_verdict v using (item_id) where v.status = 'quarantined'`);
  const count = (kind: string, status: string | null) => changed.rows.filter((r) => r.kind === kind && (status === null || r.status === status)).reduce((n, r) => n + r.n, 0);
  return {
    added: count('fresh', 'accepted') + count('released', 'accepted') + count('fixed', 'accepted'),
    relabelled: count('relabel', 'accepted'),
    removed: count('gone', null) + count('relabel', 'quarantined'),
  };
}
