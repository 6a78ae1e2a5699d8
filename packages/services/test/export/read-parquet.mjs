// Test helper: reads a Parquet file with hyparquet (the reader that comes with
// hyparquet-writer) and prints { rows, rowGroups, schema, metadata } as JSON. Run as a child
// process because hyparquet is ES-modules-only, which jest cannot load on Node 20.
import { readFileSync } from 'node:fs';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

const bytes = readFileSync(process.argv[2]);
const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
const meta = parquetMetadata(file);
const rows = await parquetReadObjects({ file });
process.stdout.write(
  JSON.stringify({
    rows,
    rowGroups: meta.row_groups.map((g) => Number(g.num_rows)),
    schema: meta.schema.map((s) => ({ name: s.name, type: s.type ?? null, repetition: s.repetition_type ?? null, converted: s.converted_type ?? null })),
    metadata: Object.fromEntries((meta.key_value_metadata ?? []).map((kv) => [kv.key, kv.value])),
  }),
);
