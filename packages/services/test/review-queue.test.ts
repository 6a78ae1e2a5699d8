import { AppError } from '@quorum/contracts';
import { getReview, listReviews, voterPseudonym } from '../src';
import { escalatedItem, person, projectOf, reliabilityOf, reviewWorld, settledItem } from './support/review-fixtures';

// The queue's order, its filters, and what the detail view shows experts (and what it never shows).
let w: Awaited<ReturnType<typeof reviewWorld>>;
afterAll(async () => w?.close());
beforeAll(async () => {
  w = await reviewWorld();
});

const even = { match: 0.5, no_match: 0.5 };
const lean = { match: 0.6, no_match: 0.4 };

describe('ordering by how much settling is worth', () => {
  test('disagreement × the model’s error rate in the item’s confidence bucket, prior when nothing settled', async () => {
    const x = await person(w.db, 'expert');
    const projectId = await projectOf(w.db, [x]);
    // The model erred on 18 of 20 settled items at 60–70 % confidence and on none of 20 at 90–100 %.
    for (let i = 0; i < 20; i++) await settledItem(w.db, projectId, i < 18 ? 'no_match' : 'match', { probs: { match: 0.65, no_match: 0.35 } });
    for (let i = 0; i < 20; i++) await settledItem(w.db, projectId, 'match', { probs: { match: 0.95, no_match: 0.05 } });
    const a = await escalatedItem(w.db, projectId, { textA: 'A', posterior: even, probs: { match: 0.55, no_match: 0.45 } });
    const b = await escalatedItem(w.db, projectId, { textA: 'B', posterior: lean, probs: { match: 0.65, no_match: 0.35 } });
    const c = await escalatedItem(w.db, projectId, { textA: 'C', posterior: even, probs: { match: 0.95, no_match: 0.05 } });
    const { reviews, total } = await listReviews(w.ctx, x, projectId, { status: 'open' });
    expect(total).toBe(3);
    expect(reviews.map((r) => r.id)).toEqual([b.reviewId, a.reviewId, c.reviewId]);
    expect(reviews[0]!.priority).toMatchObject({ bucket: { low: 0.6, high: 0.7 }, settledInBucket: 20, wrongInBucket: 18, basis: 'observed' });
    expect(reviews[0]!.priority.modelErrorRate).toBeCloseTo((18 + 10 * 0.35) / 30);
    expect(reviews[1]!.priority).toMatchObject({ entropy: 1, settledInBucket: 0, basis: 'prior' });
    expect(reviews[1]!.priority.modelErrorRate).toBeCloseTo(0.45);
    expect(reviews[2]!.priority.score).toBeLessThan(0.05);
    for (const r of reviews) expect(r.priority.score).toBeCloseTo(r.priority.entropy * r.priority.modelErrorRate);
  });

  test('SQL and core put a confidence on a bucket edge in the same bucket', async () => {
    const x = await person(w.db, 'expert');
    const projectId = await projectOf(w.db, [x]);
    for (const p of [0.7, 0.8, 0.6]) await settledItem(w.db, projectId, 'no_match', { probs: { match: p, no_match: Number((1 - p).toFixed(2)) } });
    for (const p of [0.7, 0.8, 0.6]) await escalatedItem(w.db, projectId, { posterior: even, probs: { match: p, no_match: Number((1 - p).toFixed(2)) } });
    const { reviews } = await listReviews(w.ctx, x, projectId, { status: 'open' });
    for (const r of reviews) expect(r.priority).toMatchObject({ settledInBucket: 1, wrongInBucket: 1, bucket: { low: r.priority.modelConfidence } });
  });

  test('ties in score go oldest first', async () => {
    const x = await person(w.db, 'expert');
    const projectId = await projectOf(w.db, [x]);
    const newer = await escalatedItem(w.db, projectId, { posterior: even, createdAt: new Date('2026-03-02T09:00:00Z') });
    const older = await escalatedItem(w.db, projectId, { posterior: even, createdAt: new Date('2026-03-02T08:00:00Z') });
    expect((await listReviews(w.ctx, x, projectId, { status: 'open' })).reviews.map((r) => r.id)).toEqual([older.reviewId, newer.reviewId]);
  });
});

describe('filters', () => {
  let x: Awaited<ReturnType<typeof person>>;
  let projectId: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    x = await person(w.db, 'expert');
    projectId = await projectOf(w.db, [x]);
    ids.cat = (await escalatedItem(w.db, projectId, { textA: 'Someone to feed my CAT', textB: 'Pet sitting, 50% off', posterior: { match: 0.6, no_match: 0.4 }, probs: { match: 0.3, no_match: 0.7 } })).reviewId;
    ids.van = (await escalatedItem(w.db, projectId, { textA: 'Need a van for moving', textB: 'Man with van', posterior: { match: 0.4, no_match: 0.6 }, probs: { match: 0.8, no_match: 0.2 } })).reviewId;
    ids.tie = (await escalatedItem(w.db, projectId, { textA: 'Garden_work', textB: 'Lawn mowing', posterior: even, probs: { match: 0.55, no_match: 0.45 } })).reviewId;
  });
  const list = async (f: Record<string, unknown>) => (await listReviews(w.ctx, x, projectId, { status: 'open', ...f })).reviews.map((r) => r.id).sort();

  test('by the crowd’s leading label (a tie leads nowhere)', async () => {
    expect(await list({ crowdLabel: 'match' })).toEqual([ids.cat]);
    expect(await list({ crowdLabel: 'no_match' })).toEqual([ids.van]);
  });
  test('by the model’s predicted label', async () => {
    expect(await list({ modelLabel: 'match' })).toEqual([ids.van, ids.tie].sort());
  });
  test('by minimum disagreement (posterior entropy)', async () => {
    expect(await list({ minDisagreement: 1 })).toEqual([ids.tie]);
    expect(await list({ minDisagreement: 0.9 })).toHaveLength(3);
  });
  test('by text, case-insensitive, every word, in either text; wildcards are plain characters', async () => {
    expect(await list({ q: 'cat' })).toEqual([ids.cat]);
    expect(await list({ q: 'VAN moving' })).toEqual([ids.van]);
    expect(await list({ q: 'van cat' })).toEqual([]);
    expect(await list({ q: '50%' })).toEqual([ids.cat]);
    expect(await list({ q: '_' })).toEqual([ids.tie]);
    expect(await list({ q: '%' })).toEqual([ids.cat]);
  });
  test('limit cuts the page, total counts every match', async () => {
    const res = await listReviews(w.ctx, x, projectId, { status: 'open', limit: 1 });
    expect(res.reviews).toHaveLength(1);
    expect(res.total).toBe(3);
  });
  test('a label outside the project is a bad request naming the field', async () => {
    await expect(listReviews(w.ctx, x, projectId, { status: 'open', crowdLabel: 'maybe' })).rejects.toMatchObject({ code: 'bad_request', field: 'crowdLabel' });
    await expect(listReviews(w.ctx, x, projectId, { status: 'open', modelLabel: 'maybe' })).rejects.toBeInstanceOf(AppError);
  });
  test('a stranger to the project gets not_found', async () => {
    const stranger = await person(w.db, 'expert');
    await expect(listReviews(w.ctx, stranger, projectId, { status: 'open' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the detail view', () => {
  test('votes carry pseudonyms and reliability, never ids or emails; similar settled items come with their labels', async () => {
    const x = await person(w.db, 'expert');
    const [l1, l2, l3] = [await person(w.db, 'labeller', 'alice'), await person(w.db, 'labeller', 'bob'), await person(w.db, 'labeller', 'carol')];
    const projectId = await projectOf(w.db, [x, l1!, l2!, l3!]);
    await reliabilityOf(w.db, projectId, l1!, 0.92);
    await settledItem(w.db, projectId, 'match', { textA: 'I want someone to look after my cat this weekend', textB: 'I can provide pet sitting at weekends' });
    await settledItem(w.db, projectId, 'no_match', { textA: 'Quarterly tax return help', textB: 'Wedding photography' });
    const { reviewId } = await escalatedItem(w.db, projectId, {
      textA: 'I want someone to look after my cat next weekend',
      textB: 'I can provide pet sitting on weekends',
      posterior: { match: 0.67, no_match: 0.33 },
      votes: [
        [l1!, 'match'],
        [l2!, 'match'],
        [l3!, 'no_match'],
      ],
    });
    const d = await getReview(w.ctx, x, reviewId);
    expect(d.votes.map((v) => v.label)).toEqual(['match', 'match', 'no_match']);
    expect(d.votes[0]!.reliability).toMatchObject({ accuracy: expect.closeTo(0.92), evidenceCount: 12 });
    expect(d.votes[1]!.reliability).toBeNull();
    for (const v of d.votes) expect(v.voter).toMatch(/^Labeller [0-9A-F]{6}$/);
    expect(new Set(d.votes.map((v) => v.voter)).size).toBe(3);
    const json = JSON.stringify(d);
    for (const u of [l1!, l2!, l3!]) {
      expect(json).not.toContain(u.id);
      expect(json).not.toContain(u.email);
      expect(json).not.toContain(u.displayName);
    }
    expect(d.similar).toHaveLength(1);
    expect(d.similar[0]).toMatchObject({ label: 'match', decision: 'label', decidedBy: 'crowd', textA: 'I want someone to look after my cat this weekend' });
    expect(d.similar[0]!.similarity).toBeGreaterThan(0.5);
    expect(d).toMatchObject({ crowdLabel: 'match', model: { label: 'match' }, decision: null, undoableUntil: null });
  });

  test('pseudonyms are stable within a project, differ across projects, and need the project key', async () => {
    const a = voterPseudonym('key-1', 'p1', 'u1');
    expect(voterPseudonym('key-1', 'p1', 'u1')).toBe(a);
    expect(voterPseudonym('key-1', 'p2', 'u1')).not.toBe(a);
    expect(voterPseudonym('key-2', 'p1', 'u1')).not.toBe(a);
  });
});
