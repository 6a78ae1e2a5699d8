import { eq } from 'drizzle-orm';
import { review } from '@quorum/db';
import { claimReview, getReview, listReviews, releaseReview, renewReview, REVIEW_CLAIM_MINUTES, sweepExpiredReviewClaims } from '../src';
import { escalatedItem, person, projectOf, reviewWorld } from './support/review-fixtures';

// Claims are leases: one expert per item, whatever the interleaving; an abandoned claim returns.
let w: Awaited<ReturnType<typeof reviewWorld>>;
afterAll(async () => w?.close());
beforeAll(async () => {
  w = await reviewWorld();
});

const even = { match: 0.5, no_match: 0.5 };
const reviewEvents = () => w.events.filter((e) => e.name === 'review:changed').map((e) => e.payload as { reviewId: string; status: string; claimedBy: string | null });

async function setup(experts = 2) {
  const xs = await Promise.all(Array.from({ length: experts }, () => person(w.db, 'expert')));
  const projectId = await projectOf(w.db, xs);
  const a = await escalatedItem(w.db, projectId, { posterior: even });
  const b = await escalatedItem(w.db, projectId, { posterior: even });
  return { xs, projectId, a: a.reviewId, b: b.reviewId };
}

test('eight experts claim the same item at once: exactly one wins, the others get conflict', async () => {
  const { xs, a } = await setup(8);
  const results = await Promise.allSettled(xs.map((x) => claimReview(w.ctx, x, a)));
  const won = results.filter((r) => r.status === 'fulfilled');
  expect(won).toHaveLength(1);
  for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
  const [row] = await w.db.select().from(review).where(eq(review.id, a));
  expect(row!.status).toBe('claimed');
  expect(xs.map((x) => x.id)).toContain(row!.claimedBy);
});

test('two experts swapping items at once never deadlock, and each item keeps one holder', async () => {
  const { xs, a, b } = await setup(2);
  await claimReview(w.ctx, xs[0]!, a);
  await claimReview(w.ctx, xs[1]!, b);
  // Each claim would release the claimer's own item, but the other's item is taken: both fail
  // cleanly with conflict (not a deadlock error) and roll back, so each keeps their item.
  const results = await Promise.allSettled([claimReview(w.ctx, xs[0]!, b), claimReview(w.ctx, xs[1]!, a)]);
  for (const r of results) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
  expect((await getReview(w.ctx, xs[0]!, a)).claimedByMe).toBe(true);
  expect((await getReview(w.ctx, xs[1]!, b)).claimedByMe).toBe(true);
});

test('an expert holds one claim at a time: claiming another releases the first, and says so', async () => {
  const { xs, a, b } = await setup(1);
  await claimReview(w.ctx, xs[0]!, a);
  w.events.length = 0;
  await claimReview(w.ctx, xs[0]!, b);
  expect(reviewEvents()).toEqual([
    { projectId: expect.any(String), reviewId: a, status: 'queued', claimedBy: null },
    { projectId: expect.any(String), reviewId: b, status: 'claimed', claimedBy: null },
  ]);
  expect((await getReview(w.ctx, xs[0]!, a)).status).toBe('queued');
});

test('another expert sees a claim as "claimed" only, and not in their open queue', async () => {
  const { xs, projectId, a, b } = await setup(2);
  await claimReview(w.ctx, xs[0]!, a);
  const seen = await getReview(w.ctx, xs[1]!, a);
  expect(seen).toMatchObject({ status: 'claimed', claimedByMe: false, claimExpiresAt: null });
  expect(JSON.stringify(seen)).not.toContain(xs[0]!.id);
  expect((await listReviews(w.ctx, xs[1]!, projectId, { status: 'open' })).reviews.map((r) => r.id)).toEqual([b]);
  // The holder sees it first in theirs.
  expect((await listReviews(w.ctx, xs[0]!, projectId, { status: 'open' })).reviews[0]).toMatchObject({ id: a, claimedByMe: true });
});

test('a lease runs out: the item is claimable at once, and the sweep returns it to everyone live', async () => {
  const { xs, projectId, a } = await setup(2);
  await claimReview(w.ctx, xs[0]!, a);
  w.advance(REVIEW_CLAIM_MINUTES + 1);
  expect((await listReviews(w.ctx, xs[1]!, projectId, { status: 'queued' })).reviews.map((r) => r.id)).toContain(a);
  await expect(renewReview(w.ctx, xs[0]!, a)).rejects.toMatchObject({ code: 'conflict' });
  w.events.length = 0;
  // Claims left by earlier tests in this database expire with it.
  expect((await sweepExpiredReviewClaims(w.ctx)).reviewClaims).toBeGreaterThanOrEqual(1);
  expect(reviewEvents()).toContainEqual({ projectId, reviewId: a, status: 'queued', claimedBy: null });
  expect(await sweepExpiredReviewClaims(w.ctx)).toEqual({ reviewClaims: 0 });
  expect((await claimReview(w.ctx, xs[1]!, a)).claimedByMe).toBe(true);
});

test('renewing while active keeps the claim past the first lease; only the holder may renew or release', async () => {
  const { xs, a } = await setup(2);
  await claimReview(w.ctx, xs[0]!, a);
  w.advance(REVIEW_CLAIM_MINUTES - 1);
  const renewed = await renewReview(w.ctx, xs[0]!, a);
  expect(Date.parse(renewed.claimExpiresAt!)).toBe(w.now().getTime() + REVIEW_CLAIM_MINUTES * 60_000);
  w.advance(REVIEW_CLAIM_MINUTES - 1);
  await sweepExpiredReviewClaims(w.ctx);
  expect((await getReview(w.ctx, xs[0]!, a)).claimedByMe).toBe(true);
  await expect(claimReview(w.ctx, xs[1]!, a)).rejects.toMatchObject({ code: 'conflict' });
  await expect(renewReview(w.ctx, xs[1]!, a)).rejects.toMatchObject({ code: 'conflict' });
  await expect(releaseReview(w.ctx, xs[1]!, a)).rejects.toMatchObject({ code: 'conflict' });
  expect((await releaseReview(w.ctx, xs[0]!, a)).status).toBe('queued');
});
