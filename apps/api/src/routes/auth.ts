import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { demoLogins, login, pauseState, type ServiceContext } from '@quorum/services';
import { destroySession, regenerateSession } from '../auth';
import { defineRoute } from './define';

export function authRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.login, async ({ body, req }) => {
    const user = await login(ctx, body.email, body.password);
    // A fresh session id on login defeats session fixation.
    await regenerateSession(req);
    req.session.userId = user.id;
    return { user };
  });
  defineRoute(router, ctx, ROUTES.logout, async ({ req, res }) => {
    await destroySession(req);
    res.clearCookie('quorum.sid');
  });
  defineRoute(router, ctx, ROUTES.demoLogins, async () => demoLogins(ctx));
  defineRoute(router, ctx, ROUTES.me, async ({ caller }) => ({
    user: { id: caller.id, email: caller.email, displayName: caller.displayName, role: caller.role },
    pause: await pauseState(ctx.db, caller.id),
  }));
}
