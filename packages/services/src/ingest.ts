import { AppError, jobIds, type TUser } from '@quorum/contracts';
import { ingestParse, uncertaintyLeastConfidence } from '@quorum/core';
import { goldAnswer, item, sample } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { projectForMember } from './projects';
import { stageCountsEvent } from './stats';

export const INGEST_MAX_RECORDS = 10_000;

export type IngestResult = { received: number; inserted: number; duplicates: number; gold: number };

/**
 * Ingests samples all-or-nothing: every record is validated before anything is written, and
 * the inserts share one transaction. Idempotent on (project, externalId): a record whose
 * externalId is already stored is counted as a duplicate and left as it was.
 * Records with a goldLabel become gold items straight away (engineer-imported known answers).
 */
export async function ingestSamples(ctx: ServiceContext, caller: TUser, projectId: string, body: string | unknown[]): Promise<IngestResult> {
  const project = await projectForMember(ctx.db, caller.id, projectId);
  const parsed = ingestParse(body, { labels: project.labels, maxTextLength: project.maxTextLength, maxRecords: INGEST_MAX_RECORDS });
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    const where = first.line > 0 ? `line ${first.line}: ` : '';
    throw new AppError('bad_request', `${where}${first.field}: ${first.message}`, first.field, parsed.errors);
  }
  const records = parsed.records;
  return inTransaction(ctx, async (tx, out) => {
    let inserted = 0;
    let gold = 0;
    // Chunks keep each statement under PostgreSQL's 65k bind-parameter limit.
    for (let i = 0; i < records.length; i += 1000) {
      const chunk = records.slice(i, i + 1000);
      const rows = await tx
        .insert(sample)
        .values(
          chunk.map((r) => ({
            projectId,
            externalId: r.externalId,
            textA: r.textA,
            textB: r.textB,
            modelLabel: r.modelLabel,
            modelProbs: r.modelProbs,
            modelVersion: r.modelVersion,
            uncertainty: uncertaintyLeastConfidence(r.modelProbs),
            modelConfidence: 1 - uncertaintyLeastConfidence(r.modelProbs),
          })),
        )
        .onConflictDoNothing({ target: [sample.projectId, sample.externalId] })
        .returning({ id: sample.id, externalId: sample.externalId });
      inserted += rows.length;
      const goldByExternal = new Map(chunk.filter((r) => r.goldLabel !== null).map((r) => [r.externalId, r.goldLabel!]));
      const goldRows = rows.filter((r) => goldByExternal.has(r.externalId));
      if (goldRows.length > 0) {
        const items = await tx
          .insert(item)
          .values(goldRows.map((r) => ({ projectId, sampleId: r.id, status: 'gold' as const, overlap: null })))
          .returning({ id: item.id, sampleId: item.sampleId });
        const externalBySample = new Map(goldRows.map((r) => [r.id, r.externalId]));
        await tx.insert(goldAnswer).values(items.map((it) => ({ itemId: it.id, label: goldByExternal.get(externalBySample.get(it.sampleId)!)!, source: 'import' })));
        gold += items.length;
      }
    }
    if (inserted > gold) out.job({ name: 'select-items', payload: { projectId }, opts: { dedupeId: jobIds.selectItems(projectId) } });
    out.event(await stageCountsEvent(tx, projectId));
    return { received: records.length, inserted, duplicates: records.length - inserted, gold };
  });
}

