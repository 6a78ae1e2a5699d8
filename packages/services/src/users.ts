import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError, type TApiToken, type TRole, type TUser } from '@quorum/contracts';
import { apiToken, user, type DbOrTx } from '@quorum/db';
import type { ServiceContext } from './context';

const BCRYPT_ROUNDS = 10;
// Compared against when the email is unknown, so a wrong email costs as much time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', BCRYPT_ROUNDS);

export const toUser = (u: typeof user.$inferSelect): TUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role });

export async function createUser(db: DbOrTx, input: { email: string; displayName: string; password: string; role: TRole }): Promise<TUser> {
  const passwordHash = await bcrypt.hash(input.password, BCRYPT_ROUNDS);
  const [row] = await db
    .insert(user)
    .values({ email: input.email.toLowerCase(), displayName: input.displayName, passwordHash, role: input.role })
    .onConflictDoNothing({ target: user.email })
    .returning();
  if (!row) throw new AppError('conflict', `a user with email ${input.email} already exists`, 'email');
  return toUser(row);
}

export async function login(ctx: ServiceContext, email: string, password: string): Promise<TUser> {
  const [row] = await ctx.db.select().from(user).where(eq(user.email, email.toLowerCase()));
  const ok = await bcrypt.compare(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) throw new AppError('unauthenticated', 'email or password is wrong');
  return toUser(row);
}

export async function listUsers(ctx: ServiceContext): Promise<TUser[]> {
  const rows = await ctx.db.select().from(user).orderBy(user.role, user.email);
  return rows.map(toUser);
}

export async function findUser(db: DbOrTx, id: string): Promise<TUser | null> {
  const [row] = await db.select().from(user).where(eq(user.id, id));
  return row ? toUser(row) : null;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<TUser | null> {
  const [row] = await db.select().from(user).where(eq(user.email, email.toLowerCase()));
  return row ? toUser(row) : null;
}

const TOKEN_PREFIX = 'qrm_';
const hashToken = (secret: string) => createHash('sha256').update(secret).digest('hex');
const toToken = (t: typeof apiToken.$inferSelect): TApiToken => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

export async function createApiToken(ctx: ServiceContext, owner: TUser, name: string): Promise<{ token: TApiToken; secret: string }> {
  const secret = TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const [row] = await ctx.db.insert(apiToken).values({ userId: owner.id, name, tokenHash: hashToken(secret) }).returning();
  return { token: toToken(row!), secret };
}

export async function listApiTokens(ctx: ServiceContext, owner: TUser): Promise<TApiToken[]> {
  const rows = await ctx.db
    .select()
    .from(apiToken)
    .where(and(eq(apiToken.userId, owner.id), isNull(apiToken.revokedAt)))
    .orderBy(apiToken.createdAt);
  return rows.map(toToken);
}

export async function revokeApiToken(ctx: ServiceContext, owner: TUser, tokenId: string): Promise<void> {
  const rows = await ctx.db
    .update(apiToken)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(apiToken.id, tokenId), eq(apiToken.userId, owner.id), isNull(apiToken.revokedAt)))
    .returning({ id: apiToken.id });
  if (rows.length === 0) throw new AppError('not_found', 'no such token');
}

/** The user a bearer token acts as, or null when the token is unknown or revoked. */
export async function authenticateApiToken(ctx: ServiceContext, secret: string): Promise<TUser | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await ctx.db
    .update(apiToken)
    .set({ lastUsedAt: ctx.now() })
    .where(and(eq(apiToken.tokenHash, hashToken(secret)), isNull(apiToken.revokedAt)))
    .returning({ userId: apiToken.userId });
  return row ? findUser(ctx.db, row.userId) : null;
}

/** Whether a user is paused from new batches, and why (labellers only; null otherwise). */
export async function pauseState(db: DbOrTx, userId: string): Promise<{ pausedAt: string; reason: string } | null> {
  const [u] = await db.select({ pausedAt: user.pausedAt, reason: user.pauseReason }).from(user).where(eq(user.id, userId));
  return u?.pausedAt ? { pausedAt: u.pausedAt.toISOString(), reason: u.reason ?? 'ask the project engineer' } : null;
}
