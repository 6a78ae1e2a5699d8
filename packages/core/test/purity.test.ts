import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// packages/core is pure: no I/O, no clock, no unseeded randomness (DESIGN.md, STYLE.md rule 1).
// This guard fails the build the moment a core file reaches for any of them.
const SRC = path.resolve(__dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

const FORBIDDEN_IMPORTS = /from\s+'(node:[^']+|fs|path|crypto|pg|drizzle-orm[^']*|bullmq|ioredis|express|socket\.io[^']*|@quorum\/(db|services|contracts))'/;
const FORBIDDEN_CALLS = /\b(Date\.now|Math\.random|new Date\(\s*\)|process\.|setTimeout|fetch\()/;

test.each(files(SRC).map((f) => [path.relative(SRC, f), f]))('%s stays pure', (_name, file) => {
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  expect(code).not.toMatch(FORBIDDEN_IMPORTS);
  expect(code).not.toMatch(FORBIDDEN_CALLS);
  const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
  expect(imports.filter((i) => !i.startsWith('.') && i !== 'zod')).toEqual([]);
});
