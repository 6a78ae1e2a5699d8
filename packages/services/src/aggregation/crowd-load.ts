import { sql, type SQL } from 'drizzle-orm';
import { AGGREGATION_METHODS, REAGGREGATE_STATE, type CrowdLabels, type ReaggregationStored } from '@quorum/core';
import type { SnapshotRead } from './snapshot-read';
import { numIndex } from './num-index';
import { UuidIndex } from './uuid-index';

/**
 * Everything re-aggregation reads, in two queries at once under one snapshot, each answered as
 * byteas of fixed-width records (int8send, uuid_send, float4send, and the batches' label packs)
 * rather than rows: a million rows cost the driver about a microsecond each to parse, packed
 * byteas a few milliseconds in all. Items are numbered in item.num order (a number that increases
 * with creation) and labellers in id order, so the fit sees the same numbering whatever order the
 * database returns the rows in, and is reproducible. Label packs name items by num, which maps
 * to the item's index through an array; the writes name items by num too, so no item uuid is
 * read at all.
 */

const NONE = 255;
/** batch.label_pack: int8 item num + int2 code. */
const LABEL_RECORD = 10;
/** num, state/gold/winner/outcome/method bits, label count, top posterior, disagreement. */
const ITEM_RECORD = 8 + 8 + 2 + 4 + 4;
const { FIT_ONLY, SETTLED, QUEUED } = REAGGREGATE_STATE;

export type ProjectCrowd = {
  nItems: number;
  /** Each item's num: the writes name items by it. */
  itemNum: Float64Array;
  /** REAGGREGATE_STATE: SETTLED = settled by the crowd, no known answer, in no dataset version
   *  (may flip to escalated); QUEUED = escalated, its review still queued, in no dataset version
   *  (may settle); FIT_ONLY = everything else (labelling, gold, decided by an expert, claimed…). */
  state: Uint8Array;
  /** Known answer's class (gold_answer: import, expert, consensus), −1 when none. */
  gold: Int32Array;
  /** The stored aggregates (see ReaggregationStored). */
  stored: ReaggregationStored;
  labellerIds: string[];
  /** Every accepted label of the project (answers on controls included), in the numbering above. */
  labels: CrowdLabels;
  /** 1 for a label that counts toward its item's overlap (not given as a control). */
  counted: Uint8Array;
};

/**
 * The labels come as up to 64 byteas rather than one: node-postgres parses one huge DataRow by
 * growing and copying its buffer, which took longer than the query (0.6 s against 0.27 s for
 * 19 MB of labels). The items' 8 MB come whole: grouping them cost the server more (partial
 * aggregates copied between workers) than it saved the driver.
 */
const CHUNK_OF = (id: SQL) => sql`get_byte(uuid_send(${id}), 15) & 63`;

/**
 * The value's index in `values` (a CASE: ~80 ms less over 200,000 items than array_position on
 * an array parameter), NULL when absent.
 */
const indexIn = (col: SQL, values: readonly string[]): SQL => sql`(case ${col} ${sql.join(values.map((v, k) => sql`when ${v} then ${sql.raw(String(k))}`), sql` `)} end)`;

const byteOf = (expr: SQL) => sql`(coalesce(${expr}, ${sql.raw(String(NONE))})::int8 & 255)`;

/** `read` runs each query under one snapshot (snapshotReader): the two are read at once. */
export async function loadProjectCrowd(read: SnapshotRead, projectId: string, labels: readonly string[]): Promise<ProjectCrowd> {
  const K = labels.length;
  const classOf = (col: SQL) => indexIn(col, labels);

  const itemsRead = read<{ items: Buffer | null }>(sql`
    select string_agg(
      int8send(i.num)
      || int8send(
           -- PostgreSQL gives << and | the same precedence: every shift in its own parentheses.
           ((case
             when i.status = 'settled' and i.decided_by = 'crowd' and g.item_id is null and dm.item_id is null and a.item_id is not null then ${sql.raw(String(SETTLED))}
             when i.status = 'escalated' and i.decided_by is null and r.status = 'queued' and g.item_id is null and dm.item_id is null and a.item_id is not null then ${sql.raw(String(QUEUED))}
             else ${sql.raw(String(FIT_ONLY))} end)::int8 << 32)
           | (${byteOf(classOf(sql`g.label`))} << 24)
           | (${byteOf(classOf(sql`a.winner`))} << 16)
           | (${byteOf(sql`case a.outcome when 'settled' then 0 when 'escalated' then 1 end`)} << 8)
           | ${byteOf(indexIn(sql`a.method`, AGGREGATION_METHODS))})
      || int2send(coalesce(a.label_count, 0)::int2)
      || float4send(coalesce(a.top_posterior, 'NaN'))
      || float4send(coalesce(a.disagreement, 'NaN')),
      ''::bytea) as items
    from item i
    left join gold_answer g on g.item_id = i.id
    left join aggregate a on a.item_id = i.id
    left join review r on r.item_id = i.id
    -- In a dataset version: any revision of the item's row in a version that was not rejected.
    left join (select distinct d.item_id from dataset_row d join dataset_version v on v.id = d.version_id
               where d.project_id = ${projectId} and v.status <> 'rejected') dm on dm.item_id = i.id
    where i.project_id = ${projectId} and i.status <> 'excluded'`);
  // Accepted labels, from each batch's label_pack (kept by trigger from the assignments' status):
  // per batch, the labeller's uuid and the pack's length, then 10-byte records — the item's num
  // and int2 (label index << 1 | control).
  const labelsRead = read<{ labels: Buffer | null }>(sql`
    select string_agg(uuid_send(b.labeller_id) || int4send(octet_length(b.label_pack)) || b.label_pack, ''::bytea) as labels
    from batch b
    where b.project_id = ${projectId} and octet_length(b.label_pack) > 0
    group by ${CHUNK_OF(sql`b.id`)}`);
  // The labels are decoded while the items query still runs; item nums become ranks after.
  const packedLabels = labelsRead.then((chunks) => decodeLabelPacks(concat(chunks.map((c) => c.labels)), K));
  const [itemChunks, packed] = await Promise.all([itemsRead, packedLabels]);

  const iv = concat(itemChunks.map((c) => c.items));
  const nItems = iv.byteLength / ITEM_RECORD;
  // Items numbered in num order, whatever order the rows came in (parallel workers interleave).
  const nums = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) nums[i] = int8At(iv, i * ITEM_RECORD);
  const byNum = numIndex(nums);
  const order = byNum.order;
  const itemNum = new Float64Array(nItems);
  const state = new Uint8Array(nItems);
  const gold = new Int32Array(nItems);
  const stored: ReaggregationStored = {
    winner: new Int32Array(nItems),
    outcome: new Int32Array(nItems),
    method: new Int32Array(nItems),
    labelCount: new Int32Array(nItems),
    top: new Float32Array(nItems),
    disagreement: new Float32Array(nItems),
  };
  const small = (b: number) => (b === NONE ? -1 : b);
  for (let r = 0; r < nItems; r++) {
    const o = order[r]! * ITEM_RECORD;
    itemNum[r] = nums[order[r]!]!;
    state[r] = iv.getUint8(o + 11);
    gold[r] = small(iv.getUint8(o + 12));
    stored.winner[r] = small(iv.getUint8(o + 13));
    stored.outcome[r] = small(iv.getUint8(o + 14));
    stored.method[r] = small(iv.getUint8(o + 15));
    stored.labelCount[r] = iv.getInt16(o + 16);
    stored.top[r] = iv.getFloat32(o + 18);
    stored.disagreement[r] = iv.getFloat32(o + 22);
  }

  const total = packed.num.length;
  const item = new Int32Array(total);
  let n = 0;
  for (let j = 0; j < total; j++) {
    const r = byNum.rank(packed.num[j]!);
    // An excluded item's labels are left out.
    if (r < 0) continue;
    item[n] = r;
    packed.worker[n] = packed.worker[j]!;
    packed.label[n] = packed.label[j]!;
    packed.counted[n] = packed.counted[j]!;
    n++;
  }
  const { worker, label, counted, labellerIds } = packed;
  return {
    nItems,
    itemNum,
    state,
    gold,
    stored,
    labellerIds,
    labels: { item: item.subarray(0, n), worker: worker.subarray(0, n), label: label.subarray(0, n), nItems, nWorkers: labellerIds.length, nClasses: K },
    counted: counted.subarray(0, n),
  };
}

type DecodedLabels = { num: Float64Array; worker: Int32Array; label: Int32Array; counted: Uint8Array; labellerIds: string[] };

/**
 * The label packs (per batch: labeller uuid, pack length, then 10-byte records) as parallel
 * arrays, labellers numbered in id order — everyone with a counted label in the project (a
 * labeller without one would have no confusion to fit).
 */
function decodeLabelPacks(lv: DataView, K: number): DecodedLabels {
  let total = 0;
  let batches = 0;
  for (let o = 0; o < lv.byteLength; o += 20 + lv.getInt32(o + 16), batches++) total += lv.getInt32(o + 16) / LABEL_RECORD;
  const who = new UuidIndex(batches);
  const batchLabeller = new Int32Array(batches);
  for (let o = 0, b = 0; o < lv.byteLength; o += 20 + lv.getInt32(o + 16), b++) batchLabeller[b] = who.add(lv, o);
  const ids = Array.from({ length: who.size }, (_, w) => who.key(w));
  // Canonical uuid strings sort as their bytes do: the order PostgreSQL gives uuids.
  const sorted = ids.map((id, w) => [id, w] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
  const rank = new Int32Array(ids.length);
  sorted.forEach(([, w], r) => (rank[w] = r));
  const out: DecodedLabels = { num: new Float64Array(total), worker: new Int32Array(total), label: new Int32Array(total), counted: new Uint8Array(total), labellerIds: sorted.map(([id]) => id) };
  let n = 0;
  for (let o = 0, b = 0; o < lv.byteLength; b++) {
    const w = rank[batchLabeller[b]!]!;
    const end = o + 20 + lv.getInt32(o + 16);
    for (let p = o + 20; p < end; p += LABEL_RECORD) {
      const code = lv.getInt16(p + 8);
      const l = code >> 1;
      // A value outside the label set (never written) is left out.
      if (l >= K) continue;
      out.num[n] = int8At(lv, p);
      out.worker[n] = w;
      out.label[n] = l;
      out.counted[n] = (code & 1) === 0 ? 1 : 0;
      n++;
    }
    o = end;
  }
  return n === total ? out : { ...out, num: out.num.subarray(0, n), worker: out.worker.subarray(0, n), label: out.label.subarray(0, n), counted: out.counted.subarray(0, n) };
}

/** An int8 as a number: item nums stay far below 2⁵³. */
const int8At = (v: DataView, o: number): number => v.getInt32(o) * 4294967296 + v.getUint32(o + 4);

function view(buf: Buffer | null): DataView {
  return buf ? new DataView(buf.buffer, buf.byteOffset, buf.byteLength) : new DataView(new ArrayBuffer(0));
}

/** The chunks as one view: a copy of a few MB, against a second code path through the decoders. */
function concat(chunks: (Buffer | null)[]): DataView {
  return view(Buffer.concat(chunks.filter((c): c is Buffer => c !== null)));
}
