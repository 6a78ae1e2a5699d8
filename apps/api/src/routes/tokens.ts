import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { createApiToken, listApiTokens, revokeApiToken, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function tokenRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listTokens, async ({ caller }) => ({ tokens: await listApiTokens(ctx, caller) }));
  defineRoute(router, ctx, ROUTES.createToken, async ({ caller, body }) => createApiToken(ctx, caller, body.name));
  defineRoute(router, ctx, ROUTES.revokeToken, async ({ caller, params }) => revokeApiToken(ctx, caller, params.tokenId));
}
