import type { z } from 'zod';

/**
 * Parses a process environment once, at start. An empty string counts as unset (a blank line in
 * an .env file should mean "default", not "invalid"). On failure the process exits listing
 * every bad key, so a misconfigured deploy fails at once and says why.
 */
export function envParse<T extends z.ZodType>(app: string, schema: T, source: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    console.error(`[${app}] bad environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    process.exit(1);
  }
  return parsed.data;
}
