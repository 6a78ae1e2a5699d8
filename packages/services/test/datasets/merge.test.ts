import { eq, sql } from 'drizzle-orm';
import { datasetRow, datasetVersion, item, quarantinedRow } from '@quorum/db';
import { pairKey, splitFromKey } from '@quorum/core';
import { decideDatasetVersion, fixQuarantinedRow, listQuarantine, mergeDataset, releaseQuarantinedRow } from '../../src';
import { datasetProject, pairOf, settle, versionRows } from '../support/dataset-fixtures';
import { person, reviewWorld } from '../support/review-fixtures';

// The merge on real PostgreSQL: revisions with version intervals, checks and quarantine,
// approval and rejection, and what each leaves in the lineage.
let w: Awaited<ReturnType<typeof reviewWorld>>;
beforeAll(async () => {
  w = await reviewWorld();
});
afterAll(async () => w?.close());

const RATIOS = { train: 0.8, dev: 0.1, test: 0.1 };
const splitOf = (a: string, b: string) => splitFromKey(pairKey(a, b, { symmetric: false }), RATIOS);

test('a merge makes candidate 1 of the settled items, with splits and per-row provenance', async () => {
  const { projectId, engineer, labellers } = await datasetProject(w.db);
  const expert = await person(w.db, 'expert');
  for (let n = 1; n <= 4; n++) await settle(w.db, projectId, labellers, pairOf(n));
  await settle(w.db, projectId, labellers, { ...pairOf(5), label: 'no_match', by: 'expert', note: 'B offers something else' }, expert);
  const excluded = await settle(w.db, projectId, labellers, pairOf(6));
  await w.db.update(item).set({ status: 'excluded', finalLabel: null }).where(eq(item.id, excluded));

  const v = (await mergeDataset(w.ctx, projectId))!;
  expect(v).toMatchObject({ number: 1, parentId: null, status: 'candidate', rowCount: 5, addedCount: 5, removedCount: 0, relabelledCount: 0, quarantinedCount: 0 });
  expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(v.report).toMatchObject({ findingsTotal: 0, findings: [], quarantinedByCode: expect.objectContaining({ duplicate: 0 }) });
  expect(v.report.drift.map((d) => d.label)).toEqual(['match', 'no_match']);
  const rows = await versionRows(w.db, projectId, 1);
  expect(rows.map((r) => r.external_id).sort()).toEqual(['ext-001', 'ext-002', 'ext-003', 'ext-004', 'ext-005']);
  for (const r of rows) expect(r.split).toBe(splitOf(r.text_a as string, r.text_b as string));
  const total = Object.values(v.counts).flatMap((byLabel) => Object.values(byLabel)).reduce((a, b) => a + b, 0);
  expect(total).toBe(5);

  const expertRow = rows.find((r) => r.external_id === 'ext-005')!;
  const prov = expertRow.provenance as { votes: { labellerId: string; label: string; batchId: string; reliability: { accuracy: number } | null }[]; expert: { decision: string; note: string }; model: { label: string; version: string }; batchIds: string[]; sampleId: string };
  expect(prov.votes).toHaveLength(3);
  expect(prov.votes.map((x) => x.reliability?.accuracy).sort()).toEqual([0.8, 0.85, 0.9].map((x) => expect.closeTo(x, 5)));
  expect(prov.expert).toMatchObject({ decision: 'label', note: 'B offers something else' });
  expect(prov.model).toMatchObject({ label: 'match', version: 'm-1' });
  expect(prov.batchIds).toHaveLength(3);
  const [stored] = await w.db.select().from(datasetRow).where(eq(datasetRow.itemId, expertRow.item_id as string));
  expect(stored).toMatchObject({ decidedBy: 'expert', expertNote: 'B offers something else', agreement: 2 / 3, votes: [1, 2], posterior: [0.1, 0.9], modelProbs: [0.6, 0.4], origin: 'merge' });

  // A candidate is open: merging again makes nothing, and so does a concurrent pair of merges.
  await settle(w.db, projectId, labellers, pairOf(7));
  expect(await mergeDataset(w.ctx, projectId)).toBeNull();
  await expect(decideDatasetVersion(w.ctx, engineer, v.id, 'approved')).resolves.toMatchObject({ status: 'approved', decidedBy: engineer.displayName });
  const both = await Promise.all([mergeDataset(w.ctx, projectId), mergeDataset(w.ctx, projectId)]);
  expect(both.filter((x) => x !== null)).toHaveLength(1);
  expect(both.find((x) => x !== null)).toMatchObject({ number: 2, parentId: v.id, rowCount: 6, addedCount: 1 });
});

test('one open candidate per project, in the schema too', async () => {
  const { projectId } = await datasetProject(w.db);
  await w.db.insert(datasetVersion).values({ projectId, number: 1, contentHash: 'h', rowCount: 0, addedCount: 0, report: {} });
  await expect(w.db.insert(datasetVersion).values({ projectId, number: 2, contentHash: 'h', rowCount: 0, addedCount: 0, report: {} })).rejects.toMatchObject({
    cause: { constraint: 'dataset_version_one_candidate' },
  });
});

test('failing rows are quarantined with every reason; released and fixed rows join the next merge', async () => {
  const { projectId, engineer, labellers } = await datasetProject(w.db);
  await settle(w.db, projectId, labellers, pairOf(1));
  await settle(w.db, projectId, labellers, { ...pairOf(2), textA: '\u200b ' });
  // The same pair after normalisation, settled the other way: a conflict, both kept out.
  await settle(w.db, projectId, labellers, { ...pairOf(3), textA: 'Cat sitter wanted', textB: 'I sit cats' });
  await settle(w.db, projectId, labellers, { ...pairOf(4), textA: 'cat  SITTER wanted', textB: 'i sit cats', label: 'no_match' });
  const v1 = (await mergeDataset(w.ctx, projectId))!;
  expect(v1).toMatchObject({ rowCount: 1, addedCount: 1, quarantinedCount: 3 });
  expect(v1.report.quarantinedByCode).toMatchObject({ empty_text: 1, conflict: 2 });
  expect(v1.report.findingCounts).toMatchObject({ empty_text: 1, conflict: 2 });
  expect(v1.report.findings.map((f) => [f.externalId, f.code])).toEqual(expect.arrayContaining([['ext-002', 'empty_text'], ['ext-003', 'conflict'], ['ext-004', 'conflict']]));
  expect(v1.report.findingsTotal).toBe(3);

  const open = await listQuarantine(w.ctx, engineer, projectId, 'open');
  expect(open.map((q) => [q.externalId, q.codes, q.status, q.versionNumber])).toEqual([
    ['ext-002', ['empty_text'], 'open', 1],
    ['ext-003', ['conflict'], 'open', 1],
    ['ext-004', ['conflict'], 'open', 1],
  ]);
  const [empty, c3, c4] = open;
  // Invalid values cannot be released, only fixed; a fix is checked as the merge would.
  await expect(releaseQuarantinedRow(w.ctx, engineer, empty!.id)).rejects.toMatchObject({ code: 'conflict' });
  await expect(fixQuarantinedRow(w.ctx, engineer, empty!.id, { textA: '   ' })).rejects.toMatchObject({ code: 'bad_request', field: 'textA' });
  await expect(fixQuarantinedRow(w.ctx, engineer, empty!.id, { label: 'maybe' })).rejects.toMatchObject({ code: 'bad_request', field: 'textA' });
  await expect(fixQuarantinedRow(w.ctx, engineer, empty!.id, { textA: 'a proper request', label: 'maybe' })).rejects.toMatchObject({ code: 'bad_request', field: 'label' });
  const fixed = await fixQuarantinedRow(w.ctx, engineer, empty!.id, { textA: 'Need a plumber for the kitchen tap', note: 'text was lost at ingest' });
  expect(fixed).toMatchObject({ status: 'fixed', textA: 'Need a plumber for the kitchen tap', details: { note: 'text was lost at ingest', fix: { before: { textA: '\u200b ' } } } });
  await expect(fixQuarantinedRow(w.ctx, engineer, empty!.id, { textA: 'again' })).rejects.toMatchObject({ code: 'conflict' });
  // The conflict is settled by releasing one side: it joins, the other stays quarantined.
  await releaseQuarantinedRow(w.ctx, engineer, c3!.id, 'the cat-sitter reading is right');
  expect(await mergeDataset(w.ctx, projectId)).toBeNull();
  await decideDatasetVersion(w.ctx, engineer, v1.id, 'approved');

  const v2 = (await mergeDataset(w.ctx, projectId))!;
  expect(v2).toMatchObject({ number: 2, parentId: v1.id, rowCount: 3, addedCount: 2, quarantinedCount: 0 });
  const rows = await versionRows(w.db, projectId, 2);
  expect(rows.map((r) => [r.external_id, r.text_a])).toEqual(
    expect.arrayContaining([['ext-002', 'Need a plumber for the kitchen tap'], ['ext-003', 'Cat sitter wanted']]),
  );
  const origins = await w.db.select({ externalId: datasetRow.externalId, origin: datasetRow.origin }).from(datasetRow).where(eq(datasetRow.projectId, projectId));
  expect(origins.filter((o) => o.origin !== 'merge').map((o) => [o.externalId, o.origin]).sort()).toEqual([['ext-002', 'fixed'], ['ext-003', 'released']]);
  expect((await listQuarantine(w.ctx, engineer, projectId, 'all')).map((q) => [q.externalId, q.status, q.details.resolvedVersionId])).toEqual([
    ['ext-002', 'fixed', v2.id],
    ['ext-003', 'released', v2.id],
    ['ext-004', 'open', null],
  ]);
});

test('rejecting a candidate leaves the lineage as it was; its items merge again', async () => {
  const { projectId, engineer, labellers } = await datasetProject(w.db);
  const ids: string[] = [];
  for (let n = 1; n <= 3; n++) ids.push(await settle(w.db, projectId, labellers, pairOf(n)));
  const v1 = (await mergeDataset(w.ctx, projectId))!;
  await decideDatasetVersion(w.ctx, engineer, v1.id, 'approved');
  const before = await w.db.select().from(datasetRow).where(eq(datasetRow.projectId, projectId)).orderBy(datasetRow.itemId);

  await settle(w.db, projectId, labellers, pairOf(4));
  await settle(w.db, projectId, labellers, { ...pairOf(5), textA: '' });
  await w.db.update(item).set({ finalLabel: 'no_match' }).where(eq(item.id, ids[0]!));
  await w.db.update(item).set({ status: 'excluded', finalLabel: null }).where(eq(item.id, ids[1]!));
  const v2 = (await mergeDataset(w.ctx, projectId))!;
  expect(v2).toMatchObject({ number: 2, rowCount: 3, addedCount: 1, relabelledCount: 1, removedCount: 1, quarantinedCount: 1 });
  const rejected = await decideDatasetVersion(w.ctx, engineer, v2.id, 'rejected', 'not yet');
  expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'not yet', rowCount: 3 });

  expect(await w.db.select().from(datasetRow).where(eq(datasetRow.projectId, projectId)).orderBy(datasetRow.itemId)).toEqual(before);
  expect(await w.db.select().from(quarantinedRow).where(eq(quarantinedRow.projectId, projectId))).toEqual([]);
  // The same changes come back as version 3, on the same parent.
  const v3 = (await mergeDataset(w.ctx, projectId))!;
  expect(v3).toMatchObject({ number: 3, parentId: v1.id, rowCount: 3, addedCount: 1, relabelledCount: 1, removedCount: 1, quarantinedCount: 1, contentHash: v2.contentHash });
});

test('a version never changes: later merges leave its rows as they were, and the rows refuse edits', async () => {
  const { projectId, engineer, labellers } = await datasetProject(w.db);
  const ids: string[] = [];
  for (let n = 1; n <= 3; n++) ids.push(await settle(w.db, projectId, labellers, pairOf(n)));
  const v1 = (await mergeDataset(w.ctx, projectId))!;
  await decideDatasetVersion(w.ctx, engineer, v1.id, 'approved');
  const rowsOf1 = await versionRows(w.db, projectId, 1);
  await w.db.update(item).set({ finalLabel: 'no_match' }).where(eq(item.id, ids[2]!));
  await settle(w.db, projectId, labellers, pairOf(4));
  const v2 = (await mergeDataset(w.ctx, projectId))!;
  await decideDatasetVersion(w.ctx, engineer, v2.id, 'approved');
  expect(await versionRows(w.db, projectId, 1)).toEqual(rowsOf1);
  expect((await versionRows(w.db, projectId, 2)).find((r) => r.item_id === ids[2])).toMatchObject({ label: 'no_match', valid_from: 2 });
  const [again] = await w.db.select().from(datasetVersion).where(eq(datasetVersion.id, v1.id));
  expect(again).toMatchObject({ contentHash: v1.contentHash, rowCount: 3, status: 'approved' });
  await expect(w.db.execute(sql`update dataset_row set label = 'no_match' where project_id = ${projectId}`)).rejects.toMatchObject({ cause: { constraint: 'dataset_row_immutable' } });
  await expect(w.db.execute(sql`update dataset_row set split = 'test' where project_id = ${projectId}`)).rejects.toMatchObject({ cause: { constraint: 'dataset_row_immutable' } });
});

test('the content hash depends on the rows, not on the order or batches they were merged in', async () => {
  const specs = Array.from({ length: 8 }, (_, i) => ({ ...pairOf(i + 1), label: i % 3 === 0 ? 'no_match' : 'match' }));
  const a = await datasetProject(w.db);
  for (const s of specs) await settle(w.db, a.projectId, a.labellers, s);
  const all = (await mergeDataset(w.ctx, a.projectId))!;

  const b = await datasetProject(w.db);
  for (const s of [...specs].reverse().slice(0, 3)) await settle(w.db, b.projectId, b.labellers, s);
  const first = (await mergeDataset(w.ctx, b.projectId))!;
  await decideDatasetVersion(w.ctx, b.engineer, first.id, 'approved');
  for (const s of [...specs].reverse().slice(3)) await settle(w.db, b.projectId, b.labellers, s);
  const second = (await mergeDataset(w.ctx, b.projectId))!;

  expect(second.rowCount).toBe(8);
  expect(first.contentHash).not.toBe(all.contentHash);
  expect(second.contentHash).toBe(all.contentHash);
  expect(second.counts).toEqual(all.counts);
});

test('rows migrated from before splits get theirs, and their versions their counts, at the next merge', async () => {
  const { projectId, labellers } = await datasetProject(w.db);
  const old = await settle(w.db, projectId, labellers, pairOf(1));
  const [v] = await w.db.insert(datasetVersion).values({ projectId, number: 1, contentHash: 'old', rowCount: 1, addedCount: 1, report: {}, status: 'approved' }).returning();
  // As migration 0010 leaves them: no split, no settings, no LSH bands.
  await w.db.execute(sql`
    insert into dataset_row (version_id, item_id, sample_id, external_id, text_a, text_b, label, decided_by, provenance)
    select ${v!.id}, i.id, s.id, s.external_id, s.text_a, s.text_b, 'match', 'crowd', '{"migrated":true}' from item i join sample s on s.id = i.sample_id where i.id = ${old}`);
  await settle(w.db, projectId, labellers, pairOf(2));
  const v2 = (await mergeDataset(w.ctx, projectId))!;
  expect(v2).toMatchObject({ number: 2, parentId: v!.id, rowCount: 2, addedCount: 1 });
  const rows = await versionRows(w.db, projectId, 2);
  for (const r of rows) expect(r.split).toBe(splitOf(r.text_a as string, r.text_b as string));
  const [again] = await w.db.select().from(datasetVersion).where(eq(datasetVersion.id, v!.id));
  expect(Object.values(again!.counts).flatMap((x) => Object.values(x)).reduce((a, b) => a + b, 0)).toBe(1);
  expect(again!.contentHash).toBe('old');
});
