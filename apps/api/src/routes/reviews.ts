import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { claimReview, getReview, listReviews, releaseReview, settleReview, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function reviewRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listReviews, async ({ caller, params, query }) => ({ reviews: await listReviews(ctx, caller, params.projectId, query.status) }));
  defineRoute(router, ctx, ROUTES.getReview, async ({ caller, params }) => ({ review: await getReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.claimReview, async ({ caller, params }) => ({ review: await claimReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.releaseReview, async ({ caller, params }) => ({ review: await releaseReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.settleReview, async ({ caller, params, body }) => ({ review: await settleReview(ctx, caller, params.reviewId, body) }));
}
