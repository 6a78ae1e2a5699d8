import type { Response, Test } from 'supertest';
import { eq } from 'drizzle-orm';
import { item } from '@quorum/db';
import { aggregateItem, scoreSubmittedBatch } from '@quorum/services';
import type { Agent, Platform } from './platform';

/** Every route lives under this prefix. */
export const API = '/api/v1';

/** Asserts an error answer: status, code and (when given) the field it names, in one readable diff. */
export function expectError(res: Response, status: number, code: string, field?: string): void {
  // A request parsed as text (streams) still carries a JSON error body.
  const body = typeof res.body === 'string' && res.body.startsWith('{') ? JSON.parse(res.body) : res.body;
  const got = { status: res.status, code: body?.error?.code, ...(field === undefined ? {} : { field: body?.error?.field }) };
  expect(got).toEqual({ status, code, ...(field === undefined ? {} : { field }) });
}

/** A random UUID that names nothing in the database. */
export const NOWHERE = '00000000-0000-4000-8000-000000000000';

/** Logs each email in, in order. */
export async function logins<const E extends readonly string[]>(p: Platform, emails: E): Promise<{ -readonly [K in keyof E]: Agent }> {
  return (await Promise.all(emails.map((e) => p.login(e)))) as { -readonly [K in keyof E]: Agent };
}

/** Collects a streamed (non-JSON) body as text: `.buffer(true).parse(asText)`. */
export const asText: Exclude<Parameters<Test['parse']>[0], (str: string) => unknown> = (res, done) => {
  let text = '';
  res.on('data', (c: Buffer) => (text += c.toString()));
  res.on('end', () => done(null, text));
};

type Assignment = { id: string; position: number; textA: string; textB: string; label: string | null };

/** A labeller asks for a batch, answers every assignment with `answer`, and submits it. */
export async function labelAndSubmit(agent: Agent, projectId: string, answer: (a: Assignment, i: number) => string): Promise<{ id: string; assignments: Assignment[] }> {
  const { body } = await agent.post(`${API}/projects/${projectId}/batches`).expect(200);
  const b = body.batch as { id: string; assignments: Assignment[] };
  for (const [i, a] of b.assignments.entries()) await agent.put(`${API}/assignments/${a.id}/label`).send({ label: answer(a, i) }).expect(200);
  await agent.post(`${API}/batches/${b.id}/submit`).expect(200);
  return b;
}

/** What the worker would do after submits: score the batches, then aggregate every item of the project. */
export async function scoreAndAggregate(p: Platform, projectId: string, batchIds: string[]): Promise<void> {
  for (const id of batchIds) expect(await scoreSubmittedBatch(p.ctx, id)).toEqual({ decision: 'accept' });
  const items = await p.db.select({ id: item.id }).from(item).where(eq(item.projectId, projectId));
  for (const it of items) await aggregateItem(p.ctx, it.id);
}
