import { eq } from 'drizzle-orm';
import { datasetRow, goldAnswer, item, projectMember, review } from '@quorum/db';
import { claimReview, mergeDataset, reviewAgreement, reviewHistory, REVIEW_UNDO_MINUTES, settleReview, undoReview } from '../src';
import { escalatedItem, person, projectOf, reviewWorld } from './support/review-fixtures';

// Settling (a label, ambiguous, invalid), what it causes, undoing it, and the figures after.
let w: Awaited<ReturnType<typeof reviewWorld>>;
afterAll(async () => w?.close());
beforeAll(async () => {
  w = await reviewWorld();
});

const leaning = (label: 'match' | 'no_match') => (label === 'match' ? { match: 0.6, no_match: 0.4 } : { match: 0.4, no_match: 0.6 });
const itemRow = async (itemId: string) => (await w.db.select().from(item).where(eq(item.id, itemId)))[0]!;
const goldOf = async (itemId: string) => w.db.select({ label: goldAnswer.label, source: goldAnswer.source }).from(goldAnswer).where(eq(goldAnswer.itemId, itemId));

async function world(experts = 1) {
  const xs = await Promise.all(Array.from({ length: experts }, () => person(w.db, 'expert')));
  return { xs, projectId: await projectOf(w.db, xs) };
}

test('a label settles the item, becomes gold for reliability and records the crowd’s label then', async () => {
  const { xs, projectId } = await world();
  const r = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
  await claimReview(w.ctx, xs[0]!, r.reviewId);
  const d = await settleReview(w.ctx, xs[0]!, r.reviewId, { label: 'no_match', note: '  B offers something else ' });
  expect(d).toMatchObject({ status: 'settled', decision: 'label', label: 'no_match', note: 'B offers something else', undoableUntil: expect.any(String) });
  expect(await itemRow(r.itemId)).toMatchObject({ status: 'settled', finalLabel: 'no_match', decidedBy: 'expert' });
  expect(await goldOf(r.itemId)).toEqual([{ label: 'no_match', source: 'expert' }]);
  expect((await w.db.select().from(review).where(eq(review.id, r.reviewId)))[0]).toMatchObject({ crowdLabel: 'match', settledBy: xs[0]!.id });
});

test.each(['ambiguous', 'invalid'] as const)('%s excludes the item: no label, no gold, and the merge leaves it out', async (decision) => {
  const { xs, projectId } = await world();
  const out = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
  const kept = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
  await claimReview(w.ctx, xs[0]!, out.reviewId);
  const d = await settleReview(w.ctx, xs[0]!, out.reviewId, { decision, note: 'text B is cut off' });
  expect(d).toMatchObject({ status: 'settled', decision, label: null, note: 'text B is cut off' });
  expect(await itemRow(out.itemId)).toMatchObject({ status: 'excluded', finalLabel: null, decidedBy: 'expert' });
  expect(await goldOf(out.itemId)).toEqual([]);
  await claimReview(w.ctx, xs[0]!, kept.reviewId);
  await settleReview(w.ctx, xs[0]!, kept.reviewId, { label: 'match' });
  const version = await mergeDataset(w.ctx, projectId);
  const rows = await w.db.select({ itemId: datasetRow.itemId }).from(datasetRow).where(eq(datasetRow.versionId, version!.id));
  expect(rows.map((r) => r.itemId)).toEqual([kept.itemId]);
  // Merging again finds nothing new: the excluded item is not waiting to be merged either.
  expect(await mergeDataset(w.ctx, projectId)).toBeNull();
});

test('a label decision needs a project label; other decisions take none', async () => {
  const { xs, projectId } = await world();
  const r = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
  await claimReview(w.ctx, xs[0]!, r.reviewId);
  await expect(settleReview(w.ctx, xs[0]!, r.reviewId, { label: 'maybe' })).rejects.toMatchObject({ code: 'bad_request', field: 'label' });
  await expect(settleReview(w.ctx, xs[0]!, r.reviewId, {})).rejects.toMatchObject({ code: 'bad_request', field: 'label' });
  expect((await itemRow(r.itemId)).status).toBe('escalated');
});

describe('undo', () => {
  test('within the window it retracts the gold answer and the final label, and gives the claim back', async () => {
    const { xs, projectId } = await world(2);
    const r = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
    const other = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
    await claimReview(w.ctx, xs[0]!, r.reviewId);
    await settleReview(w.ctx, xs[0]!, r.reviewId, { label: 'match', note: 'n' });
    await claimReview(w.ctx, xs[0]!, other.reviewId);
    await expect(undoReview(w.ctx, xs[1]!, r.reviewId)).rejects.toMatchObject({ code: 'conflict' });
    w.advance(REVIEW_UNDO_MINUTES - 1);
    w.events.length = 0;
    const d = await undoReview(w.ctx, xs[0]!, r.reviewId);
    expect(d).toMatchObject({ status: 'claimed', claimedByMe: true, decision: null, label: null, note: null, settledAt: null, undoableUntil: null });
    expect(await itemRow(r.itemId)).toMatchObject({ status: 'escalated', finalLabel: null, decidedBy: null, settledAt: null });
    expect(await goldOf(r.itemId)).toEqual([]);
    // The item the expert had moved on to goes back to the queue: one claim at a time.
    const changes = w.events.filter((e) => e.name === 'review:changed').map((e) => [e.payload.reviewId, (e.payload as { status: string }).status]);
    expect(changes).toEqual([
      [other.reviewId, 'queued'],
      [r.reviewId, 'claimed'],
    ]);
    // Decided again, differently.
    expect(await settleReview(w.ctx, xs[0]!, r.reviewId, { decision: 'invalid' })).toMatchObject({ decision: 'invalid' });
    expect(await itemRow(r.itemId)).toMatchObject({ status: 'excluded' });
  });

  test('after the window, or once a dataset version holds the item, undo is refused', async () => {
    const { xs, projectId } = await world();
    const late = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
    await claimReview(w.ctx, xs[0]!, late.reviewId);
    await settleReview(w.ctx, xs[0]!, late.reviewId, { label: 'match' });
    w.advance(REVIEW_UNDO_MINUTES);
    await expect(undoReview(w.ctx, xs[0]!, late.reviewId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`${REVIEW_UNDO_MINUTES} minutes`) });

    const merged = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
    await claimReview(w.ctx, xs[0]!, merged.reviewId);
    await settleReview(w.ctx, xs[0]!, merged.reviewId, { label: 'no_match' });
    await mergeDataset(w.ctx, projectId);
    await expect(undoReview(w.ctx, xs[0]!, merged.reviewId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('dataset version') });
    expect(await goldOf(merged.itemId)).toEqual([{ label: 'no_match', source: 'expert' }]);
    const history = await reviewHistory(w.ctx, xs[0]!, projectId, { page: 1, pageSize: 10 });
    expect(history.entries.map((e) => [e.id, e.inDataset, e.undoableUntil])).toEqual([
      [merged.reviewId, true, null],
      [late.reviewId, true, null],
    ]);
  });

  test('undo of something not settled, or not yours, is a conflict; unknown is not_found', async () => {
    const { xs, projectId } = await world(2);
    const r = await escalatedItem(w.db, projectId, { posterior: leaning('match') });
    await expect(undoReview(w.ctx, xs[0]!, r.reviewId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(undoReview(w.ctx, xs[0]!, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });
});

test('history pages newest first; agreement counts label decisions against the crowd’s leading label', async () => {
  const { xs, projectId } = await world(2);
  const [me, peer] = xs as [(typeof xs)[0], (typeof xs)[0]];
  const plan: [typeof me, 'match' | 'no_match' | 'tie', Parameters<typeof settleReview>[3]][] = [
    [me, 'match', { label: 'match' }], // agrees
    [me, 'match', { label: 'no_match' }], // disagrees
    [me, 'no_match', { label: 'no_match' }], // agrees
    [me, 'tie', { label: 'match' }], // no crowd leader: not comparable
    [me, 'match', { decision: 'ambiguous' }],
    [peer, 'match', { label: 'match' }],
    [peer, 'no_match', { decision: 'invalid' }],
  ];
  const ids: string[] = [];
  for (const [who, crowd, input] of plan) {
    const r = await escalatedItem(w.db, projectId, { posterior: crowd === 'tie' ? { match: 0.5, no_match: 0.5 } : leaning(crowd) });
    await claimReview(w.ctx, who, r.reviewId);
    await settleReview(w.ctx, who, r.reviewId, input);
    if (who === me) ids.push(r.reviewId);
    w.advance(1);
  }
  const p1 = await reviewHistory(w.ctx, me, projectId, { page: 1, pageSize: 2 });
  const p3 = await reviewHistory(w.ctx, me, projectId, { page: 3, pageSize: 2 });
  expect(p1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
  expect([...p1.entries, ...(await reviewHistory(w.ctx, me, projectId, { page: 2, pageSize: 2 })).entries, ...p3.entries].map((e) => e.id)).toEqual([...ids].reverse());
  expect(p1.entries[0]).toMatchObject({ decision: 'ambiguous', label: null, crowdLabel: 'match', inDataset: false, undoableUntil: expect.any(String) });
  // Five minutes after the newest decision nothing can be undone any more.
  w.advance(REVIEW_UNDO_MINUTES);
  expect((await reviewHistory(w.ctx, me, projectId, { page: 1, pageSize: 10 })).entries.every((e) => e.undoableUntil === null)).toBe(true);

  const mine = await reviewAgreement(w.ctx, me, projectId);
  expect(mine.project).toEqual({ decisions: 7, ambiguous: 1, invalid: 1, comparable: 4, agreed: 3, share: 0.75 });
  expect(mine.experts).toEqual([{ expertId: me.id, displayName: me.displayName, isMe: true, decisions: 5, ambiguous: 1, invalid: 0, comparable: 3, agreed: 2, share: 2 / 3 }]);
  const engineer = await person(w.db, 'engineer');
  await w.db.insert(projectMember).values({ projectId, userId: engineer.id });
  expect((await reviewAgreement(w.ctx, engineer, projectId)).experts.map((e) => [e.expertId, e.share])).toEqual(
    expect.arrayContaining([
      [me.id, 2 / 3],
      [peer.id, 1],
    ]),
  );
});
