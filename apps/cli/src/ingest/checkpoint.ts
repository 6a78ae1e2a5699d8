import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

/**
 * Where an interrupted `quorum ingest` resumes: FILE.quorum-ingest.json, written after every
 * acknowledged chunk. It names the file's size and modification time, the project and the server,
 * so an edited file, another project or another server starts from the top instead. Re-sending
 * the chunk in flight when the run stopped is safe: ingest is idempotent.
 */

export type IngestTotals = { received: number; inserted: number; updated: number; unchanged: number; superseded: number; rejected: number; gold: number };

export type Checkpoint = {
  version: 1;
  project: string;
  url: string;
  size: number;
  mtimeMs: number;
  /** The first line not yet acknowledged, and where it starts (a byte offset, or an array position). */
  nextLine: number;
  next: number;
  chunks: number;
  totals: IngestTotals;
};

export type CheckpointKey = Pick<Checkpoint, 'project' | 'url' | 'size' | 'mtimeMs'>;

export const checkpointPath = (file: string) => `${file}.quorum-ingest.json`;

export async function checkpointKey(file: string, project: string, url: string): Promise<CheckpointKey> {
  const s = await stat(file);
  return { project, url: url.replace(/\/$/, ''), size: s.size, mtimeMs: s.mtimeMs };
}

/** The checkpoint for this file, project and server, or null (none, another key, or unreadable). */
export async function checkpointRead(path: string, key: CheckpointKey): Promise<Checkpoint | null> {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(await readFile(path, 'utf8')) as Partial<Checkpoint>;
  } catch {
    return null;
  }
  const same = c.version === 1 && c.project === key.project && c.url === key.url && c.size === key.size && c.mtimeMs === key.mtimeMs;
  return same && typeof c.nextLine === 'number' && typeof c.next === 'number' && c.totals ? (c as Checkpoint) : null;
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the previous checkpoint. */
export async function checkpointWrite(path: string, c: Checkpoint): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(c)}\n`);
  await rename(`${path}.tmp`, path);
}

export async function checkpointRemove(path: string): Promise<void> {
  await rm(path, { force: true });
}
