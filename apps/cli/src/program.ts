import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ApiFailure } from './client';
import { aggregateCommand } from './commands/aggregate';
import { createUserDirect } from './commands/create-user';
import { exportVersion, type ExportFormat } from './commands/export';
import { ingestFile } from './commands/ingest';
import { simulateCommand } from './commands/simulate';
import { BadInput } from './errors';

const connection = (cmd: Command) =>
  cmd
    .addOption(new Option('--url <url>', 'Quorum server').env('QUORUM_URL').default('http://localhost:8080'))
    .addOption(new Option('--token <token>', 'API token (create one as an engineer)').env('QUORUM_TOKEN').makeOptionMandatory());

/** The `quorum` command. Exit codes: 0 ok, 1 failure, 2 bad input (the server named the line/field). */
export function program(): Command {
  const root = new Command('quorum').description('Quorum command line: ingest samples, export approved dataset versions, simulate a crowd, aggregate labels offline').showHelpAfterError();
  connection(root.command('ingest').description('ingest samples from an NDJSON or JSON-array file'))
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--file <path>', 'NDJSON (one sample per line) or a JSON array')
    .action(async (o: { url: string; token: string; project: string; file: string }) => {
      const bar = new SingleBar({ format: 'ingest [{bar}] {value}/{total} lines', stream: process.stderr }, Presets.shades_classic);
      let started = false;
      const r = await ingestFile({ url: o.url, token: o.token }, o.project, o.file, (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      });
      if (started) bar.stop();
      process.stdout.write(`${JSON.stringify(r)}\n`);
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
