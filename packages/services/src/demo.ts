import { asc, like } from 'drizzle-orm';
import { user } from '@quorum/db';
import type { ServiceContext } from './context';

/** Demo users live only in the demo seed, under this domain, all with this password. */
export const DEMO_EMAIL_DOMAIN = 'demo.quorum';
export const DEMO_PASSWORD = 'quorum-demo';

/** The demo logins for the login page: none on a production start, where no demo user exists. */
export async function demoLogins(ctx: ServiceContext): Promise<{ emails: string[]; password: string | null }> {
  const rows = await ctx.db.select({ email: user.email }).from(user).where(like(user.email, `%@${DEMO_EMAIL_DOMAIN}`)).orderBy(asc(user.role), asc(user.email));
  return { emails: rows.map((r) => r.email), password: rows.length > 0 ? DEMO_PASSWORD : null };
}
