import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import type { Pool } from 'pg';
import { AppError, type TUser } from '@quorum/contracts';
import { authenticateApiToken, findUser, type ServiceContext } from '@quorum/services';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export type Caller = TUser & { via: 'session' | 'token' };

/** Sessions live in PostgreSQL (the truth); the cookie is HttpOnly and SameSite=Lax. */
export function sessionMiddleware(pool: Pool, secret: string, secureCookies: boolean): RequestHandler {
  const PgStore = connectPgSimple(session);
  return session({
    store: new PgStore({ pool, tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    name: 'quorum.sid',
    secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 7 * 24 * 3600 * 1000 },
  });
}

/** The caller from the session cookie or, where the route allows it, a bearer API token. */
export async function resolveCaller(ctx: ServiceContext, req: Request, allowToken: boolean): Promise<Caller | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    if (!allowToken) throw new AppError('forbidden', 'this route does not accept API tokens; log in instead');
    const u = await authenticateApiToken(ctx, header.slice('Bearer '.length).trim());
    if (!u) throw new AppError('unauthenticated', 'the API token is unknown or revoked');
    return { ...u, via: 'token' };
  }
  const userId = req.session?.userId;
  if (!userId) return null;
  const u = await findUser(ctx.db, userId);
  return u ? { ...u, via: 'session' } : null;
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}
