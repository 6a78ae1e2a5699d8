import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { chromium, type Browser } from 'playwright-core';
import { assignment, batch, label } from '@quorum/db';
import { selectItems } from '@quorum/services';
import { pair, PASSWORD, projectWithMembers, startPlatform, eventually, type Platform } from '../apps/api/test/support/platform';

// A labeller in a real headless Chromium: log in, get a batch, label every pair with the
// keyboard, submit. The web app is the production build, served by the API as in `npm start`.
const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(ROOT, 'test-results');
let p: Platform;
let browser: Browser;

beforeAll(async () => {
  p = await startPlatform({ worker: true, webDistDir: path.join(ROOT, 'apps/web/dist') });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

test('a labeller labels a batch with the keyboard and submits it', async () => {
  await p.users([{ email: 'e2e-lab@t.test', role: 'labeller' }, { email: 'e2e-eng@t.test', role: 'engineer' }]);
  const engineer = await p.login('e2e-eng@t.test');
  const project = await projectWithMembers(engineer, ['e2e-lab@t.test'], { batchSize: 3, goldRatio: 0, readingTimeScale: 0.0001 });
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send([pair(1), pair(2), pair(3)]).expect(200);
  await selectItems(p.ctx, project.id);

  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(p.baseUrl);
  await page.getByLabel('Email').fill('e2e-lab@t.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Get batch/ }).click();
  await page.getByRole('article', { name: 'Pair 1 of 3' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'labeller-pair.png') });

  // 1 = match, 2 = no match; each key answers and moves on.
  await page.keyboard.press('1');
  await page.getByRole('article', { name: 'Pair 2 of 3' }).waitFor();
  await page.keyboard.press('2');
  await page.getByRole('article', { name: 'Pair 3 of 3' }).waitFor();
  await page.keyboard.press('1');
  await page.getByRole('article', { name: 'All pairs answered' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Batch submitted' }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'labeller-submitted.png') });

  const [b] = await p.db.select().from(batch);
  const answers = await p.db
    .select({ value: label.value })
    .from(label)
    .innerJoin(assignment, eq(assignment.id, label.assignmentId))
    .orderBy(asc(assignment.position));
  expect(answers.map((a) => a.value)).toEqual(['match', 'no_match', 'match']);
  // The worker scores the submitted batch: no gold and no time floor here, so it is accepted.
  await eventually(async () => (await p.db.select().from(batch).where(eq(batch.id, b!.id)))[0]?.status === 'accepted', 15_000, 'scoring');
  await page.getByText('Batch accepted').waitFor();
  await page.close();
});
