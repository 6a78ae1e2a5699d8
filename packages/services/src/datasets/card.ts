import { eq } from 'drizzle-orm';
import type { TUser } from '@quorum/contracts';
import {
  agreementFiguresEmpty,
  DATASET_SPLITS,
  datasetCardJson,
  datasetCardMarkdown,
  findingCountsEmpty,
  splitLabelCountsAdd,
  splitLabelCountsEmpty,
  type DatasetCardJson,
  type DatasetCardSummary,
  type DatasetSplit,
} from '@quorum/core';
import { datasetVersion, project, user, type DbOrTx } from '@quorum/db';
import type { ServiceContext } from '../context';
import { exportColumns } from '../export/export-row';
import type { CardFigures } from './version-figures';
import { toDatasetVersion, versionForEngineer, type VersionRow } from './versions';

/** What a version's card says, from the version row alone (figures were stored at merge). */
export async function datasetCardSummary(db: DbOrTx, v: VersionRow): Promise<DatasetCardSummary> {
  const [p] = await db.select({ name: project.name, labels: project.labels }).from(project).where(eq(project.id, v.projectId));
  const [parent] = v.parentId ? await db.select().from(datasetVersion).where(eq(datasetVersion.id, v.parentId)) : [];
  const [decider] = v.decidedBy ? await db.select({ name: user.displayName }).from(user).where(eq(user.id, v.decidedBy)) : [];
  const counts = splitLabelCountsEmpty(p!.labels);
  for (const [split, byLabel] of Object.entries(v.counts)) {
    if (!DATASET_SPLITS.includes(split as DatasetSplit)) continue;
    for (const [label, n] of Object.entries(byLabel)) if (n > 0) splitLabelCountsAdd(counts, split as DatasetSplit, label, n);
  }
  const figures = v.cardFigures as CardFigures | null;
  const report = toDatasetVersion(v).report;
  return {
    projectName: p!.name,
    version: v.number,
    contentHash: v.contentHash,
    createdAt: v.createdAt.toISOString(),
    parent: parent ? { version: parent.number, contentHash: parent.contentHash } : null,
    counts,
    agreement: figures?.agreement ?? agreementFiguresEmpty(),
    decidedBy: figures?.decidedBy ?? { crowd: 0, expert: 0 },
    checks: {
      findingCounts: { ...findingCountsEmpty(), ...report.findingCounts },
      quarantined: v.quarantinedCount,
      driftedLabels: report.drift.filter((d) => d.flagged).map((d) => d.label),
    },
    approval: { status: v.status, decidedBy: decider?.name ?? null, decidedAt: v.decidedAt?.toISOString() ?? null, note: v.decisionNote },
    columns: exportColumns(p!.labels).map((c) => ({ name: c.name, type: c.type, description: c.description })),
  };
}

export async function datasetCardOf(db: DbOrTx, v: VersionRow): Promise<DatasetCardJson> {
  return datasetCardJson(await datasetCardSummary(db, v));
}

/** GET /dataset-versions/:id/card: JSON for tools, Markdown (a Hugging Face README) for people. */
export async function datasetCard(ctx: ServiceContext, caller: TUser, versionId: string, format: 'json' | 'md'): Promise<{ contentType: string; body: string }> {
  const summary = await datasetCardSummary(ctx.db, await versionForEngineer(ctx.db, caller, versionId));
  return format === 'md'
    ? { contentType: 'text/markdown; charset=utf-8', body: datasetCardMarkdown(summary) }
    : { contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(datasetCardJson(summary), null, 2)}\n` };
}
