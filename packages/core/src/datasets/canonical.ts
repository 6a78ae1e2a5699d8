/**
 * A canonical serialisation so a dataset version's content hash depends only on its rows, not
 * on key order or row order. Same idea as RFC 8785 (JSON Canonicalization Scheme) key sorting,
 * without its number re-formatting: JSON.stringify's number output is already deterministic.
 */

function canonicalIsPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function canonicalWrite(value: unknown, path: string, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    // JSON.stringify would write null for these, silently changing the data.
    if (!Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: ${value} at ${path} is not valid JSON`);
    }
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') {
    // undefined, functions, symbols and bigints have no JSON form (or a lossy one).
    throw new TypeError(`canonicalJson: ${typeof value} at ${path} is not valid JSON`);
  }
  if (seen.has(value)) {
    throw new TypeError(`canonicalJson: circular reference at ${path}`);
  }
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((v: unknown, i) => canonicalWrite(v, `${path}[${i}]`, seen)).join(',')}]`;
  } else if (canonicalIsPlainObject(value)) {
    // Default sort compares UTF-16 code units: locale-independent, as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    const parts = keys.map((k) => `${JSON.stringify(k)}:${canonicalWrite(record[k], `${path}.${k}`, seen)}`);
    out = `{${parts.join(',')}}`;
  } else {
    // A Date or Map would serialise as "{}" or via toJSON; make the caller convert it explicitly.
    throw new TypeError(`canonicalJson: non-plain object at ${path}`);
  }
  seen.delete(value);
  return out;
}

/** JSON with object keys sorted recursively and no whitespace; array order is kept. */
export function canonicalJson(value: unknown): string {
  return canonicalWrite(value, '$', new Set());
}

/**
 * Rows sorted by itemId, one canonical JSON per line. Ties on itemId (which a valid dataset
 * never has) are broken by the row's own serialisation, so the output is still order-free.
 * The caller hashes the string with SHA-256; core does no crypto.
 */
export function datasetCanonicalSerialisation(rows: readonly { itemId: string }[]): string {
  return rows
    .map((row) => ({ id: row.itemId, json: canonicalJson(row) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.json < b.json ? -1 : a.json > b.json ? 1 : 0))
    .map((r) => r.json)
    .join('\n');
}
