import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rngFromSeed, rngShuffle, type CrowdLabelRow } from '@quorum/core';

/**
 * Loaders for the real crowd datasets in shared/datasets (formats in its SOURCES.md): crowd labels
 * as string rows and the gold label per item. `rte` is held out for final evaluation and is not in
 * this list: nothing here opens it.
 */
export const QUALITY_DATASETS = ['temp', 'wsd', 'product', 'possent', 'sp_amt', 'web', 'duck'] as const;
export type QualityDatasetName = (typeof QUALITY_DATASETS)[number];
export type CrowdDataset = { name: QualityDatasetName; rows: CrowdLabelRow[]; truth: Map<string, string> };

/** Rows of a small delimited file without quoting (checked: none of these files quotes a field). */
function table(file: string, sep: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (header === undefined) throw new Error(`${file} is empty`);
  const names = header.split(sep);
  return lines.map((line, n) => {
    if (line.includes('"')) throw new Error(`${file} line ${n + 2}: quoted fields are not expected here`);
    const values = line.split(sep);
    if (values.length !== names.length) throw new Error(`${file} line ${n + 2}: ${values.length} fields, expected ${names.length}`);
    return Object.fromEntries(names.map((k, i) => [k, values[i]!]));
  });
}

/** Snow et al. 2008 "standardized" TSV: one row per label, the item's gold on every row. */
function snow(dir: string, name: 'temp' | 'wsd'): CrowdDataset {
  const rows: CrowdLabelRow[] = [];
  const truth = new Map<string, string>();
  for (const r of table(path.join(dir, name, `${name}.standardized.tsv`), '\t')) {
    rows.push({ item: r.orig_id!, worker: r['!amt_worker_ids']!, label: r.response! });
    truth.set(r.orig_id!, r.gold!);
  }
  return { name, rows, truth };
}

/** Answer file (item, worker, label columns under the given names) plus a truth file. */
function answers(name: QualityDatasetName, labelFile: string, truthFile: string, cols: [string, string, string], truthCols: [string, string]): CrowdDataset {
  const rows = table(labelFile, ',').map((r) => ({ item: r[cols[0]]!, worker: r[cols[1]]!, label: r[cols[2]]! }));
  const truth = new Map(table(truthFile, ',').map((r) => [r[truthCols[0]]!, r[truthCols[1]]!] as const));
  return { name, rows, truth };
}

/**
 * D_Product's question ids end in the gold label (`988_1500_0` → 0). Items get opaque ids in a
 * seeded random order before anything else sees them, so neither the id nor the id order says
 * anything about the answer.
 */
function rekey(d: CrowdDataset): CrowdDataset {
  const questions = rngShuffle(rngFromSeed('product-rekey'), [...new Set([...d.rows.map((r) => r.item), ...d.truth.keys()])].sort());
  const id = new Map(questions.map((q, k) => [q, `item-${k}`]));
  return {
    name: d.name,
    rows: d.rows.map((r) => ({ ...r, item: id.get(r.item)! })),
    truth: new Map([...d.truth].map(([q, t]) => [id.get(q)!, t])),
  };
}

export function loadDataset(dir: string, name: QualityDatasetName): CrowdDataset {
  const at = (...p: string[]) => path.join(dir, name, ...p);
  switch (name) {
    case 'temp':
    case 'wsd':
      return snow(dir, name);
    case 'product':
      return rekey(answers(name, at('answer.csv'), at('truth.csv'), ['question', 'worker', 'answer'], ['question', 'truth']));
    case 'duck':
      return answers(name, at('answer.csv'), at('truth.csv'), ['question', 'worker', 'answer'], ['question', 'truth']);
    case 'possent':
    case 'sp_amt':
    case 'web':
      return answers(name, at('label.csv'), at('truth.csv'), ['item', 'worker', 'label'], ['item', 'truth']);
  }
}
