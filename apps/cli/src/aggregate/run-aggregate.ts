import { once } from 'node:events';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { aggregateLabels, type AggregateLabelsResult, type AggregationMethod, type CrowdLabelRow } from '@quorum/core';
import { BadInput } from '../errors';
import { readRecords } from './read-records';

/**
 * `quorum aggregate`, offline: reads the label file (and gold), aggregates with core's
 * aggregateLabels and writes one JSON line per item. Every bad row of both files is reported
 * before anything is written, so a run either writes a complete result or nothing.
 */
export type AggregateFilesOptions = { labels: string; gold?: string; method: AggregationMethod; workers?: string };

/** Bad rows listed one by one, then a count: enough to fix a file without flooding the terminal. */
const MAX_REPORTED = 50;

async function readable(file: string): Promise<void> {
  try {
    await access(file);
  } catch {
    throw new BadInput(`cannot read ${file}`);
  }
}

async function readLabels(file: string): Promise<{ rows: CrowdLabelRow[]; problems: string[] }> {
  const rows: CrowdLabelRow[] = [];
  // One label per item per worker, as in the label table: a second one is a bad row, named with
  // the line of the first so the user can see which to keep.
  const seen = new Map<string, number>();
  const { errors } = await readRecords(file, ['item', 'worker', 'label'], ([item, worker, label], line) => {
    const key = `${item!.length}:${item}${worker}`;
    const first = seen.get(key);
    if (first !== undefined) return `worker '${worker}' already labelled item '${item}' on line ${first}`;
    seen.set(key, line);
    rows.push({ item: item!, worker: worker!, label: label! });
    return undefined;
  });
  return { rows, problems: errors.map((e) => `${path.basename(file)} line ${e.line}: ${e.message}`) };
}

async function readGold(file: string): Promise<{ gold: Map<string, string>; problems: string[] }> {
  const gold = new Map<string, string>();
  const lineOf = new Map<string, number>();
  const { errors } = await readRecords(file, ['item', 'label'], ([item, label], line) => {
    const first = lineOf.get(item!);
    if (first !== undefined) return `item '${item}' already has gold on line ${first}`;
    lineOf.set(item!, line);
    gold.set(item!, label!);
    return undefined;
  });
  return { gold, problems: errors.map((e) => `${path.basename(file)} line ${e.line}: ${e.message}`) };
}

/** Writes lines to a stream in ~64 KB chunks, waiting when it asks to (a million lines to a pipe). */
async function writeLines(out: Writable, lines: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= 65536) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk !== '' && !out.write(chunk)) await once(out, 'drain');
}

export async function aggregateFiles(o: AggregateFilesOptions, stdout: Writable, openWorkers: (file: string) => Writable): Promise<AggregateLabelsResult> {
  await readable(o.labels);
  if (o.gold !== undefined) await readable(o.gold);
  const labels = await readLabels(o.labels);
  const gold = o.gold === undefined ? { gold: new Map<string, string>(), problems: [] } : await readGold(o.gold);
  const problems = [...labels.problems, ...gold.problems];
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED);
    if (problems.length > MAX_REPORTED) shown.push(`… and ${problems.length - MAX_REPORTED} more`);
    throw new BadInput(`${problems.length} bad row${problems.length === 1 ? '' : 's'}, nothing aggregated`, shown);
  }
  const result = aggregateLabels(labels.rows, { method: o.method, gold: gold.gold });
  await writeLines(
    stdout,
    (function* () {
      for (const it of result.items) yield JSON.stringify({ item: it.item, label: it.label, posterior: it.posterior, disagreement: it.disagreement });
    })(),
  );
  if (o.workers !== undefined) {
    const out = openWorkers(o.workers);
    await writeLines(out, (function* () {
      for (const w of result.workers) yield JSON.stringify(w);
    })());
    out.end();
    await once(out, 'finish');
  }
  return result;
}
