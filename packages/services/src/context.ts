import type { DomainEvent, JobName, JobPayloads } from '@quorum/contracts';
import type { Db, Tx } from '@quorum/db';

/** dedupeId: while a job with this id waits or runs, adding another is a no-op (BullMQ deduplication). */
export type JobOptions = { dedupeId?: string; delayMs?: number };
export type Job = { [N in JobName]: { name: N; payload: JobPayloads[N]; opts?: JobOptions } }[JobName];

/** Where follow-up work goes (BullMQ in production). */
export interface JobQueue {
  enqueue(jobs: readonly Job[]): Promise<void>;
}
/** Where domain events go (socket.io rooms through Redis in production). */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): void;
}
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type ServiceContext = {
  db: Db;
  jobs: JobQueue;
  events: EventPublisher;
  now: () => Date;
  /** Seeded in tests and the demo seed; Math.random elsewhere. */
  random: () => number;
  log: Logger;
};

/** Jobs and events a use case wants sent once its transaction has committed. */
export class Outbox {
  readonly jobs: Job[] = [];
  readonly events: DomainEvent[] = [];
  job(job: Job): void {
    this.jobs.push(job);
  }
  event(event: DomainEvent): void {
    this.events.push(event);
  }
}

/**
 * Runs `work` in one transaction, then sends its outbox. PostgreSQL is the truth: if Redis is
 * down after the commit, the jobs are lost from the queue but the reconciler finds the pending
 * work in PostgreSQL and enqueues it again, so this only logs.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx, out: Outbox) => Promise<T>): Promise<T> {
  const out = new Outbox();
  const result = await ctx.db.transaction((tx) => work(tx, out));
  await flush(ctx, out);
  return result;
}

/** How long a request waits for Redis to take its follow-up jobs. Redis down must not hang the
 *  request that already committed: the reconciler re-enqueues from PostgreSQL. */
export const ENQUEUE_TIMEOUT_MS = 2000;

export async function flush(ctx: ServiceContext, out: Outbox): Promise<void> {
  try {
    if (out.jobs.length > 0) await withTimeout(ctx.jobs.enqueue(out.jobs), ENQUEUE_TIMEOUT_MS, 'enqueue');
  } catch (err) {
    ctx.log.warn({ err, jobs: out.jobs.map((j) => j.name) }, 'enqueue failed; the reconciler will pick the work up');
  }
  try {
    if (out.events.length > 0) ctx.events.publish(out.events);
  } catch (err) {
    ctx.log.warn({ err }, 'publishing events failed');
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
