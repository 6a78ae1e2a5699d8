import type { ExportColumn } from './export-row';

/**
 * The Parquet schema of an export, as the flat list of Thrift SchemaElements the format
 * stores (parquet-format, parquet.thrift). Strings are UTF8 byte arrays, numbers DOUBLE and
 * INT32, and batch_ids the standard three-level LIST (LogicalTypes.md, "Lists"), which
 * pyarrow and pandas read back as a list of strings.
 */
export type ParquetSchemaElement = {
  name: string;
  type?: 'BYTE_ARRAY' | 'DOUBLE' | 'INT32';
  converted_type?: 'UTF8' | 'LIST';
  repetition_type?: 'REQUIRED' | 'OPTIONAL' | 'REPEATED';
  num_children?: number;
};

export function parquetSchema(columns: readonly ExportColumn[]): ParquetSchemaElement[] {
  const out: ParquetSchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const c of columns) {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (c.type) {
      case 'string':
        out.push({ name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type });
        break;
      case 'double':
        out.push({ name: c.name, type: 'DOUBLE', repetition_type });
        break;
      case 'int':
        out.push({ name: c.name, type: 'INT32', repetition_type });
        break;
      case 'string_list':
        out.push(
          { name: c.name, converted_type: 'LIST', repetition_type, num_children: 1 },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        );
        break;
    }
  }
  return out;
}
