import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { labelAndSubmit } from '../apps/api/test/support/http';
import { PASSWORD, plantItems, projectWithMembers, startPlatform, eventually, type Agent, type Platform } from '../apps/api/test/support/platform';

// The engineer's dataset page in real headless Chromium on the production build, with the real
// worker: settled items are merged from the page ("Merge now") and the version arrives live; the
// report shows what the checks found; the engineer approves with a note, downloads the rows,
// releases and fixes quarantined rows, merges again and reads the diff against the parent.
jest.setTimeout(120_000);
const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(ROOT, 'test-results');
let p: Platform;
let browser: Browser;
let page: Page | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  p = await startPlatform({ worker: true, webDistDir: path.join(ROOT, 'apps/web/dist') });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  mkdirSync(SHOTS, { recursive: true });
});
// On a failure, what the engineer saw last.
afterEach(async () => {
  await page?.screenshot({ path: path.join(SHOTS, 'datasets-last.png'), fullPage: true }).catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await p?.close();
});

const MOVE = { textA: 'Need help moving a sofa and a fridge to a second-floor flat on Saturday morning. There is no lift.', textB: 'Man with a van: small removals and single items, weekends too, stairs no problem.' };
const CAT = { textA: "I want someone to look after my cat while I'm away next weekend, feeding twice a day.", textB: 'I can provide pet sitting at weekends: feeding, litter and company for cats.' };
const probs = { match: 0.55, no_match: 0.45 };
// cat-2 repeats cat-1 (a duplicate); move-1 and move-2 are the same pair settled both ways (a conflict).
const FIRST = [
  { externalId: 'cat-1', ...CAT, modelProbs: probs },
  { externalId: 'cat-2', ...CAT, modelProbs: probs },
  { externalId: 'move-1', ...MOVE, modelProbs: probs },
  { externalId: 'move-2', ...MOVE, modelProbs: probs },
  { externalId: 'web-1', textA: 'Our small bakery needs a simple website with opening hours and a menu we can update ourselves.', textB: 'Freelance web developer: online shops and booking systems for small businesses.', modelProbs: probs },
  { externalId: 'garden-1', textA: 'Looking for a gardener to cut the hedges and mow the lawn every two weeks.', textB: 'Experienced piano teacher, lessons for children and adults at your home.', modelProbs: probs },
  { externalId: 'tutor-1', textA: 'My son needs help with maths before his exams in June.', textB: 'Maths and physics tutoring for secondary school pupils, online or in person.', modelProbs: probs },
  { externalId: 'clean-1', textA: 'Weekly cleaning for a two-bedroom flat, Tuesday mornings.', textB: 'Domestic cleaner available weekday mornings, own supplies.', modelProbs: probs },
];
const SECOND = [
  { externalId: 'dog-1', textA: 'Someone to walk my dog at lunchtime on weekdays.', textB: 'Dog walking around the park, weekdays 11 to 3.', modelProbs: probs },
  { externalId: 'paint-1', textA: 'Repaint the living room walls and ceiling, white.', textB: 'Painter and decorator, interiors, free quotes.', modelProbs: probs },
];
const NO_MATCH = new Set(['Looking for a gardener to cut the hedges and mow the lawn every two weeks.']);

/**
 * Selection never selects a pair twice (same normalised pair), so the copies the merge's checks
 * must still catch — a dataset's second line of defence, e.g. for items selected before that rule —
 * are planted as items directly: whichever of cat-1/cat-2 and move-1/move-2 selection skipped.
 */
const TWINS = ['cat-1', 'cat-2', 'move-1', 'move-2'];

async function settle(engineer: Agent, labeller: Agent, projectId: string, samples: { externalId: string; textA: string }[], expectSettled: number) {
  await engineer.post(`/api/v1/projects/${projectId}/samples`).send(samples).expect(200);
  const stats = async () => (await engineer.get(`/api/v1/projects/${projectId}/stats`).expect(200)).body.counts as { selected: number; settled: number };
  const twins = samples.filter((s) => TWINS.includes(s.externalId)).length / 2;
  await eventually(async () => (await stats()).selected >= expectSettled - twins, 15_000, 'selection');
  if (twins > 0) {
    expect(await plantItems(p, projectId, TWINS)).toBe(twins);
    expect((await stats()).selected).toBe(expectSettled);
  }
  // The second of the two identical moving pairs gets the other label: the same pair, settled both ways.
  let moves = 0;
  await labelAndSubmit(labeller, projectId, (a) => (NO_MATCH.has(a.textA) || (a.textA === MOVE.textA && moves++ === 1) ? 'no_match' : 'match'));
  await eventually(async () => (await stats()).settled === expectSettled, 20_000, 'scoring and aggregation');
}

const shot = (name: string) => page!.screenshot({ path: path.join(SHOTS, name) });
/** Brings an element to the top of the window, below the sticky header, for a screenshot. */
const toTop = (l: ReturnType<Page['locator']>) => l.evaluate((el) => (el.scrollIntoView({ block: 'start' }), el.ownerDocument.defaultView?.scrollBy(0, -72)));

test('merge, read the report, approve with a note, download, release and fix quarantined rows, read the diff', async () => {
  await p.users([{ email: 'e2e-ds-eng@t.test', role: 'engineer', displayName: 'Dana Engineer' }, { email: 'e2e-ds-lab@t.test', role: 'labeller' }]);
  const engineer = await p.login('e2e-ds-eng@t.test');
  const labeller = await p.login('e2e-ds-lab@t.test');
  // One accepted label settles an item (one vote is never 90 % sure, hence the 0.5 threshold).
  const project = await projectWithMembers(engineer, ['e2e-ds-lab@t.test'], { overlap: 1, batchSize: 10, goldRatio: 0, readingTimeScale: 0.0001, escalateBelowPosterior: 0.5 });
  await settle(engineer, labeller, project.id, FIRST, FIRST.length);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
  await page.goto(p.baseUrl);
  await page.getByLabel('Email').fill('e2e-ds-eng@t.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: /Datasets/ }).click();
  await page.getByText(/No versions yet/).waitFor();
  await page.getByText('Live', { exact: true }).waitFor();

  // Merge now: the worker merges, and the version arrives over the socket, selected.
  await page.getByRole('button', { name: 'Merge now' }).click();
  await page.getByRole('button', { name: 'Version 1', exact: true }).waitFor({ timeout: 20_000 });
  await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
  const timeline = page.getByRole('list', { name: /Dataset versions/ });
  await timeline.getByText('candidate', { exact: true }).waitFor();
  // 8 settled: the duplicate copy and both sides of the conflict are kept out.
  await timeline.getByText('5 rows').waitFor();
  await timeline.getByText('3 quarantined').waitFor();
  const kinds = page.getByRole('group', { name: /Findings by kind/ });
  await kinds.getByRole('button', { name: /^Duplicates\s*1\s*1 quarantined/ }).waitFor();
  await kinds.getByRole('button', { name: /^Conflicts\s*2\s*2 quarantined/ }).waitFor();
  const findings = page.getByRole('list', { name: 'Findings' });
  await findings.getByText('conflict', { exact: true }).first().waitFor();
  expect(await findings.getByText(/^move-[12]$/).count()).toBe(2);
  const counts = page.getByRole('table', { name: 'Rows per split and label' });
  expect(await counts.getByRole('row', { name: /^All/ }).textContent()).toMatch(/^All\d+\d+5/);
  await page.getByRole('tab', { name: /Datasets/ }).getByLabel('1 to decide').waitFor();
  await shot('datasets-timeline-report.png');

  // Approve with a note, through the confirmation; the status changes in the detail and the timeline.
  await page.getByRole('button', { name: 'Approve…' }).click();
  await page.getByRole('textbox', { name: /Note/ }).fill('Balanced enough; duplicates and the conflict are held back.');
  await page.getByRole('button', { name: 'Approve version 1' }).click();
  const overview = page.getByRole('region', { name: 'Version 1', exact: true });
  await overview.getByText(/Approved by Dana Engineer/).waitFor();
  await overview.getByText('“Balanced enough; duplicates and the conflict are held back.”').waitFor();
  await timeline.getByText('approved', { exact: true }).waitFor();
  const [v1] = (await engineer.get(`/api/v1/projects/${project.id}/dataset-versions`).expect(200)).body.versions as { id: string; status: string; rowCount: number }[];
  expect(v1).toMatchObject({ status: 'approved', rowCount: 5 });

  // The download links stream the rows, with the page's session cookie.
  const jsonl = await page.getByRole('link', { name: 'Download version 1, JSONL' }).getAttribute('href');
  expect(jsonl).toBe(`/api/v1/dataset-versions/${v1!.id}/export?format=jsonl`);
  const res = await page.request.get(`${p.baseUrl}${jsonl}`);
  expect(res.status()).toBe(200);
  const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { external_id: string; label: string; split: string });
  expect(lines).toHaveLength(5);
  expect(lines.map((l) => l.external_id).sort()).toEqual(expect.arrayContaining(['clean-1', 'garden-1', 'tutor-1', 'web-1']));
  await page.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  await page.getByRole('combobox', { name: 'Split' }).selectOption('train');
  const csv = await page.getByRole('link', { name: 'Download version 1, train split, CSV' }).getAttribute('href');
  expect(csv).toBe(`/api/v1/dataset-versions/${v1!.id}/export?format=csv&split=train`);
  const csvRes = await page.request.get(`${p.baseUrl}${csv}`);
  expect(csvRes.status()).toBe(200);
  expect(Number(csvRes.headers()['x-row-count'])).toBe(lines.filter((l) => l.split === 'train').length);
  const card = await page.request.get(`${p.baseUrl}${await page.getByRole('link', { name: 'Dataset card of version 1, Markdown' }).getAttribute('href')}`);
  expect(card.status()).toBe(200);

  // Quarantine: the duplicate copy is released with a note, one side of the conflict is fixed.
  await page.getByRole('tab', { name: /Quarantine/ }).click();
  const rows = page.getByRole('article', { name: /^Quarantined row/ });
  await eventually(async () => (await rows.count()) === 3, 10_000, 'three quarantined rows');
  const duplicateId = (await rows.filter({ has: page.getByText('duplicate', { exact: true }) }).locator('.quarantine-id').textContent())!;
  const duplicate = page.getByRole('article', { name: `Quarantined row ${duplicateId}`, exact: true });
  expect(['cat-1', 'cat-2']).toContain(duplicateId);
  await duplicate.getByRole('button', { name: `Release ${duplicateId}…` }).click();
  await duplicate.getByRole('textbox', { name: /Note/ }).fill('A repost by the same customer; keep it.');
  await duplicate.getByRole('button', { name: 'Release row' }).click();
  await duplicate.getByText(/Released by Dana Engineer/).waitFor();
  // The side settled as "no match" is corrected to agree with the other.
  const noMatchSide = rows.filter({ has: page.getByText('conflict', { exact: true }) }).filter({ has: page.locator('.quarantine-label').getByText('No match', { exact: true }) });
  const conflictId = (await noMatchSide.locator('.quarantine-id').textContent())!;
  const conflict = page.getByRole('article', { name: `Quarantined row ${conflictId}`, exact: true });
  expect(['move-1', 'move-2']).toContain(conflictId);
  await conflict.getByRole('button', { name: `Fix ${conflictId}…` }).click();
  const fix = conflict.getByRole('form', { name: 'Fix the row' });
  // The server checks a fix as the merge would: an empty text is refused, under its field.
  await fix.getByRole('textbox', { name: 'Text B' }).fill('   ');
  await fix.getByRole('button', { name: 'Save fix' }).click();
  await fix.getByRole('textbox', { name: 'Text B' }).and(page.locator('[aria-invalid="true"]')).waitFor();
  await fix.getByText(/textB is empty/).waitFor();
  await toTop(conflict);
  await shot('datasets-quarantine-fix-error.png');
  await fix.getByRole('textbox', { name: 'Text B' }).fill(MOVE.textB);
  await fix.getByRole('combobox', { name: 'Label' }).selectOption('match');
  await fix.getByRole('textbox', { name: /Note/ }).fill('Checked the texts: a van with stairs is a match.');
  await fix.getByRole('button', { name: 'Save fix' }).click();
  await conflict.getByText(/Fixed by Dana Engineer/).waitFor();
  await page.getByRole('tab', { name: /Quarantine/ }).getByLabel('1 open').waitFor();
  await page.locator('body').evaluate((b) => b.ownerDocument.defaultView?.scrollTo(0, 0));
  await shot('datasets-quarantine.png');

  // More settled items and a second merge: version 2 builds on version 1; its diff shows what came in.
  await settle(engineer, labeller, project.id, SECOND, FIRST.length + SECOND.length);
  await page.getByRole('tab', { name: /Datasets/ }).click();
  await page.getByRole('button', { name: 'Merge now' }).click();
  await page.getByRole('button', { name: 'Version 2', exact: true }).waitFor({ timeout: 20_000 });
  // The page stays on the version being read; the new one is a click (or ↑) away.
  await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Version 1', exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  await page.getByRole('heading', { name: 'Version 2', exact: true }).waitFor();
  await timeline.getByRole('button', { name: 'Open the parent, version 1' }).waitFor();
  const diff = page.getByRole('region', { name: 'Diff', exact: true });
  await diff.getByRole('combobox', { name: 'Compare with' }).getByRole('option', { name: 'its parent, version 1' }).waitFor({ state: 'attached' });
  await diff.getByRole('button', { name: 'Added +4' }).waitFor();
  const changed = diff.getByRole('table', { name: 'Changed rows' });
  for (const id of ['dog-1', 'paint-1', conflictId, duplicateId]) await changed.getByText(id, { exact: true }).waitFor();
  await toTop(diff);
  await shot('datasets-diff.png');
  // Filtered to one kind: nothing was removed.
  await diff.getByRole('button', { name: /^Removed/ }).click();
  await diff.getByText('No removed rows.').waitFor();

  expect(pageErrors).toEqual([]);
  await context.close();
});
