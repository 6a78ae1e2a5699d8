import { createDatabase } from '@quorum/db';
import { bullJobQueue, bullQueue, redisConnection, socketEventPublisher, type ServiceContext } from '@quorum/services';
import pino from 'pino';
import { createApp } from './app';
import { apiEnv } from './env';

async function main() {
  const env = apiEnv();
  // Request logs carry the headers: never write a bearer token or a session cookie to them.
  const log = pino({ name: 'api', level: env.LOG_LEVEL, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' } });
  const database = createDatabase(env.DATABASE_URL, { max: 20 });
  const redis = redisConnection(env.REDIS_URL);
  const queue = bullQueue({ url: env.REDIS_URL }, redis);
  const ctx: ServiceContext = {
    db: database.db,
    jobs: bullJobQueue(queue),
    events: socketEventPublisher(redis, { url: env.REDIS_URL }),
    now: () => new Date(),
    random: Math.random,
    log,
  };
  const { http, io } = createApp({
    ctx,
    pool: database.pool,
    redis,
    queue,
    sessionSecret: env.SESSION_SECRET,
    webDistDir: env.WEB_DIST_DIR,
    secureCookies: env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== '1',
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
  });
  http.listen(env.PORT, env.HOST, () => log.info({ port: env.PORT }, `API listening on http://localhost:${env.PORT}`));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void io.close();
    http.close(() => {
      void queue.close().then(() => {
        redis.disconnect();
        return database.close();
      }).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('[api] failed to start:', err);
  process.exit(1);
});
