import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { API } from '../apps/api/test/support/http';
import { PASSWORD, eventually, startPlatform, type Agent, type Platform } from '../apps/api/test/support/platform';

// The engineer's cockpit in a real headless Chromium on the production build, while a simulated
// crowd (`quorum simulate`, the real CLI in its own process) works through the same API and
// worker: the pipeline's counts change on screen without a reload, and end equal to the API's.
// Then every cockpit page is photographed (SHOTS) for a person to look at.
jest.setTimeout(240_000);
const ROOT = path.resolve(__dirname, '..');
const SHOTS = process.env.COCKPIT_SHOTS ?? path.join(ROOT, 'test-results', 'cockpit');
const EMAIL = 'e2e-cockpit@t.test';
const PROJECT = 'e2e cockpit crowd';
let p: Platform;
let browser: Browser;
let engineer: Agent;
let crowd: ChildProcess | null = null;
let page: Page | null = null;

beforeAll(async () => {
  p = await startPlatform({ worker: true, webDistDir: path.join(ROOT, 'apps/web/dist') });
  await p.users([{ email: EMAIL, role: 'engineer', displayName: 'Eve Engineer' }]);
  engineer = await p.login(EMAIL);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  mkdirSync(SHOTS, { recursive: true });
});
afterEach(async () => {
  await page?.screenshot({ path: path.join(SHOTS, 'cockpit-last.png'), fullPage: true }).catch(() => {});
});
afterAll(async () => {
  if (crowd && crowd.exitCode === null) crowd.kill('SIGTERM');
  await browser?.close();
  await p?.close();
});

/** `quorum simulate` against this platform: 40 items, 8 labellers (a spammer among them). */
function startCrowd(): { done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const args = ['simulate', '--url', p.baseUrl, '--email', EMAIL, '--password', PASSWORD, '--seed', '11', '--items', '40', '--labellers', '8', '--mix', 'honest=0.85,random-fast=0.15', '--time-scale', '0.01', '--max-minutes', '2', '--project-name', PROJECT];
  crowd = spawn(process.execPath, [path.join(ROOT, 'apps/cli/bin/quorum.js'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
  let stdout = '';
  let stderr = '';
  crowd.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  crowd.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const child = crowd;
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))) };
}

/** The number a stage card shows, e.g. 1,234 → 1234; NaN while it shows a dash. */
const shown = (pg: Page, stage: string) => pg.getByRole('group', { name: stage, exact: true }).locator('.stat-value').innerText().then((t) => Number(t.replace(/,/g, '')));

async function shot(pg: Page, name: string): Promise<void> {
  await pg.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('the pipeline counts move live while a simulated crowd works, then every cockpit page is photographed', async () => {
  const run = startCrowd();
  // The simulator creates its project first; the page is opened once it exists, so the socket
  // joins its room on connect (rooms are joined by membership at connection time).
  const project = await eventually(async () => {
    const { body } = await engineer.get(`${API}/projects`).expect(200);
    return (body.projects as { id: string; name: string }[]).find((x) => x.name === PROJECT);
  }, 60_000, 'the simulator’s project');

  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(p.baseUrl);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('list', { name: 'Pipeline stages' }).waitFor();
  await page.getByText('Live').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  // A mark in the page's memory: a reload would lose it.
  await page.evaluate(() => void ((globalThis as Record<string, unknown>).cockpitMark = 'still here'));
  await eventually(async () => !Number.isNaN(await shown(page!, 'Settled')), 15_000, 'the first counts');
  const settledBefore = await shown(page, 'Settled');
  const selectedBefore = await shown(page, 'Selected');

  // Items settle as the crowd's batches are scored and aggregated: the number on screen grows.
  await eventually(async () => (await shown(page!, 'Settled')) > settledBefore, 120_000, 'a settled count above the first one');
  await shot(page, 'cockpit-pipeline-live');
  expect(await shown(page, 'Settled')).toBeGreaterThan(settledBefore);
  expect(await shown(page, 'Selected')).toBeGreaterThanOrEqual(selectedBefore);
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).cockpitMark)).toBe('still here');

  const result = await run.done;
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
  // When the crowd is done, the screen shows what the API says, still without a reload.
  const api = (await engineer.get(`${API}/projects/${project.id}/cockpit/pipeline`).expect(200)).body as { stages: { settled: number; selected: number } };
  await eventually(async () => (await shown(page!, 'Settled')) === api.stages.settled, 30_000, 'the final settled count on screen');
  expect(await shown(page, 'Selected')).toBe(api.stages.selected);
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).cockpitMark)).toBe('still here');
  await shot(page, 'cockpit-pipeline');

  // Every other cockpit page, after the run.
  await page.getByRole('tab', { name: 'Quality' }).click();
  await page.getByRole('figure', { name: "Krippendorff's alpha per week" }).waitFor();
  await page.locator('.chart-area svg.recharts-surface').first().waitFor();
  await shot(page, 'cockpit-quality');

  await page.getByRole('tab', { name: /Labellers/ }).click();
  await page.getByRole('region', { name: 'Labellers' }).getByRole('row').nth(1).waitFor();
  await shot(page, 'cockpit-labellers');
  await page.getByRole('button', { name: 'Rejected' }).click();
  await page.getByRole('columnheader', { name: /Rejected/ }).and(page.locator('[aria-sort="descending"]')).waitFor();
  await page.locator('.labellers-table tbody th .row-name').first().click();
  await page.getByRole('heading', { name: /Batches of/ }).waitFor();
  await page.getByText('Evidence', { exact: true }).first().click();
  await shot(page, 'cockpit-labeller-evidence');

  await page.getByRole('tab', { name: 'Cost' }).click();
  await page.getByRole('group', { name: 'Labels per settled item' }).waitFor();
  await shot(page, 'cockpit-cost');

  await page.getByRole('tab', { name: 'Project' }).click();
  await page.getByRole('form', { name: 'Project settings' }).waitFor();
  await shot(page, 'cockpit-project');

  // Stuck work, as the engineer would meet it: a labeller's batch whose lease ran out five minutes
  // ago and that the sweeper (every minute) has not expired yet.
  await p.db.execute(sql`
    insert into batch (project_id, labeller_id, status, created_at, expires_at)
    select ${project.id}, m.user_id, 'open', now() - interval '20 minutes', now() - interval '5 minutes'
    from project_member m join "user" u on u.id = m.user_id where m.project_id = ${project.id} and u.role = 'labeller' limit 1`);
  await page.getByRole('tab', { name: 'Pipeline' }).click();
  await page.getByText('1 to look at').waitFor({ timeout: 40_000 });
  await shot(page, 'cockpit-pipeline-stuck');

  await page.goto(`${p.baseUrl}${API}/admin/queues`);
  await page.getByText('quorum', { exact: false }).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1000);
  await shot(page, 'cockpit-bull-board');
  expect(errors).toEqual([]);
});
