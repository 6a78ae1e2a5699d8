/**
 * PostgreSQL array literals for large parameters, built with one join: node-postgres formats an
 * array parameter element by element (~1 µs each), which for the dozen 150,000-element columns of
 * a re-aggregation's write cost over a second. Pass the string and cast it (`${lit}::float8[]`).
 */
export function pgNumberArray(values: ArrayLike<number>): string {
  return `{${Array.prototype.join.call(values, ',')}}`;
}

/** Labels match /^[a-z0-9_-]+$/i, but one may be called "null": every element is quoted. */
export function pgLabelArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v}"`)).join(',')}}`;
}
