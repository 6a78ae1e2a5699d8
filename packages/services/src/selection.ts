import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { rooms } from '@quorum/contracts';
import { selectUncertain, type SampleId } from '@quorum/core';
import { item, project, sample } from '@quorum/db';
import { inTransaction, type ServiceContext } from './context';
import { stageCountsEvent } from './stats';

/**
 * Tops the project's open items up to its budget with the pooled samples the model is least
 * sure about (least confidence, Settles 2009). Idempotent: a second run finds the budget full
 * or the pool empty. A transaction-scoped advisory lock keeps two runs from racing.
 */
export async function selectItems(ctx: ServiceContext, projectId: string): Promise<{ selected: number }> {
  return inTransaction(ctx, async (tx, out) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('select-items'), hashtext(${projectId}))`);
    const [p] = await tx.select().from(project).where(eq(project.id, projectId));
    if (!p) return { selected: 0 };
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(item)
      .where(and(eq(item.projectId, projectId), eq(item.status, 'labelling')));
    const room = p.openItemBudget - (open?.n ?? 0);
    if (room <= 0) return { selected: 0 };
    const pooled = await tx
      .select({ sampleId: sample.id, uncertainty: sample.uncertainty })
      .from(sample)
      .leftJoin(item, eq(item.sampleId, sample.id))
      .where(and(eq(sample.projectId, projectId), isNull(item.id)))
      .orderBy(desc(sample.uncertainty), sample.id)
      .limit(room);
    const chosen = selectUncertain(
      pooled.map((r) => ({ sampleId: r.sampleId as SampleId, uncertainty: r.uncertainty })),
      { openItems: open?.n ?? 0, openItemBudget: p.openItemBudget },
    );
    if (chosen.length === 0) return { selected: 0 };
    const rows = await tx
      .insert(item)
      .values(chosen.map((sampleId) => ({ projectId, sampleId, overlap: p.overlap, status: 'labelling' as const })))
      .onConflictDoNothing({ target: item.sampleId })
      .returning({ id: item.id });
    if (rows.length > 0) {
      out.event({ name: 'work:available', room: rooms.labellers(projectId), payload: { projectId } });
      out.event(await stageCountsEvent(tx, projectId));
    }
    return { selected: rows.length };
  });
}
