// `npm run bench -- NAME [args]`: runs bench/NAME.ts with tsx, passing the args on, and exits with
// its exit code. With no NAME (or an unknown one) it lists the benchmarks. See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(benchDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

// A plain name only: `npm run bench -- ../x` must not run a file outside bench/.
if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(path.join(benchDir, `${name}.ts`))) {
  process.stderr.write(`${name ? `no benchmark '${name}'. ` : ''}usage: npm run bench -- NAME [args]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}

const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(benchDir, `${name}.ts`), ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
