import { createWriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import { AGGREGATION_METHODS, type AggregationMethod } from '@quorum/core';
import { aggregateFiles } from '../aggregate/run-aggregate';

export { aggregateFiles, type AggregateFilesOptions } from '../aggregate/run-aggregate';

const HELP = `
Aggregates crowd labels offline (no server, no database) and writes one JSON line per item to
stdout, ordered by item id (numeric ids numerically):
  {"item": "...", "label": "...", "posterior": {"<label>": p, ...}, "disagreement": x}
disagreement is the entropy of the posterior divided by log K (K = number of labels): 0 = certain,
1 = evenly split. A tie goes to the first label in sorted order.

Input, by file extension (.csv, or .jsonl / .ndjson with one object per line):
  --labels  CSV with the header item,worker,label (any order), or JSON objects with those keys
  --gold    CSV item,label or JSON objects {"item", "label"}: known answers
Values are strings (a JSON number is read as its text). A CSV field may be quoted ("a, b";
"" for a quote). Every bad row of either file (missing field, wrong header, bad JSON, a worker
labelling the same item twice, two gold answers for one item) is listed on stderr with its line
number, and the exit code is 2 with nothing written.

Methods:
  dawid-skene  (default) EM with a confusion matrix per worker (Dawid & Skene 1979), workers with
               few labels shrunk toward the crowd; gold items are clamped to their answer and
               anchor the first estimate of every worker who answered them
  weighted     one-coin weighted vote, log-odds weight log(K-1) + log(a/(1-a)); each worker's
               accuracy a comes from their gold answers where they answered gold items, otherwise
               from agreement with the majority of the other labels on the same items, both shrunk
               toward the crowd's rate
  majority     plain vote shares
Gold items are reported with their gold answer (posterior 1) whatever the method.

--workers FILE writes one JSON line per worker: {"worker", "accuracy", "labels"}, accuracy being
the fitted share of right answers (dawid-skene) or the estimate described under weighted.

Example:
  quorum aggregate --labels labels.csv --gold gold.csv --workers workers.jsonl > items.jsonl`;

export function aggregateCommand(root: Command): Command {
  return root
    .command('aggregate')
    .description('aggregate crowd labels from a file into a posterior label per item (offline)')
    .addHelpText('after', HELP)
    .requiredOption('--labels <file>', 'labels: CSV item,worker,label or JSONL')
    .option('--gold <file>', 'known answers: CSV item,label or JSONL')
    .addOption(new Option('--method <method>', 'aggregation method').choices(AGGREGATION_METHODS).default('dawid-skene'))
    .option('--workers <file>', 'also write per-worker accuracy as JSONL to this file')
    .action(async (o: { labels: string; gold?: string; method: AggregationMethod; workers?: string }) => {
      const result = await aggregateFiles(o, process.stdout, (file) => createWriteStream(file));
      const fit = result.method === 'dawid-skene' ? `, ${result.converged ? 'converged' : 'stopped without converging'} after ${result.iterations} iterations` : '';
      process.stderr.write(`quorum aggregate: ${result.items.length} items, ${result.workers.length} workers, ${result.method}${fit}\n`);
    });
}
