import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ApiFailure } from './client';
import { aggregateCommand } from './commands/aggregate';
import { createUserDirect } from './commands/create-user';
import { exportVersion, type ExportFormat } from './commands/export';
import { ingestFile, INGEST_CHUNK_LINES } from './commands/ingest';
import { simulateCommand } from './commands/simulate';
import { BadInput } from './errors';

/** A whole number ≥ min for a numeric option, or commander's usage error. */
const wholeNumber = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}`);
  return n;
};

const connection = (cmd: Command) =>
  cmd
    .addOption(new Option('--url <url>', 'Quorum server').env('QUORUM_URL').default('http://localhost:8080'))
    .addOption(new Option('--token <token>', 'API token (create one as an engineer)').env('QUORUM_TOKEN').makeOptionMandatory());

/** The `quorum` command. Exit codes: 0 ok, 1 failure, 2 bad input (the server named the line/field). */
export function program(): Command {
  const root = new Command('quorum').description('Quorum command line: ingest samples, export approved dataset versions, simulate a crowd, aggregate labels offline').showHelpAfterError();
  connection(root.command('ingest').description('stream samples from an NDJSON (or JSON-array) file into a project, in gzipped chunks; resumable'))
    .argument('[file]', 'NDJSON, one sample per line (or a JSON array up to 100 MB)')
    .option('--file <path>', 'the file, if not given as the argument')
    .requiredOption('--project <id>', 'project id')
    .addOption(new Option('--chunk-lines <n>', 'lines per request').argParser(wholeNumber(1)).default(INGEST_CHUNK_LINES))
    .option('--partial', 'write the valid lines of each chunk and list the rejected ones, instead of stopping at the first bad chunk')
    .addOption(new Option('--retries <n>', 'retries of a chunk after a network error or 5xx').argParser(wholeNumber(0)).default(8))
    .addOption(new Option('--retry-delay <ms>', 'first retry delay, doubled each time (at most 30 s)').argParser(wholeNumber(1)).default(1000))
    .option('--no-resume', 'start from the top even if a checkpoint says where an earlier run stopped')
    .action(async (fileArg: string | undefined, o: { url: string; token: string; project: string; file?: string; chunkLines: number; partial?: boolean; retries: number; retryDelay: number; resume: boolean }) => {
      const file = fileArg ?? o.file;
      if (!file) throw new BadInput('name the file to ingest: quorum ingest FILE --project ID');
      const bar = new SingleBar({ format: 'ingest [{bar}] {percentage}% | {lines} lines | {value}/{total} {unit}', stream: process.stderr }, Presets.shades_classic);
      let started = false;
      const r = await ingestFile(
        { url: o.url, token: o.token },
        o.project,
        file,
        {
          chunkLines: o.chunkLines,
          partial: o.partial ?? false,
          resume: o.resume,
          retry: { retries: o.retries, delayMs: o.retryDelay, onRetry: (attempt, reason, waitMs) => process.stderr.write(`\nquorum: ${reason}; retry ${attempt}/${o.retries} in ${(waitMs / 1000).toFixed(1)} s\n`) },
        },
        (p) => {
          // Bytes are shown as MB with one decimal; a JSON array counts records.
          const scale = (n: number) => (p.unit === 'bytes' ? Math.round(n / 1e5) / 10 : n);
          const payload = { lines: p.lines, unit: p.unit === 'bytes' ? 'MB' : 'records' };
          if (!started) bar.start(scale(p.total), scale(p.done), payload);
          started = true;
          bar.update(scale(p.done), payload);
        },
      ).finally(() => started && bar.stop());
      for (const e of r.errors) process.stderr.write(`quorum: rejected line ${e.line}: ${e.field}: ${e.message}\n`);
      if (r.rejected > r.errors.length) process.stderr.write(`quorum: … ${r.rejected - r.errors.length} more rejected lines\n`);
      const { errors: _listed, ...summary } = r;
      process.stdout.write(`${JSON.stringify({ file, ...summary })}\n`);
    });
  connection(root.command('export').description('download an approved dataset version as JSONL, CSV or Parquet, atomically, with its dataset card on request'))
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--version <version>', "version number, version id, or 'latest' (the newest approved)")
    .addOption(new Option('--format <format>', 'file format').choices(['jsonl', 'csv', 'parquet']).default('jsonl'))
    .addOption(new Option('--split <split>', 'one split only').choices(['train', 'dev', 'test']))
    .requiredOption('-o, --out <file>', 'output file (written atomically: a temporary file renamed when complete)')
    .option('--card', 'also write the dataset card as FILE.card.json and FILE.card.md')
    .action(async (o: { url: string; token: string; project: string; version: string; format: ExportFormat; split?: string; out: string; card?: boolean }) => {
      const bar = new SingleBar({ format: 'export [{bar}] {value}/{total} rows | {mb} MB', stream: process.stderr }, Presets.shades_classic);
      let started = false;
      const r = await exportVersion({ url: o.url, token: o.token }, o, ({ total, rows, bytes }) => {
        if (!started) bar.start(total ?? 0, 0, { mb: '0.0' });
        started = true;
        bar.update(rows, { mb: (bytes / 1e6).toFixed(1) });
      });
      if (started) bar.stop();
      process.stdout.write(`${JSON.stringify(r)}\n`);
    });
  root
    .command('create-user')
    .description('create a user directly in PostgreSQL (e.g. the first engineer of a production install)')
    .addOption(new Option('--database-url <url>', 'PostgreSQL URL').env('DATABASE_URL').makeOptionMandatory())
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(['labeller', 'expert', 'engineer']).makeOptionMandatory())
    .addOption(new Option('--password <password>', 'at least 10 characters').env('QUORUM_PASSWORD').makeOptionMandatory())
    .action(async (o: { databaseUrl: string; email: string; name: string; role: string; password: string }) => {
      const user = await createUserDirect(o.databaseUrl, { email: o.email, displayName: o.name, role: o.role, password: o.password });
      process.stdout.write(`${JSON.stringify(user)}\n`);
    });
  simulateCommand(root);
  aggregateCommand(root);
  return root;
}

export async function run(argv: string[]): Promise<number> {
  try {
    const root = program();
    // Subcommands copy the exit handling when they are created, so set it on each: a bad option
    // value must come back here as an exit code, not end the process (tests call run()).
    for (const cmd of [root, ...root.commands]) cmd.exitOverride();
    await root.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err && typeof err === 'object' && 'exitCode' in err && typeof err.exitCode === 'number' && 'code' in err && String(err.code).startsWith('commander.')) return err.exitCode;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`quorum: ${message}\n`);
    if (err instanceof ApiFailure) for (const d of err.body.error?.details?.slice(1, 20) ?? []) process.stderr.write(`  ${d.line ? `line ${d.line}: ` : ''}${d.field}: ${d.message}\n`);
    if (err instanceof BadInput) for (const d of err.details) process.stderr.write(`  ${d}\n`);
    return (err instanceof ApiFailure && err.status === 400) || err instanceof BadInput ? 2 : 1;
  }
}
