import { Command, InvalidArgumentError, Option } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { CROWD_TYPES } from '../simulate/crowd';
import { simulate, type SimulateOptions } from '../simulate/run';

export { simulate, type SimulateOptions } from '../simulate/run';
export type { SimSummary } from '../simulate/summary';

const number = (name: string, opts: { int?: boolean; min: number; max?: number }) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || (opts.int && !Number.isInteger(n)) || n < opts.min || (opts.max !== undefined && n > opts.max)) {
    throw new InvalidArgumentError(`${name} must be ${opts.int ? 'a whole number' : 'a number'} from ${opts.min}${opts.max !== undefined ? ` to ${opts.max}` : ''}`);
  }
  return n;
};

const HELP = `
Runs a seeded synthetic crowd against a running Quorum through its HTTP API and worker, on
items with a hidden ground truth, and prints a JSON summary as the last line of stdout (a
progress bar goes to stderr). It creates a project, its own labellers (sim-<seed>-<n>@sim.quorum)
and the items; labellers work concurrently in real time.

Crowd types: ${CROWD_TYPES.join(', ')}.
  honest        accuracy 0.7–0.97, reading time log-normal around 1.5 s + chars/20
  weak          accuracy 0.55–0.7, honest timing (reported apart)
  random-fast   uniform random answers in 0.3–0.6 s
  random-human  uniform random answers with honest timing
  constant      always the same answer, honest timing
  gold-only-good  right on gold pairs (the simulator lends it that knowledge), random elsewhere
  drifting      honest for 3 batches, then random-human

Time scale: --time-scale multiplies BOTH the project's reading-time estimate
(readingTimeScale, which the server's speed evidence compares against) AND every simulated
delay, so the crowd behaves as it would at full speed, only faster: at 0.01 a 10 s read takes
0.1 s, and a 200-item run takes a minute or two instead of hours. The server measures each
answer's time including the HTTP round trip, which under a 20-labeller load is some 30-60 ms:
at 0.01 that makes fast clickers look about 10 times slower than they are (relative to reading
time), so the speed evidence is blunted. Use 0.05 or more when timing matters.
The API's rate limits are per client IP and the whole crowd shares one: logins are limited to
LOGIN_RATE_LIMIT_PER_MINUTE (30), so a large crowd, or runs back to back, wait for the window
to pass while setting up; requests to RATE_LIMIT_PER_MINUTE (3000), which a big crowd at a
small time scale can reach. Waits on 429 are counted in the summary's "rate_limited" (waiting
mid-batch makes a labeller look slower than it is).

Summary: per type, labellers, their batches accepted / rejected / waiting (from each labeller's
GET /me/batches), how many were paused and the median batches they submitted before it;
accuracy.settled = share of settled items (merged, approved, exported) whose label is the
hidden truth; accuracy.all_labels_counted = share of non-gold labels in accepted batches that
are right; labels_per_settled_item = accepted non-gold labels / settled items.

Example:
  quorum simulate --url http://localhost:8080 --email engineer@demo.quorum --password quorum-demo \\
    --seed 7 --items 200 --labellers 20 --mix honest=0.7,random-fast=0.1,random-human=0.1,constant=0.1`;

type CliOptions = Omit<SimulateOptions, 'projectName'> & { projectName?: string };

export function simulateCommand(root: Command): Command {
  return root
    .command('simulate')
    .description('run a seeded synthetic crowd through the real pipeline and summarise what the platform decided')
    .addHelpText('after', HELP)
    .addOption(new Option('--url <url>', 'Quorum server').env('QUORUM_URL').default('http://localhost:8080'))
    .addOption(new Option('--email <email>', "an engineer's login").env('QUORUM_EMAIL').makeOptionMandatory())
    .addOption(new Option('--password <password>', "the engineer's password").env('QUORUM_PASSWORD').makeOptionMandatory())
    .addOption(new Option('--seed <n>', 'seed of every random choice').argParser(number('--seed', { int: true, min: 0 })).default(1))
    .addOption(new Option('--items <n>', 'items to label (gold comes on top)').argParser(number('--items', { int: true, min: 1, max: 100_000 })).default(200))
    .addOption(new Option('--labellers <n>', 'crowd size').argParser(number('--labellers', { int: true, min: 1, max: 1000 })).default(20))
    .addOption(new Option('--mix <shares>', 'crowd types and their shares (normalised)').default('honest=0.7,random-fast=0.1,random-human=0.1,constant=0.1'))
    .addOption(new Option('--gold-ratio <x>', 'gold items per item, and the project gold ratio').argParser(number('--gold-ratio', { min: 0, max: 0.5 })).default(0.1))
    .addOption(new Option('--batch-size <n>', 'project batch size').argParser(number('--batch-size', { int: true, min: 1, max: 100 })).default(10))
    .addOption(new Option('--overlap <n>', 'labels per item').argParser(number('--overlap', { int: true, min: 1, max: 20 })).default(5))
    .addOption(new Option('--time-scale <x>', 'scales reading time on the server and delays in the crowd (see below)').argParser(number('--time-scale', { min: 0.0001, max: 10 })).default(0.01))
    .addOption(new Option('--max-minutes <n>', "hard stop for the crowd's work (setup and summary come on top)").argParser(number('--max-minutes', { min: 0.05 })).default(10))
    .option('--project-name <name>', 'name of the project it creates')
    .action(async (o: CliOptions) => {
      const bar = new SingleBar({ format: 'simulate [{bar}] {value}/{total} items decided | {phase} | batches ✓{accepted} ✗{rejected} …{waiting} | paused {paused}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
      bar.start(o.items, 0, { phase: 'setting up', accepted: 0, rejected: 0, waiting: 0, paused: 0 });
      try {
        const summary = await simulate(o, (p) => {
          const b = p.counts?.batches;
          bar.update(p.done, { phase: p.phase, accepted: b?.accepted ?? 0, rejected: b?.rejected ?? 0, waiting: b?.submitted ?? 0, paused: p.paused });
        });
        bar.stop();
        for (const e of summary.errors) process.stderr.write(`quorum simulate: ${e}\n`);
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      } catch (err) {
        bar.stop();
        throw err;
      }
    });
}
