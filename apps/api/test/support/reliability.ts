import { eq, sql } from 'drizzle-orm';
import { batch, label } from '@quorum/db';
import { scoreSubmittedBatch, selectItems } from '@quorum/services';
import { API } from './http';
import { projectWithMembers, type Agent, type Platform } from './platform';

// Helpers for the reliability tests (scoring, pause, overrides, appeals). No worker runs in these
// files: a test moves server-measured time with `setSeconds` and scores with `score`.

type Assignment = { id: string; position: number; textA: string; textB: string; label: string | null };
export type LabellerBatch = { id: string; assignments: Assignment[] };

/** An engineer's project with members and selected items, through the API and the selection service. */
export async function projectWithItems(p: Platform, engineer: Agent, members: string[], config: Record<string, unknown>, samples: unknown[]): Promise<string> {
  const { id } = await projectWithMembers(engineer, members, config);
  await engineer.post(`${API}/projects/${id}/samples`).send(samples).expect(200);
  await selectItems(p.ctx, id);
  return id;
}

/**
 * A labeller asks for a batch, answers each pair as told (instantly, as a fast clicker would) and
 * submits. `responses` collects every body the labeller received; `clientMs` is the client's claim.
 */
export async function answerBatch(agent: Agent, projectId: string, answer: (a: Assignment, i: number) => string, opts: { responses?: unknown[]; clientMs?: number } = {}): Promise<LabellerBatch> {
  const seen = opts.responses ?? [];
  const res = await agent.post(`${API}/projects/${projectId}/batches`).expect(200);
  const b = res.body.batch as LabellerBatch;
  expect(b).not.toBeNull();
  seen.push(res.body);
  for (const [i, a] of b.assignments.entries()) seen.push((await agent.put(`${API}/assignments/${a.id}/label`).send({ label: answer(a, i), clientMs: opts.clientMs }).expect(200)).body);
  seen.push((await agent.post(`${API}/batches/${b.id}/submit`).expect(200)).body);
  return b;
}

/** Rewrites the server-measured seconds of a batch's answers (a reader's pace without the wait). */
export async function setSeconds(p: Platform, batchId: string, seconds: number): Promise<void> {
  await p.db.update(label).set({ seconds }).where(eq(label.batchId, batchId));
}

/** What the worker's score-batch job does. */
export async function score(p: Platform, batchId: string): Promise<string | undefined> {
  return (await scoreSubmittedBatch(p.ctx, batchId))?.decision;
}

/** Answers at a careful reader's pace, then scores. */
export async function scoreAt(p: Platform, batchId: string, seconds: number): Promise<string | undefined> {
  await setSeconds(p, batchId, seconds);
  return score(p, batchId);
}

export async function batchRow(p: Platform, batchId: string) {
  const [b] = await p.db.select().from(batch).where(eq(batch.id, batchId));
  return b!;
}

/** Statuses of a batch's assignments, by position. */
export async function assignmentStatuses(p: Platform, batchId: string): Promise<string[]> {
  const rows = await p.db.execute<{ status: string }>(sql`select status from assignment where batch_id = ${batchId} order by position`);
  return rows.rows.map((r) => r.status);
}

/** Queued score-batch jobs for a batch (waiting or delayed). */
export async function scoreJobs(p: Platform, batchId: string) {
  const jobs = await p.queue.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.filter((j) => j.name === 'score-batch' && j.data.batchId === batchId);
}

/** Removes every queued job (and its deduplication key), so a test sees only what comes next. */
export async function clearJobs(p: Platform): Promise<void> {
  for (const j of await p.queue.getJobs(['waiting', 'delayed', 'prioritized'])) await j.remove();
}

/** A gold pair. Labellers see no difference; the tests recognise it by its text. */
export const goldPair = (n: number, goldLabel: string) => ({
  externalId: `gold-${n}`,
  textA: `I need help with chore ${n}`,
  textB: `I can help with chore ${n}`,
  modelProbs: { match: 0.5, no_match: 0.5 },
  goldLabel,
});

/**
 * Asserts that what a labeller received gives nothing away: no gold/control flags or item ids,
 * no scoring figures, and none of the given secrets (item ids, other labellers' ids and emails).
 */
export function expectNothingSecret(body: unknown, secrets: readonly string[]): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/gold/i);
  expect(text).not.toMatch(/posteriorSpam|evidence|spamPrior|logLikelihood|isGold|is_gold|itemId|item_id|labellerId/i);
  for (const s of secrets) expect(text).not.toContain(s);
}
