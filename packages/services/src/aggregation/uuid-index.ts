/**
 * uuids read as raw 16-byte values (uuid_send) from a bytea, kept as four 32-bit words each
 * without making a JavaScript string per uuid: re-aggregation reads 200,000 items' ids and
 * formats only the few it writes.
 */
export class UuidList {
  protected readonly words: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.words = new Int32Array(capacity * 4);
  }

  /** Appends the uuid at `offset`; returns its index. */
  push(buf: DataView, offset: number): number {
    if (this.size * 4 >= this.words.length) throw new RangeError('UuidList is full');
    const i = this.size++;
    for (let j = 0; j < 4; j++) this.words[i * 4 + j] = buf.getInt32(offset + 4 * j);
    return i;
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
}

/**
 * A UuidList that also finds a uuid's index: open addressing over the four 32-bit words; each
 * slot keeps the whole uuid, so lookups are exact.
 */
export class UuidIndex extends UuidList {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    super(capacity);
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.slots = new Int32Array(n).fill(-1);
  }

  /** The index of the uuid at `offset`, adding it when new (up to the capacity). */
  add(buf: DataView, offset: number): number {
    return this.find(buf, offset, true);
  }

  /** The index of the uuid at `offset`, or −1. */
  get(buf: DataView, offset: number): number {
    return this.find(buf, offset, false);
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
        const i = this.push(buf, offset);
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
