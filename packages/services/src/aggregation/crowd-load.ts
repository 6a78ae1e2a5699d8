import { sql, type SQL } from 'drizzle-orm';
import { AGGREGATION_METHODS, REAGGREGATE_STATE, type CrowdLabels } from '@quorum/core';
import type { SnapshotRead } from './snapshot-read';
import { UuidIndex, uuidFormat } from './uuid-index';

/**
 * Everything re-aggregation reads, in three queries (the last two at once), each answered as one bytea of fixed-width
 * records (uuid_send, int8send, float4send, and the batches' label packs) rather than rows: a million rows cost the driver about
 * a microsecond each to parse, a packed bytea a few milliseconds in all. Ids are mapped to dense
 * indexes here (UuidIndex), items in uuid order and labellers sorted by id, so the fit sees the
 * same numbering whatever order the database returns the labels in, and is reproducible.
 */

const NONE = 255;
/** batch.label_pack: 16-byte item uuid + int2 code. */
const LABEL_RECORD = 18;
const { FIT_ONLY, SETTLED, QUEUED } = REAGGREGATE_STATE;

export type ProjectCrowd = {
  nItems: number;
  itemId: (i: number) => string;
  /** The uuid[] literal of many items at once (see UuidIndex.literal). */
  itemIdsLiteral: (items: ArrayLike<number>) => string;
  /** REAGGREGATE_STATE: SETTLED = settled by the crowd, no known answer, in no dataset version
   *  (may flip to escalated); QUEUED = escalated, its review still queued, in no dataset version
   *  (may settle); FIT_ONLY = everything else (labelling, gold, decided by an expert, claimed…). */
  state: Uint8Array;
  /** Known answer's class (gold_answer: import, expert, consensus), −1 when none. */
  gold: Int32Array;
  /** The stored aggregate: winner class (−1 none), outcome (0 settled, 1 escalated, −1 none),
   *  method (index in core's AGGREGATION_METHODS), label count, posterior (NaN when absent). */
  stored: { winner: Int32Array; outcome: Int32Array; method: Int32Array; labelCount: Int32Array; posterior: Float32Array };
  labellerIds: string[];
  /** Every accepted label of the project (answers on controls included), in the numbering above. */
  labels: CrowdLabels;
  /** 1 for a label that counts toward its item's overlap (not given as a control). */
  counted: Uint8Array;
};

const byteOf = (expr: SQL) => sql`(coalesce(${expr}, ${sql.raw(String(NONE))})::int8 & 255)`;

/** `read` runs each query under one snapshot (snapshotReader): the items and the labels are read at once. */
export async function loadProjectCrowd(read: SnapshotRead, projectId: string, labels: readonly string[]): Promise<ProjectCrowd> {
  const K = labels.length;
  const labelArray = sql`${sql.param([...labels])}::text[]`;
  const classOf = (col: SQL) => sql`(array_position(${labelArray}, ${col}) - 1)`;

  // Labellers: everyone with a batch in the project, in id order (that order numbers them).
  const [who] = await read<{ ids: Buffer | null }>(sql`
    select string_agg(uuid_send(labeller_id), ''::bytea order by labeller_id) as ids
    from (select distinct labeller_id from batch where project_id = ${projectId}) s`);
  const wv = view(who?.ids ?? null);
  const labellerIds = Array.from({ length: wv.byteLength / 16 }, (_, w) => uuidFormat(wv, w * 16));

  const posterior = sql.join(
    labels.map((l) => sql`float4send(coalesce((a.posterior -> ${l})::float4, 'NaN'))`),
    sql` || `,
  );
  const itemsRead = read<{ items: Buffer | null }>(sql`
    select string_agg(
      uuid_send(i.id)
      || int8send(
           -- PostgreSQL gives << and | the same precedence: every shift in its own parentheses.
           ((case
             when i.status = 'settled' and i.decided_by = 'crowd' and g.item_id is null and dm.item_id is null and a.item_id is not null then ${sql.raw(String(SETTLED))}
             when i.status = 'escalated' and i.decided_by is null and r.status = 'queued' and g.item_id is null and dm.item_id is null and a.item_id is not null then ${sql.raw(String(QUEUED))}
             else ${sql.raw(String(FIT_ONLY))} end)::int8 << 32)
           | (${byteOf(classOf(sql`g.label`))} << 24)
           | (${byteOf(classOf(sql`a.winner`))} << 16)
           | (${byteOf(sql`case a.outcome when 'settled' then 0 when 'escalated' then 1 end`)} << 8)
           | ${byteOf(sql`array_position(${sql.param([...AGGREGATION_METHODS])}::text[], a.method) - 1`)})
      || int2send(coalesce(a.label_count, 0)::int2)
      || ${posterior},
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
  // per batch, the labeller's number and the pack's length, then 18-byte records — the item's
  // uuid and int2 (label index << 1 | control). Read while the items are.
  const labelsRead = read<{ labels: Buffer | null }>(sql`
    select string_agg(int4send(w.n::int - 1) || int4send(octet_length(b.label_pack)) || b.label_pack, ''::bytea) as labels
    from batch b
    join unnest(${sql.param(labellerIds)}::uuid[]) with ordinality as w(id, n) on w.id = b.labeller_id
    where b.project_id = ${projectId} and octet_length(b.label_pack) > 0`);
  const [[items], [packed]] = await Promise.all([itemsRead, labelsRead]);
  const iv = view(items?.items ?? null);
  const itemRecord = 26 + 4 * K;
  const nItems = iv.byteLength / itemRecord;
  const itemIndex = new UuidIndex(nItems);
  for (let i = 0; i < nItems; i++) itemIndex.add(iv, i * itemRecord);
  // Items numbered in id order, whatever order the rows came in (parallel workers interleave).
  const order = itemIndex.sortedOrder();
  const rank = new Int32Array(nItems);
  order.forEach((i, r) => (rank[i] = r));
  const state = new Uint8Array(nItems);
  const gold = new Int32Array(nItems);
  const stored = { winner: new Int32Array(nItems), outcome: new Int32Array(nItems), method: new Int32Array(nItems), labelCount: new Int32Array(nItems), posterior: new Float32Array(nItems * K) };
  const small = (b: number) => (b === NONE ? -1 : b);
  for (let r = 0; r < nItems; r++) {
    const o = order[r]! * itemRecord;
    state[r] = iv.getUint8(o + 19);
    gold[r] = small(iv.getUint8(o + 20));
    stored.winner[r] = small(iv.getUint8(o + 21));
    stored.outcome[r] = small(iv.getUint8(o + 22));
    stored.method[r] = small(iv.getUint8(o + 23));
    stored.labelCount[r] = iv.getInt16(o + 24);
    for (let t = 0; t < K; t++) stored.posterior[r * K + t] = iv.getFloat32(o + 26 + 4 * t);
  }

  const lv = view(packed?.labels ?? null);
  let total = 0;
  for (let o = 0; o < lv.byteLength; o += 8 + lv.getInt32(o + 4)) total += lv.getInt32(o + 4) / LABEL_RECORD;
  const item = new Int32Array(total);
  const worker = new Int32Array(total);
  const label = new Int32Array(total);
  const counted = new Uint8Array(total);
  let n = 0;
  for (let o = 0; o < lv.byteLength; ) {
    const w = lv.getInt32(o);
    const end = o + 8 + lv.getInt32(o + 4);
    for (let p = o + 8; p < end; p += LABEL_RECORD) {
      const i = itemIndex.get(lv, p);
      const code = lv.getInt16(p + 16);
      const l = code >> 1;
      // An excluded item's labels, and a value outside the label set (never written), are left out.
      if (i < 0 || l >= K) continue;
      item[n] = rank[i]!;
      worker[n] = w;
      label[n] = l;
      counted[n] = (code & 1) === 0 ? 1 : 0;
      n++;
    }
    o = end;
  }
  return {
    nItems,
    itemId: (r) => itemIndex.key(order[r]!),
    itemIdsLiteral: (rs) => itemIndex.literal(Array.from(rs, (r) => order[r]!)),
    state,
    gold,
    stored,
    labellerIds,
    labels: { item: item.subarray(0, n), worker: worker.subarray(0, n), label: label.subarray(0, n), nItems, nWorkers: labellerIds.length, nClasses: K },
    counted: counted.subarray(0, n),
  };
}

function view(buf: Buffer | null): DataView {
  return buf ? new DataView(buf.buffer, buf.byteOffset, buf.byteLength) : new DataView(new ArrayBuffer(0));
}
