import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { createUser, listUsers, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function userRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listUsers, async () => ({ users: await listUsers(ctx) }));
  defineRoute(router, ctx, ROUTES.createUser, async ({ body }) => ({ user: await createUser(ctx.db, body) }));
}
