import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { AppError } from '@quorum/contracts';
import type { ServiceContext } from '@quorum/services';
import { sessionMiddleware } from './auth';
import { errorHandler } from './errors';
import { openApiDocument } from './openapi';
import { authRoutes } from './routes/auth';
import { batchRoutes } from './routes/batches';
import { cockpitRoutes } from './routes/cockpit';
import { datasetRoutes } from './routes/datasets';
import { healthRoutes } from './routes/health';
import { projectRoutes } from './routes/projects';
import { queueBoardRoutes } from './routes/queue-board';
import { reliabilityRoutes } from './routes/reliability';
import { reviewRoutes } from './routes/reviews';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { attachSockets } from './sockets';

export type AppOptions = {
  ctx: ServiceContext;
  pool: Pool;
  redis: Redis;
  /** The work queue: the cockpit's job counts and Bull Board (/api/v1/admin/queues) need it. */
  queue?: Queue;
  sessionSecret: string;
  socketKey?: string;
  webDistDir?: string;
  secureCookies?: boolean;
  rateLimitPerMinute?: number;
  loginRateLimitPerMinute?: number;
};

export function createApp(opts: AppOptions) {
  const { ctx } = opts;
  const app = express();
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'upgrade-insecure-requests': null } } }));
  app.use(pinoHttp({ logger: ctx.log as never, autoLogging: { ignore: (req) => req.url === '/api/v1/health' } }));
  const session = sessionMiddleware(opts.pool, opts.sessionSecret, opts.secureCookies ?? false);

  const api = Router();
  api.use(rateLimit({ windowMs: 60_000, limit: opts.rateLimitPerMinute ?? 3000, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooMany }));
  api.use('/auth/login', rateLimit({ windowMs: 60_000, limit: opts.loginRateLimitPerMinute ?? 30, standardHeaders: 'draft-8', legacyHeaders: false, handler: tooMany }));
  api.use(session);
  const doc = openApiDocument();
  api.get('/openapi.json', (_req, res) => void res.json(doc));
  api.use('/docs', swaggerUi.serve, swaggerUi.setup(doc, { customSiteTitle: 'Quorum API' }));
  healthRoutes(api, ctx, opts.redis);
  authRoutes(api, ctx);
  projectRoutes(api, ctx);
  batchRoutes(api, ctx);
  reliabilityRoutes(api, ctx);
  reviewRoutes(api, ctx);
  datasetRoutes(api, ctx, opts.pool);
  tokenRoutes(api, ctx);
  userRoutes(api, ctx);
  cockpitRoutes(api, ctx, opts.queue);
  if (opts.queue) queueBoardRoutes(api, ctx, opts.queue, '/api/v1');
  api.use((req) => {
    throw new AppError('not_found', `no route ${req.method} ${req.baseUrl}${req.path}`);
  });
  app.use('/api/v1', api);

  const dist = opts.webDistDir;
  if (dist && existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // Client-side routes all load the single page.
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  }
  app.use(errorHandler);

  const http = createServer(app);
  const io = attachSockets(http, ctx, session, opts.redis, opts.socketKey ?? 'socket.io');
  return { app, http, io };
}

function tooMany(): never {
  throw new AppError('rate_limited', 'too many requests; slow down and retry in a minute');
}
