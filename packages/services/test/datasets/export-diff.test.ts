import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { datasetDiff } from '@quorum/core';
import { createTestDatabase } from '@quorum/db/src/testing';
import { datasetRow, item } from '@quorum/db';
import type { ServiceContext } from '../../src/context';
import { decideDatasetVersion, diffDatasetVersion, exportPlan, exportRowOf, exportVersionTo, jsonlChunks, mergeDataset, exportColumns } from '../../src';
import { datasetProject, pairOf, settle, versionRows } from '../support/dataset-fixtures';

// The export as PostgreSQL builds it (JSONL, CSV through COPY) against the JS writers (Parquet,
// and JSONL written from the same rows), on values that trip writers up; and the SQL diff
// against core's merge-join diff over whole versions.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: ServiceContext;
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { db: database.db, jobs: { enqueue: async () => {} }, events: { publish: () => {} }, now: () => new Date(), random: () => 0.5, log: { info: () => {}, warn: () => {}, error: () => {} } };
});
afterAll(async () => database?.drop());

function sink() {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) });
  return { out, bytes: () => Buffer.concat(chunks) };
}

function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n') record.push(field), out.push(record), (record = []), (field = '');
    else field += c;
  }
  return out;
}

test('JSONL, CSV and Parquet agree row for row with each other and with the JS writer, on awkward values', async () => {
  const { projectId, engineer, labellers } = await datasetProject(ctx.db);
  const awkward = [
    { textA: 'café 😀 "quoted", comma\nnew line\ttab \\ backslash', textB: ' leading and trailing space ' },
    { textA: 'a \u2028 line separator and \u00a0 no-break space', textB: 'ünïcödé ß İ' },
    { textA: '', textB: 'x' },
  ];
  for (const [i, t] of awkward.entries()) await settle(ctx.db, projectId, labellers, { ...pairOf(i + 1), ...t, label: i === 1 ? 'no_match' : 'match' });
  await settle(ctx.db, projectId, labellers, { ...pairOf(9), label: 'no_match', by: 'expert', note: 'an "expert", with\nnotes' }, engineer);
  const v = (await mergeDataset(ctx, projectId))!;
  await decideDatasetVersion(ctx, engineer, v.id, 'approved');
  // Posteriors JavaScript and PostgreSQL print differently (0.00001 / 1e-05): the same number.
  await ctx.db.execute(sql`alter table dataset_row disable trigger dataset_row_immutable`);
  await ctx.db.execute(sql`update dataset_row set posterior = array[0.99999, 0.00001], agreement = 1 where project_id = ${projectId} and external_id = 'ext-001'`);
  await ctx.db.execute(sql`update dataset_row set posterior = array[1e-9, 1], model_probs = array[0.1::float8 + 0.2::float8, 0.7] where project_id = ${projectId} and external_id = 'ext-002'`);
  await ctx.db.execute(sql`alter table dataset_row enable trigger dataset_row_immutable`);

  const get = async (format: 'jsonl' | 'csv' | 'parquet') => {
    const plan = await exportPlan(ctx, engineer, v.id, format);
    const s = sink();
    await exportVersionTo(database.pool, plan, s.out);
    return { plan, bytes: s.bytes() };
  };
  const jsonl = await get('jsonl');
  expect(jsonl.plan.rowCount).toBe(3);
  const lines = jsonl.bytes.toString('utf8').split('\n');
  expect(lines.pop()).toBe('');
  const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(rows.map((r) => r.external_id)).toEqual(expect.arrayContaining(['ext-001', 'ext-002', 'ext-009']));
  expect(rows.find((r) => r.external_id === 'ext-001')).toMatchObject({ text_a: awkward[0]!.textA, text_b: awkward[0]!.textB, posterior_no_match: 0.00001, agreement: 1 });
  expect(lines.find((l) => l.includes('"ext-001"'))).toMatch(/"agreement":1\.0,/);
  expect(rows.find((r) => r.external_id === 'ext-002')).toMatchObject({ posterior_match: 1e-9, posterior_no_match: 1, model_prob_match: 0.1 + 0.2 });

  // The JS writer, from the same stored rows.
  const stored = await ctx.db.execute<Parameters<typeof exportRowOf>[0]>(sql`select * from dataset_row r where r.project_id = ${projectId} order by r.item_id`);
  const chunks: Buffer[] = [];
  for await (const c of jsonlChunks((async function* () { for (const r of stored.rows) yield exportRowOf(r, ['match', 'no_match']); })(), exportColumns(['match', 'no_match']))) chunks.push(c);
  const fromJs = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
  expect(fromJs.map((l) => JSON.parse(l))).toEqual(rows);
  // Byte for byte but for how the two print a few doubles.
  expect(fromJs.filter((l) => !l.includes('"ext-001"') && !l.includes('"ext-002"'))).toEqual(lines.filter((l) => !l.includes('"ext-001"') && !l.includes('"ext-002"')));

  const [header, ...records] = parseCsv((await get('csv')).bytes.toString('utf8'));
  expect(header).toEqual(Object.keys(rows[0]!));
  const asCsv = (x: unknown) => (x === null ? '' : Array.isArray(x) ? JSON.stringify(x) : typeof x === 'number' ? x : String(x));
  expect(records.map((rec) => Object.fromEntries(rec.map((x, i) => [header![i]!, typeof rows[0]![header![i]!] === 'number' && x !== '' ? Number(x) : x])))).toEqual(
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, asCsv(x)]))),
  );

  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-export-'));
  writeFileSync(path.join(dir, 'v.parquet'), (await get('parquet')).bytes);
  const read = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '../export/read-parquet.mjs'), path.join(dir, 'v.parquet')], { encoding: 'utf8' })) as { rows: unknown[] };
  expect(read.rows).toEqual(rows);
});

test('the diff agrees with core’s merge-join over both versions, relabels, removals and moves included', async () => {
  const { projectId, engineer, labellers } = await datasetProject(ctx.db);
  const ids: string[] = [];
  for (let n = 1; n <= 12; n++) ids.push(await settle(ctx.db, projectId, labellers, pairOf(n)));
  const v1 = (await mergeDataset(ctx, projectId))!;
  await decideDatasetVersion(ctx, engineer, v1.id, 'approved');
  await ctx.db.update(item).set({ finalLabel: 'no_match' }).where(eq(item.id, ids[0]!));
  await ctx.db.update(item).set({ status: 'excluded', finalLabel: null }).where(eq(item.id, ids[1]!));
  for (let n = 13; n <= 15; n++) await settle(ctx.db, projectId, labellers, pairOf(n));
  const v2 = (await mergeDataset(ctx, projectId))!;
  await decideDatasetVersion(ctx, engineer, v2.id, 'approved');
  await settle(ctx.db, projectId, labellers, pairOf(16));
  const v3 = (await mergeDataset(ctx, projectId))!;
  // A row that moved split only (the project's ratios changed, say): its revision closed and reopened by v3.
  const [moved] = await ctx.db.select().from(datasetRow).where(eq(datasetRow.itemId, ids[5]!));
  await ctx.db.execute(sql`update dataset_row set valid_to = 3 where item_id = ${ids[5]!} and valid_to = 2147483647`);
  await ctx.db.insert(datasetRow).values({ ...moved!, versionId: v3.id, validFrom: 3, validTo: 2147483647, split: moved!.split === 'test' ? 'train' : 'test' });

  const side = async (n: number) => (await versionRows(ctx.db, projectId, n)).map((r) => ({ key: r.item_id as string, label: r.label as string, split: r.split as string }));
  for (const [a, b] of [[v1, v3], [v3, v1], [v2, v3], [v1, v2]] as const) {
    const expected: { key: string; kind: string }[] = [];
    for await (const e of datasetDiff(await side(a.number), await side(b.number))) {
      expected.push({ key: e.key, kind: e.kind === 'changed' ? (e.relabelled ? 'relabelled' : 'moved') : e.kind });
    }
    const got = await diffDatasetVersion(ctx, engineer, b.id, { against: a.id, limit: 500 });
    expect(got.rows.map((r) => ({ key: r.itemId, kind: r.kind }))).toEqual(expected);
    const count = (k: string) => expected.filter((e) => e.kind === k).length;
    expect(got.summary).toEqual({ added: count('added'), removed: count('removed'), relabelled: count('relabelled'), moved: count('moved') });
  }
  const d = await diffDatasetVersion(ctx, engineer, v3.id, { limit: 500 });
  expect(d.rows.find((r) => r.itemId === ids[5])).toMatchObject({ kind: 'moved', before: { label: 'match', split: moved!.split }, after: { label: 'match', split: moved!.split === 'test' ? 'train' : 'test' } });
  expect(d.summary).toEqual({ added: 1, removed: 0, relabelled: 0, moved: 1 });
  const v2diff = await diffDatasetVersion(ctx, engineer, v2.id, { limit: 500 });
  expect(v2diff.summary).toEqual({ added: 3, removed: 1, relabelled: 1, moved: 0 });
  expect(v2diff.rows.find((r) => r.itemId === ids[0])).toMatchObject({ kind: 'relabelled', before: { label: 'match' }, after: { label: 'no_match' } });
});
