import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { goldAnswer, review } from '@quorum/db';
import { selectItems } from '@quorum/services';
import { labelAndSubmit, scoreAndAggregate } from '../apps/api/test/support/http';
import { PASSWORD, projectWithMembers, startPlatform, eventually, type Platform } from '../apps/api/test/support/platform';

// Two experts in real headless Chromium on the production build: one claims the top review with
// the keyboard, the other's queue loses it live; the first settles with 2 + Enter and the next
// review appears; Esc releases it and it comes back in the other's queue; H shows the history.
jest.setTimeout(90_000);
const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(ROOT, 'test-results');
let p: Platform;
let browser: Browser;

beforeAll(async () => {
  p = await startPlatform({ webDistDir: path.join(ROOT, 'apps/web/dist') });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  mkdirSync(SHOTS, { recursive: true });
});
// On a failure, what each expert saw last.
const pages: Page[] = [];
const pageErrors: string[] = [];
afterEach(async () => {
  for (const [i, pg] of pages.entries()) await pg.screenshot({ path: path.join(SHOTS, `expert-last-${i + 1}.png`), fullPage: true }).catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

const PAIRS = [
  {
    externalId: 'cat-1',
    textA: "I want someone to look after my cat while I'm away next weekend. She needs feeding twice a day, fresh water, and her litter tray changed. She is shy with strangers, so someone patient would be ideal.",
    textB: 'I can provide pet sitting at weekends: feeding, litter and company for cats and small dogs, with photo updates twice a day.',
    modelProbs: { match: 0.55, no_match: 0.45 },
    split: true,
  },
  { externalId: 'cat-2', textA: 'Looking for someone to look after my cat this weekend, feeding twice a day.', textB: 'Pet sitting for cats at weekends, feeding included.', modelProbs: { match: 0.58, no_match: 0.42 }, split: false },
  {
    externalId: 'move-1',
    textA: 'Need help moving a sofa and a fridge to a second-floor flat on Saturday morning. There is no lift.',
    textB: 'Man with a van: small removals and single items, weekdays only, ground floor deliveries.',
    modelProbs: { match: 0.7, no_match: 0.3 },
    split: true,
  },
  { externalId: 'move-2', textA: 'Moving a sofa and a fridge to a second floor flat this Saturday.', textB: 'Removals with a van, weekends available, stairs no problem.', modelProbs: { match: 0.74, no_match: 0.26 }, split: false },
  {
    externalId: 'web-1',
    textA: 'Our small bakery needs a simple website with our opening hours, a menu that we can update ourselves, and a way for customers to order birthday cakes online a few days ahead.',
    textB: 'Freelance web developer: online shops and booking systems for small businesses, hosting included for the first year.',
    modelProbs: { match: 0.52, no_match: 0.48 },
    split: true,
  },
];

async function login(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
  await page.goto(p.baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Review queue/ }).waitFor();
  return page;
}
const openItems = (page: Page) => page.getByRole('button', { name: /^Open review:/ });

test('claim → settle with the keyboard → next review; the other expert sees claims live', async () => {
  await p.users([
    { email: 'e2e-x1@t.test', role: 'expert', displayName: 'Expert One' },
    { email: 'e2e-x2@t.test', role: 'expert', displayName: 'Expert Two' },
    { email: 'e2e-rv-eng@t.test', role: 'engineer' },
    { email: 'e2e-l1@t.test', role: 'labeller' },
    { email: 'e2e-l2@t.test', role: 'labeller' },
  ]);
  const engineer = await p.login('e2e-rv-eng@t.test');
  const project = await projectWithMembers(engineer, ['e2e-x1@t.test', 'e2e-x2@t.test', 'e2e-l1@t.test', 'e2e-l2@t.test'], { overlap: 2, batchSize: 5, goldRatio: 0, readingTimeScale: 0.0001 });
  await engineer.post(`/api/v1/projects/${project.id}/samples`).send(PAIRS.map(({ split: _, ...s }) => s)).expect(200);
  await selectItems(p.ctx, project.id);
  const splitTexts = new Set(PAIRS.filter((x) => x.split).map((x) => x.textA));
  const b1 = await labelAndSubmit(await p.login('e2e-l1@t.test'), project.id, () => 'match');
  const b2 = await labelAndSubmit(await p.login('e2e-l2@t.test'), project.id, (a) => (splitTexts.has(a.textA) ? 'no_match' : 'match'));
  await scoreAndAggregate(p, project.id, [b1.id, b2.id]);
  const ranked = (await (await p.login('e2e-x1@t.test')).get(`/api/v1/projects/${project.id}/reviews`).expect(200)).body.reviews as { id: string; textA: string }[];
  expect(ranked).toHaveLength(3);
  const [top, second] = ranked as [{ id: string; textA: string }, { id: string; textA: string }];

  const one = await login('e2e-x1@t.test');
  const two = await login('e2e-x2@t.test');
  pages.push(one, two);
  await eventually(async () => (await openItems(two).count()) === 3, 10_000, 'the second expert’s queue');
  await one.screenshot({ path: path.join(SHOTS, 'expert-queue.png'), fullPage: true });

  // Expert one claims the top review with Enter; it leaves expert two's list without a reload.
  await one.keyboard.press('Enter');
  const reviewView = one.getByRole('article', { name: 'Review' });
  await reviewView.getByText('Claimed by you', { exact: false }).waitFor();
  await reviewView.getByText(top.textA.slice(0, 40), { exact: false }).first().waitFor();
  await eventually(async () => (await openItems(two).count()) === 2, 10_000, 'live removal of the claimed review');
  expect(await two.getByRole('button', { name: `Open review: ${top.textA.slice(0, 30)}` }).count()).toBe(0);
  await two.screenshot({ path: path.join(SHOTS, 'expert-queue-second.png'), fullPage: true });
  await one.screenshot({ path: path.join(SHOTS, 'expert-review.png'), fullPage: true });

  // 2 = no match, Enter confirms; the next review (prefetched) appears, claimed.
  await one.keyboard.press('2');
  await one.keyboard.press('Enter');
  await one.getByRole('status').getByText('Settled as No match.').waitFor();
  await reviewView.getByText(second.textA.slice(0, 40), { exact: false }).first().waitFor();
  await reviewView.getByText('Claimed by you', { exact: false }).waitFor();
  const [settled] = await p.db.select().from(review).where(eq(review.id, top.id));
  expect(settled).toMatchObject({ status: 'settled', decision: 'label', label: 'no_match' });
  expect(await p.db.select({ label: goldAnswer.label, source: goldAnswer.source }).from(goldAnswer).where(eq(goldAnswer.itemId, settled!.itemId))).toEqual([{ label: 'no_match', source: 'expert' }]);
  await eventually(async () => (await openItems(two).count()) === 1, 10_000, 'the second claim leaving the other list');
  await one.screenshot({ path: path.join(SHOTS, 'expert-next.png'), fullPage: true });

  // Esc releases: the review returns to expert two's list, live.
  await one.keyboard.press('Escape');
  await one.getByRole('heading', { name: /Review queue/ }).waitFor();
  await eventually(async () => (await openItems(two).count()) === 2, 10_000, 'the released review coming back');

  await one.keyboard.press('h');
  await one.getByRole('heading', { name: /Your decisions/ }).waitFor();
  await one.getByRole('list', { name: 'Settled reviews' }).getByText('No match').waitFor();
  await one.screenshot({ path: path.join(SHOTS, 'expert-history.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
  await one.context().close();
  await two.context().close();
});
