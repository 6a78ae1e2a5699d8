/**
 * Dense indexes for uuids read as raw 16-byte values (uuid_send) from one bytea, without making a
 * JavaScript string per uuid: re-aggregation maps a million labels' item and labeller ids, and a
 * string plus a Map lookup per id costs more than the database takes to send them. Open
 * addressing over the four 32-bit words; each slot keeps the whole uuid, so lookups are exact.
 */
export class UuidIndex {
  private readonly words: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  size = 0;

  constructor(capacity: number) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.slots = new Int32Array(n).fill(-1);
    this.words = new Int32Array(capacity * 4);
  }

  /** The index of the uuid at `offset`, adding it when new (up to the capacity). */
  add(buf: DataView, offset: number): number {
    return this.find(buf, offset, true);
  }

  /** The index of the uuid at `offset`, or −1. */
  get(buf: DataView, offset: number): number {
    return this.find(buf, offset, false);
  }

  /** The uuid of index i, formatted. */
  key(i: number): string {
    let s = '';
    for (let j = 0; j < 4; j++) {
      const w = this.words[i * 4 + j]!;
      s += HEX[(w >>> 24) & 255]! + HEX[(w >>> 16) & 255]! + (j === 1 || j === 2 ? '-' : '') + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
      if (j < 2) s += '-';
    }
    return s;
  }

  /**
   * A PostgreSQL uuid[] literal of the given indexes' uuids, written byte by byte into one buffer:
   * 150,000 JavaScript strings joined cost ten times as much.
   */
  literal(indexes: ArrayLike<number>): string {
    const out = Buffer.allocUnsafe(2 + indexes.length * 37);
    let o = 0;
    out[o++] = 0x7b; // {
    for (let k = 0; k < indexes.length; k++) {
      if (k > 0) out[o++] = 0x2c; // ,
      for (let j = 0; j < 4; j++) {
        const w = this.words[indexes[k]! * 4 + j]!;
        for (let b = 24; b >= 0; b -= 8) {
          const byte = (w >>> b) & 255;
          out[o++] = HEX_CODES[byte >> 4]!;
          out[o++] = HEX_CODES[byte & 15]!;
          // Dashes after bytes 4, 6, 8 and 10 (8-4-4-4-12 digits).
          if ((j === 0 && b === 0) || (j === 1 && b === 16) || (j === 1 && b === 0) || (j === 2 && b === 16)) out[o++] = 0x2d;
        }
      }
    }
    out[o++] = 0x7d; // }
    return out.toString('latin1', 0, o);
  }

  /**
   * Indexes in uuid (byte) order: an LSD radix sort on the first 32-bit word, 16 bits a pass, then
   * insertion sort on the rest of the key where first words tie (rare: random 32-bit words).
   */
  sortedOrder(): Int32Array {
    const n = this.size;
    const w = this.words;
    let order = Int32Array.from({ length: n }, (_, i) => i);
    let next = new Int32Array(n);
    for (const shift of [0, 16]) {
      const count = new Int32Array(65537);
      for (let i = 0; i < n; i++) count[((w[order[i]! * 4]! >>> shift) & 0xffff) + 1]!++;
      for (let b = 0; b < 65536; b++) count[b + 1]! += count[b]!;
      for (let i = 0; i < n; i++) next[count[(w[order[i]! * 4]! >>> shift) & 0xffff]!++] = order[i]!;
      [order, next] = [next, order];
    }
    const after = (x: number, y: number) => {
      for (let j = 0; j < 4; j++) {
        const a = w[x * 4 + j]! >>> 0;
        const b = w[y * 4 + j]! >>> 0;
        if (a !== b) return a > b;
      }
      return false;
    };
    for (let i = 1; i < n; i++) {
      const x = order[i]!;
      let k = i;
      for (; k > 0 && w[order[k - 1]! * 4] === w[x * 4] && after(order[k - 1]!, x); k--) order[k] = order[k - 1]!;
      order[k] = x;
    }
    return order;
  }

  private find(buf: DataView, offset: number, insert: boolean): number {
    const a = buf.getInt32(offset);
    const b = buf.getInt32(offset + 4);
    const c = buf.getInt32(offset + 8);
    const d = buf.getInt32(offset + 12);
    // uuids are random in their first and last words (v4: all but 6 bits); mixing two is plenty.
    let h = Math.imul(a ^ Math.imul(d, 0x9e3779b1), 0x85ebca6b) >>> 0;
    const w = this.words;
    for (;;) {
      const s = this.slots[h & this.mask]!;
      if (s < 0) {
        if (!insert) return -1;
        if (this.size * 4 >= w.length) throw new RangeError('UuidIndex is full');
        const i = this.size++;
        w[i * 4] = a;
        w[i * 4 + 1] = b;
        w[i * 4 + 2] = c;
        w[i * 4 + 3] = d;
        this.slots[h & this.mask] = i;
        return i;
      }
      if (w[s * 4] === a && w[s * 4 + 1] === b && w[s * 4 + 2] === c && w[s * 4 + 3] === d) return s;
      h++;
    }
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Two hex digits per byte value: a table lookup, not a toString(16) per byte. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

const uuidFromHex = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** The canonical text form of the 16 bytes (as uuid_send writes them) at `offset`. */
export function uuidFormat(view: DataView, offset: number): string {
  let hex = '';
  for (let j = 0; j < 4; j++) hex += view.getUint32(offset + 4 * j).toString(16).padStart(8, '0');
  return uuidFromHex(hex);
}
