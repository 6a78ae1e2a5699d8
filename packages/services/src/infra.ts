import { Emitter } from '@socket.io/redis-emitter';
import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE, type DomainEvent } from '@quorum/contracts';
import type { EventPublisher, JobQueue } from './context';

export type RedisConfig = { url: string; /** BullMQ key prefix; tests use a random one each. */ prefix?: string; /** socket.io channel key. */ socketKey?: string };

export function redisConnection(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null for blocking commands on worker connections.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

export function bullQueue(cfg: RedisConfig, connection: ConnectionOptions): Queue {
  return new Queue(QUEUE, { connection, prefix: cfg.prefix ?? 'bull', defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } } });
}

/**
 * Jobs with a dedupe id are deduplicated while waiting, and one added while its twin is running
 * is kept (keepLastIfActive) and runs after it: a re-score asked for because a peer answered
 * while the score job was reading the old evidence must not be dropped.
 */
export function bullJobQueue(queue: Queue): JobQueue {
  return {
    async enqueue(jobs) {
      await queue.addBulk(
        jobs.map((j) => ({ name: j.name, data: j.payload, opts: { delay: j.opts?.delayMs, ...(j.opts?.dedupeId ? { deduplication: { id: j.opts.dedupeId, keepLastIfActive: true } } : {}) } })),
      );
    },
  };
}

export function socketEventPublisher(redis: Redis, cfg: RedisConfig): EventPublisher {
  const emitter = new Emitter(redis, { key: cfg.socketKey ?? 'socket.io' });
  return {
    publish(events: readonly DomainEvent[]) {
      for (const e of events) emitter.to(e.room).emit(e.name, e.payload as never);
    },
  };
}
