/**
 * Dense indexes for uuids read as raw 16-byte values (uuid_send) from a bytea, without making a
 * JavaScript string per occurrence: re-aggregation maps the labeller of each of ~100,000 label
 * packs to the fit's worker number. Open addressing over the four 32-bit words; each slot keeps
 * the whole uuid, so lookups are exact.
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

/** Two hex digits per byte value: a table lookup, not a toString(16) per byte. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
