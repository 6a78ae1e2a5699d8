// Encodes Parquet row groups for parquet.ts, in a worker thread. Plain JavaScript, so it loads
// the same way under tsx, plain node and jest (see parquet.ts for why it is a worker at all).
// Protocol, one message at a time: { kind: 'group', columnData } → { kind: 'bytes', bytes };
// { kind: 'finish' } → { kind: 'bytes', bytes } with the footer. Errors → { kind: 'error' }.
import { parentPort, workerData } from 'node:worker_threads';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';

const writer = new ByteWriter();
const parquet = new ParquetWriter({
  writer,
  schema: workerData.schema,
  kvMetadata: workerData.kvMetadata,
  createdBy: workerData.createdBy,
});

// The bytes written since the last call. Resetting `index` (not `offset`, which is the file
// position the footer records) reuses the buffer, as hyparquet-writer's own fileWriter does.
function takeBytes() {
  const bytes = writer.getBytes().slice();
  writer.index = 0;
  return bytes;
}

parentPort.on('message', (message) => {
  try {
    if (message.kind === 'group') {
      const rows = message.columnData[0]?.data.length ?? 0;
      parquet.write({ columnData: message.columnData, rowGroupSize: Math.max(1, rows) });
    } else {
      parquet.finish();
    }
    const bytes = takeBytes();
    parentPort.postMessage({ kind: 'bytes', bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
