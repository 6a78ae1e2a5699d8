import { eventually, pair, projectWithMembers, startPlatform, type Agent, type Platform } from './support/platform';

// The whole flow through the real API and the real worker, on real PostgreSQL and Redis:
// ingest → select → 5 distinct labellers → one unanimous item (settled) and one 3–2 split
// (escalated) → expert settles → merge → approve → export.
let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ worker: true });
});
afterAll(async () => p.close());

const LABELLERS = [1, 2, 3, 4, 5].map((n) => `pl${n}@t.test`);

test('ingest to export, end to end', async () => {
  await p.users([...LABELLERS.map((email) => ({ email, role: 'labeller' as const })), { email: 'pe@t.test', role: 'engineer' }, { email: 'px@t.test', role: 'expert' }]);
  const engineer = await p.login('pe@t.test');
  // No gold and no minimum time: this test is about the flow; scoring has its own tests.
  const project = await projectWithMembers(engineer, [...LABELLERS, 'px@t.test'], { batchSize: 2, goldRatio: 0, readingTimeScale: 0.0001, overlap: 5, openItemBudget: 2 });
  const samples = [pair(1, { match: 0.55, no_match: 0.45 }), pair(2, { match: 0.5, no_match: 0.5 }), pair(3, { match: 0.99, no_match: 0.01 })];
  const ndjson = samples.map((s) => JSON.stringify(s)).join('\n');
  const ingest = await engineer.post(`/api/v1/projects/${project.id}/samples`).set('content-type', 'application/x-ndjson').send(ndjson).expect(200);
  expect(ingest.body).toMatchObject({ received: 3, inserted: 3, rejected: 0 });

  // Selection is a worker job; a budget of two open items takes the two least confident.
  await eventually(async () => (await engineer.get(`/api/v1/projects/${project.id}/stats`)).body.counts.selected === 2, 15_000, 'selection');

  const agents: Agent[] = [];
  for (const [i, email] of LABELLERS.entries()) {
    const agent = await p.login(email);
    agents.push(agent);
    const { body } = await agent.post(`/api/v1/projects/${project.id}/batches`).expect(200);
    // The two least confident samples (ext-2 at 0.5, ext-1 at 0.55), never the confident one.
    expect(body.batch.assignments.map((a: { textA: string }) => a.textA).sort()).toEqual([samples[0]!.textA, samples[1]!.textA]);
    for (const a of body.batch.assignments as { id: string; textA: string }[]) {
      const unanimous = a.textA === samples[0]!.textA;
      const label = unanimous || i < 3 ? 'match' : 'no_match';
      await agent.put(`/api/v1/assignments/${a.id}/label`).send({ label }).expect(200);
    }
    const submitted = await agent.post(`/api/v1/batches/${body.batch.id}/submit`).expect(200);
    expect(submitted.body.batch.status).toBe('submitted');
  }
  const counts = await eventually(async () => {
    const c = (await engineer.get(`/api/v1/projects/${project.id}/stats`)).body.counts;
    return c.settled === 1 && c.escalated === 1 && c;
  }, 20_000, 'aggregation');
  expect(counts.batches.accepted).toBe(5);

  const expert = await p.login('px@t.test');
  const queue = await expert.get(`/api/v1/projects/${project.id}/reviews`).expect(200);
  expect(queue.body.reviews).toHaveLength(1);
  const reviewId = queue.body.reviews[0].id as string;
  const claimed = await expert.post(`/api/v1/reviews/${reviewId}/claim`).expect(200);
  expect(claimed.body.review.textA).toBe(samples[1]!.textA);
  expect(claimed.body.review.votes.map((v: { label: string }) => v.label).sort()).toEqual(['match', 'match', 'match', 'no_match', 'no_match']);
  expect(claimed.body.review.votes.every((v: { voter: string }) => !v.voter.includes('@'))).toBe(true);
  expect(claimed.body.review.model).toEqual({ label: 'match', probs: { match: 0.5, no_match: 0.5 }, version: null });
  await expert.post(`/api/v1/reviews/${reviewId}/settle`).send({ label: 'no_match', note: 'offer is for a different task' }).expect(200);

  await engineer.post(`/api/v1/projects/${project.id}/dataset-versions`).expect(202);
  const version = await eventually(async () => (await engineer.get(`/api/v1/projects/${project.id}/dataset-versions`)).body.versions[0], 15_000, 'merge');
  expect(version).toMatchObject({ number: 1, parentId: null, rowCount: 2, addedCount: 2, status: 'candidate' });
  expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
  // Only approved versions are training data.
  await engineer.get(`/api/v1/dataset-versions/${version.id}/export`).expect(409);
  const approved = await engineer.post(`/api/v1/dataset-versions/${version.id}/approve`).send({ note: 'looks right' }).expect(200);
  expect(approved.body.version).toMatchObject({ status: 'approved', decidedBy: 'pe', decisionNote: 'looks right' });

  const exported = await engineer.get(`/api/v1/dataset-versions/${version.id}/export?format=jsonl`).buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (c: Buffer) => (text += c.toString()));
    res.on('end', () => done(null, text));
  }).expect(200);
  expect(exported.headers['content-type']).toMatch(/application\/x-ndjson/);
  const rows = (exported.body as string).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  rows.sort((a, b) => String(a.external_id).localeCompare(String(b.external_id)));
  // One object per line with the same keys in every line (the Hugging Face JSON loader's rule).
  expect(new Set(rows.map((r) => Object.keys(r).join(','))).size).toBe(1);
  expect(rows).toEqual([
    expect.objectContaining({ id: expect.any(String), external_id: 'ext-1', text_a: samples[0]!.textA, text_b: samples[0]!.textB, label: 'match', split: expect.stringMatching(/^(train|dev|test)$/), decided_by: 'crowd', votes_match: 5, votes_no_match: 0, expert_note: null, model_label: 'match', model_version: null }),
    expect.objectContaining({ id: expect.any(String), external_id: 'ext-2', text_a: samples[1]!.textA, text_b: samples[1]!.textB, label: 'no_match', split: expect.stringMatching(/^(train|dev|test)$/), decided_by: 'expert', votes_match: 3, votes_no_match: 2, expert_note: 'offer is for a different task', model_label: 'match', model_version: null }),
  ]);

  // Merging again with nothing new settled makes no new version.
  await engineer.post(`/api/v1/projects/${project.id}/dataset-versions`).expect(202);
  await new Promise((r) => setTimeout(r, 500));
  expect((await engineer.get(`/api/v1/projects/${project.id}/dataset-versions`)).body.versions).toHaveLength(1);
});
