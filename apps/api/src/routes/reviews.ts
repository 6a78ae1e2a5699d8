import type { Router } from 'express';
import { ROUTES } from '@quorum/contracts';
import { claimReview, getReview, listReviews, releaseReview, renewReview, reviewAgreement, reviewHistory, settleReview, undoReview, type ServiceContext } from '@quorum/services';
import { defineRoute } from './define';

export function reviewRoutes(router: Router, ctx: ServiceContext): void {
  defineRoute(router, ctx, ROUTES.listReviews, async ({ caller, params, query }) => listReviews(ctx, caller, params.projectId, query));
  defineRoute(router, ctx, ROUTES.reviewHistory, async ({ caller, params, query }) => reviewHistory(ctx, caller, params.projectId, query));
  defineRoute(router, ctx, ROUTES.reviewAgreement, async ({ caller, params }) => reviewAgreement(ctx, caller, params.projectId));
  defineRoute(router, ctx, ROUTES.getReview, async ({ caller, params }) => ({ review: await getReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.claimReview, async ({ caller, params }) => ({ review: await claimReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.renewReview, async ({ caller, params }) => ({ review: await renewReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.releaseReview, async ({ caller, params }) => ({ review: await releaseReview(ctx, caller, params.reviewId) }));
  defineRoute(router, ctx, ROUTES.settleReview, async ({ caller, params, body }) => ({ review: await settleReview(ctx, caller, params.reviewId, body) }));
  defineRoute(router, ctx, ROUTES.undoReview, async ({ caller, params }) => ({ review: await undoReview(ctx, caller, params.reviewId) }));
}
