// `npm test`: starts a throw-away embedded PostgreSQL and a local redis-server (unless
// DATABASE_URL / REDIS_URL point at running ones), migrates a template database once, then runs
// every jest project against them. Arguments after `--` go to jest.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPostgres, startRedis } from './services.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stops = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'quorum-test-'));

async function main() {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pgInfo = await startPostgres({ dir: tmp, database: 'postgres' });
    stops.push(pgInfo.stop);
    adminUrl = pgInfo.url;
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedis({});
    stops.push(redis.stop);
    redisUrl = redis.url;
  }
  const template = `quorum_template_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${template}"`);
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();
  const templateUrl = adminUrl.replace(/\/[^/?]+(\?|$)/, `/${template}$1`);
  const migrated = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'packages/db/src/migrate-cli.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: templateUrl },
  });
  if (migrated.status !== 0) throw new Error('migrating the template database failed');

  buildWebIfStale();
  // --forceExit: a test that leaks a handle must not hang CI until its time limit; jest still
  // reports the leak ("did not exit") so it gets fixed.
  const jestArgs = ['--forceExit', ...process.argv.slice(2)];
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), ...jestArgs], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        QUORUM_TEST_PG_ADMIN_URL: adminUrl,
        QUORUM_TEST_PG_TEMPLATE: template,
        REDIS_URL: redisUrl,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
  await cleanup.end();
  return code;
}

/** The browser tests load the production build of the web app, as `npm start` serves it. */
function buildWebIfStale() {
  const dist = path.join(root, 'apps/web/dist/index.html');
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const full = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.join(root, 'apps/web/src')), statSync(path.join(root, 'apps/web/index.html')).mtimeMs);
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return;
  const built = spawnSync('npm', ['run', 'build', '-w', '@quorum/web'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
}

async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}

// Killed from outside (Ctrl-C, CI timeout): still stop PostgreSQL and Redis and remove the temp dir.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(err);
    await stopAll();
    process.exit(1);
  });
