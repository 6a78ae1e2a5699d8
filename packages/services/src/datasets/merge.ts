import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, rooms, type TDatasetVersion, type TUser } from '@quorum/contracts';
import { checkCandidateRows, nearDuplicateBandHashes, pairKey, type CandidateRow } from '@quorum/core';
import { datasetVersion, project, type Tx } from '@quorum/db';
import { inTransaction, type ServiceContext } from '../context';
import { projectForMember, type ProjectRow } from '../projects';
import { stageCountsEvent } from '../stats';
import { lockLineage } from './lock';
import { mergeGoneCount, mergeOfferCreate, mergeOfferRows, mergeParentCounts, mergeParentRows, type OfferedRow } from './merge-offer';
import { mergeReport } from './merge-report';
import { mergeRowsWrite, mergeVerdictsWrite } from './merge-write';
import { checkConfigOf, datasetSettingsOf, legacySplitsBackfill } from './settings';
import { versionContentHash, versionFigures } from './version-figures';
import { openCandidate, toDatasetVersion } from './versions';

/** Above this many offered rows, the parent is read whole instead of by LSH band. */
const BAND_LOOKUP_MAX_ROWS = 100_000;

/**
 * Stored LSH bands only serve when every approved version computed them under today's
 * settings; otherwise the checks get the whole parent.
 */
async function bandsUsable(tx: Tx, p: ProjectRow): Promise<boolean> {
  const r = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from dataset_version where project_id = ${p.id} and status = 'approved' and settings is not null
      and ((settings->>'nearDuplicateThreshold')::float8 <> ${p.nearDuplicateThreshold} or (settings->>'symmetricPairs')::boolean <> ${p.symmetricPairs})`);
  return r.rows[0]!.n === 0;
}

function offeredBands(p: ProjectRow, offered: readonly OfferedRow[]): Map<string, Uint32Array> {
  const opts = { threshold: p.nearDuplicateThreshold, symmetric: p.symmetricPairs };
  return new Map(offered.map((o) => [o.itemId, nearDuplicateBandHashes(pairKey(o.textA, o.textB, opts), opts)]));
}

/**
 * Merges settled items not in the newest version, quarantined rows the engineer released or
 * fixed, and rows whose item changed since, into a new candidate version whose parent is the
 * latest approved one. Every offered row goes through core's checks: accepted rows become the
 * candidate's revisions with their split, the others are quarantined with every reason.
 * Idempotent: nothing to offer, or a candidate still open, makes no version. Serialised per
 * project by an advisory lock, and dataset_version_one_candidate backs it up.
 */
export async function mergeDataset(ctx: ServiceContext, projectId: string): Promise<TDatasetVersion | null> {
  return inTransaction(ctx, async (tx, out) => {
    await lockLineage(tx, projectId);
    const [p] = await tx.select().from(project).where(eq(project.id, projectId));
    if (!p || (await openCandidate(tx, projectId))) return null;
    await legacySplitsBackfill(tx, p);
    await mergeOfferCreate(tx, projectId, p.labels);
    const offered = await mergeOfferRows(tx);
    if (offered.length === 0 && (await mergeGoneCount(tx)) === 0) return null;

    const [parent] = await tx
      .select()
      .from(datasetVersion)
      .where(and(eq(datasetVersion.projectId, projectId), eq(datasetVersion.status, 'approved')))
      .orderBy(desc(datasetVersion.number))
      .limit(1);
    const bands = offeredBands(p, offered);
    const parentCounts = await mergeParentCounts(tx, projectId, p.labels);
    // A big merge is compared with the whole parent anyway; a small one only with what it can match.
    const subset = offered.length <= BAND_LOOKUP_MAX_ROWS && (await bandsUsable(tx, p));
    const parentRows =
      parentCounts.total === 0 ? [] : await mergeParentRows(tx, projectId, subset ? [...bands.values()].flatMap((b) => Array.from(b, (x) => x | 0)) : null);
    const candidates: CandidateRow[] = offered.map((o) => ({ itemId: o.itemId, textA: o.textA, textB: o.textB, label: o.label, released: o.released }));
    const { verdicts, report } = checkCandidateRows(candidates, parentRows, checkConfigOf(p), { parentCounts });

    // Numbers count every version, rejected ones too, so a number is never reused.
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${datasetVersion.number}), 0)::int` }).from(datasetVersion).where(eq(datasetVersion.projectId, projectId));
    const number = (last?.n ?? 0) + 1;
    const [v] = await tx
      .insert(datasetVersion)
      .values({ projectId, number, parentId: parent?.id ?? null, contentHash: '', rowCount: 0, addedCount: 0, report: {}, settings: datasetSettingsOf(p), createdAt: ctx.now() })
      .returning();
    await mergeVerdictsWrite(tx, verdicts, bands);
    const changes = await mergeRowsWrite(tx, { projectId, versionId: v!.id, number });
    const figures = await versionFigures(tx, projectId, number, p.labels);
    const externalIds = new Map(offered.map((o) => [o.itemId, o.externalId]));
    const [done] = await tx
      .update(datasetVersion)
      .set({
        contentHash: await versionContentHash(tx, projectId, number),
        rowCount: figures.rowCount,
        addedCount: changes.added,
        removedCount: changes.removed,
        relabelledCount: changes.relabelled,
        quarantinedCount: report.quarantined,
        counts: figures.counts,
        cardFigures: figures.card,
        report: mergeReport(report, (id) => externalIds.get(id) ?? ''),
      })
      .where(eq(datasetVersion.id, v!.id))
      .returning();
    out.event({ name: 'dataset-version:changed', room: rooms.engineers(projectId), payload: { projectId, versionId: v!.id, status: 'candidate' } });
    out.event(await stageCountsEvent(tx, projectId));
    return toDatasetVersion(done!);
  });
}

/** What POST /projects/:id/dataset-versions checks before it queues a merge. */
export async function mergeRequestCheck(ctx: ServiceContext, caller: TUser, projectId: string): Promise<void> {
  await projectForMember(ctx.db, caller.id, projectId);
  const candidate = await openCandidate(ctx.db, projectId);
  if (candidate) throw new AppError('conflict', `version ${candidate.number} is a candidate: approve or reject it before merging again`);
}
