import { exportColumns, type ExportColumn } from '../export/export-row';

/**
 * The export built by PostgreSQL itself, for COPY … TO STDOUT: a JSON Lines line or a CSV
 * record per row, in exportColumns' order and with its values, so the bytes go from the
 * database to the socket without a JavaScript object per row (the JS writers cost ~14 µs a
 * row; this is a few). Each column's source is a dataset_row column, per-label figures an
 * array element in the project's label order. A column added to exportColumns without a
 * source here fails loudly (exportSqlSource throws), and a test checks the SQL-built files
 * against the JS writers row for row.
 */

const BASE: Record<string, string> = {
  id: 'r.item_id',
  external_id: 'r.external_id',
  sample_id: 'r.sample_id',
  text_a: 'r.text_a',
  text_b: 'r.text_b',
  label: 'r.label',
  split: 'r.split',
  decided_by: 'r.decided_by',
  agreement: 'r.agreement',
  expert_note: 'r.expert_note',
  model_label: 'r.model_label',
  model_version: 'r.model_version',
  batch_ids: 'r.batch_ids',
};
const PER_LABEL: [prefix: string, array: string][] = [
  ['posterior_', 'r.posterior'],
  ['votes_', 'r.votes'],
  ['model_prob_', 'r.model_probs'],
];

/** The SQL expression a column's value comes from. */
export function exportSqlSource(column: ExportColumn, labels: readonly string[]): string {
  const base = BASE[column.name];
  if (base) return base;
  for (const [prefix, array] of PER_LABEL) {
    const i = labels.findIndex((l) => `${prefix}${l}` === column.name);
    if (i >= 0) return `${array}[${i + 1}]`;
  }
  throw new Error(`export: no SQL source for column ${column.name}`);
}

/** A SQL string literal (labels are /^[a-z0-9_-]+$/i; quoting anyway costs nothing). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Columns whose values never need JSON escaping: uuids and closed vocabularies (checked in the schema). */
const PLAIN = new Set(['id', 'sample_id', 'split', 'decided_by']);

/**
 * One column as JSON text. Strings go through to_json (the escaping JSON.stringify does, for
 * any text PostgreSQL can hold); a whole-number double gets '.0' as the JS writer writes it, so
 * pyarrow infers a float column. Doubles print in PostgreSQL's shortest exact form (1e-05
 * where JavaScript writes 0.00001): the same number.
 */
function jsonValue(column: ExportColumn, src: string): string {
  switch (column.type) {
    case 'string':
      return PLAIN.has(column.name) ? `'"' || ${src} || '"'` : `coalesce(to_json(${src})::text, 'null')`;
    case 'string_list':
      return `to_json(${src})::text`;
    case 'int':
      return `coalesce(${src}::text, 'null')`;
    case 'double':
      return `coalesce(case when ${src} = trunc(${src}) and abs(${src}) < 1e15 then ${src}::text || '.0' else ${src}::text end, 'null')`;
  }
}

/**
 * SELECT list of one text column holding the row's JSON line (without the newline): one
 * concat() of every piece, so the line is assembled once rather than copied at each ||.
 */
export function jsonlLineSql(labels: readonly string[]): string {
  const parts = exportColumns(labels).flatMap((c, i) => [literal(`${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`), jsonValue(c, exportSqlSource(c, labels))]);
  return `concat(${parts.join(', ')}, '}')`;
}

/** SELECT list of the CSV columns, named as the export names them; lists as their JSON text. */
export function csvColumnsSql(labels: readonly string[]): string {
  return exportColumns(labels)
    .map((c) => {
      const src = exportSqlSource(c, labels);
      return `${c.type === 'string_list' ? `to_json(${src})::text` : src} as "${c.name.replace(/"/g, '""')}"`;
    })
    .join(', ');
}

/** The columns the Parquet path reads to build ExportRows. */
export const EXPORT_ROW_COLUMNS =
  'r.item_id, r.sample_id, r.external_id, r.text_a, r.text_b, r.label, r.split, r.decided_by, r.agreement, r.posterior, r.votes, r.expert_note, r.model_label, r.model_version, r.model_probs, r.batch_ids';
