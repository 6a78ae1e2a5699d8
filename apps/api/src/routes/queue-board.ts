import type { RequestHandler, Router } from 'express';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AppError } from '@quorum/contracts';
import type { ServiceContext } from '@quorum/services';
import { resolveCaller } from '../auth';

/** Where Bull Board answers, under the API prefix so the session cookie and rate limit apply. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the work queue, for engineers only: it shows every project's jobs with their
 * payloads and can retry or remove them. The session decides (API tokens are refused: this is a
 * page for people); 401 without one, 403 for other roles, before Bull Board sees the request.
 */
export function queueBoardRoutes(router: Router, ctx: ServiceContext, queue: Queue, apiPrefix: string): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(`${apiPrefix}${QUEUE_BOARD_PATH}`);
  // @bull-board/express pins its own patch release of @bull-board/api: the same interface, declared
  // twice, so TypeScript sees two types (their private fields differ by declaration only).
  const serverAdapter = adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter, options: { uiConfig: { boardTitle: 'Quorum queues' } } });
  const engineersOnly: RequestHandler = async (req, _res, next) => {
    const caller = await resolveCaller(ctx, req, false);
    if (!caller) throw new AppError('unauthenticated', 'log in first');
    if (caller.role !== 'engineer') throw new AppError('forbidden', 'this needs the engineer role');
    next();
  };
  router.use(QUEUE_BOARD_PATH, engineersOnly, adapter.getRouter() as RequestHandler);
}
