import { z } from 'zod';
import {
  ZApiToken,
  ZAppeal,
  ZEngineerBatch,
  ZLabellerSummary,
  ZBatchOutcome,
  ZDatasetDiff,
  ZDatasetDiffKind,
  ZDatasetSplit,
  ZDatasetVersion,
  ZQuarantinedRow,
  ZLabellerBatch,
  ZProject,
  ZProjectSummary,
  ZReviewAgreement,
  ZReviewDetail,
  ZReviewHistoryEntry,
  ZReviewSummary,
  ZStageCounts,
  ZRole,
  ZUser,
  type TRole,
} from './models';
import { ZPoolQuery, ZPoolView, ZSelectionStrategy } from './pool';
import { ZCockpitCost, ZCockpitLabellerPage, ZCockpitLabellersQuery, ZCockpitPipeline, ZCockpitQuality, ZCockpitQualityQuery } from './cockpit';

/**
 * Every HTTP route, in one table: the API validates requests with these schemas and the OpenAPI
 * document is generated from them, so the two cannot drift. Paths are relative to /api/v1.
 */
export type RouteSpec = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** 'public': no login needed. */
  roles: readonly TRole[] | 'public';
  /** Machine clients may call it with an API token (they act as the engineer who made it). */
  token?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The handler reads the request stream itself (NDJSON of any size, gzip, or a JSON array): no body parser runs. */
  rawBody?: boolean;
  status: number;
  response: z.ZodType | null;
  /** Streams a body that is not JSON (e.g. application/x-ndjson): its possible content types. */
  produces?: readonly string[];
};

const id = <K extends string>(name: K) => z.object({ [name]: z.uuid({ message: `${name} must be a UUID` }) } as Record<K, z.ZodUUID>);
const ZProjectParams = id('projectId');
const ENGINEER = ['engineer'] as const;
const LABELLER = ['labeller'] as const;
const EXPERT = ['expert'] as const;
const EVERYONE = ['labeller', 'expert', 'engineer'] as const;

export const ZLoginRequest = z.object({ email: z.string().trim().toLowerCase().email('email must be an email address'), password: z.string().min(1, 'password is required').max(200) });
export const ZCreateProjectRequest = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  labels: z.array(z.string().regex(/^[a-z0-9_-]+$/i, 'labels may use letters, digits, _ and -').max(64)).min(2).max(20).optional(),
  overlap: z.number().int().min(1).max(20).optional(),
  batchSize: z.number().int().min(1).max(100).optional(),
  goldRatio: z.number().min(0).max(0.5).optional(),
  aggregationMethod: z.enum(['dawid-skene', 'weighted', 'majority'], { message: 'aggregationMethod must be one of dawid-skene, weighted, majority' }).optional(),
  escalateBelowPosterior: z.number().min(0.5).max(1).optional(),
  openItemBudget: z.number().int().min(1).max(100000).optional(),
  selectionStrategy: ZSelectionStrategy.optional(),
  selectPerRun: z.number().int().min(1).max(100000).optional(),
  leaseMinutes: z.number().int().min(1).max(240).optional(),
  maxTextLength: z.number().int().min(1).max(100000).optional(),
  minAccuracy: z.number().min(0.5).max(1).optional(),
  rejectAbove: z.number().min(0.5).max(1).optional(),
  acceptBelow: z.number().min(0).max(0.5).optional(),
  maxWaitMinutes: z.number().int().min(0).max(10080).optional(),
  readingTimeScale: z.number().min(0.0001).max(10).optional(),
  goldFromConsensus: z.boolean().optional(),
  splitRatios: z.object({ train: z.number().min(0).max(1), dev: z.number().min(0).max(1), test: z.number().min(0).max(1) }).optional(),
  nearDuplicateThreshold: z.number().min(0.5).max(1).optional(),
  labelDriftThreshold: z.number().min(0.01).max(1).optional(),
  symmetricPairs: z.boolean().optional(),
});
/** Settings to change, each checked as on creation; an unknown key is a typo, not ignored. */
export const ZUpdateProjectRequest = z.strictObject(ZCreateProjectRequest.shape).partial();
export const ZCreateUserRequest = z.object({
  email: z.string().trim().toLowerCase().email('email must be an email address'),
  displayName: z.string().trim().min(1, 'displayName is required').max(100),
  role: ZRole,
  password: z.string().min(10, 'password must be at least 10 characters').max(200),
});
export const ZOverrideBatchRequest = z.object({ decision: z.enum(['accept', 'reject']), note: z.string().trim().min(1, 'note is required: say why').max(2000) });
export const ZAppealRequest = z.object({ message: z.string().trim().min(1, 'message is required').max(2000) });
export const ZResolveAppealRequest = z.object({ decision: z.enum(['uphold', 'dismiss']), note: z.string().trim().max(2000).optional() });
export const ZUnpauseRequest = z.object({ note: z.string().trim().max(2000).optional() });
export const ZProjectBatchesQuery = z.object({
  status: z.enum(['open', 'submitted', 'accepted', 'rejected', 'expired', 'all']).default('all'),
  labellerId: z.uuid({ message: 'labellerId must be a UUID' }).optional(),
});
export const ZAppealsQuery = z.object({ status: z.enum(['open', 'all']).default('open') });
export const ZAddMemberRequest = z.object({ email: z.string().trim().toLowerCase().email('email must be an email address') });
export const ZIngestLineError = z.object({ line: z.number().int().meta({ description: '1-based line (or JSON-array position); 0 for the body as a whole' }), field: z.string(), message: z.string() });
/** `?partial=true`: write the valid lines and return the rejected ones; default all or nothing. */
export const ZIngestQuery = z.object({ partial: z.enum(['true', 'false'], { message: "partial must be 'true' or 'false'" }).optional() });
export const ZIngestResponse = z.object({
  received: z.number().int().meta({ description: 'non-blank lines read' }),
  inserted: z.number().int(),
  updated: z.number().int().meta({ description: 'known external ids whose content or model version changed (the previous version is kept as a revision)' }),
  unchanged: z.number().int().meta({ description: 'known external ids re-sent with the same content: nothing written' }),
  superseded: z.number().int().meta({ description: 'lines replaced by a later line with the same external_id in this request' }),
  rejected: z.number().int(),
  gold: z.number().int().meta({ description: 'samples that became gold items (gold_label)' }),
  errors: z.array(ZIngestLineError).meta({ description: 'the first 100 problems, with partial=true' }),
});
export const ZRecordLabelRequest = z.object({ label: z.string().min(1, 'label is required').max(64), clientMs: z.number().int().min(0).max(86_400_000).optional() });
/** A label decision needs `label`; 'ambiguous' and 'invalid' take none (the item leaves the dataset). */
export const ZSettleReviewRequest = z
  .object({
    decision: z.enum(['label', 'ambiguous', 'invalid']).default('label'),
    label: z.string().min(1, 'label is required').max(64).optional(),
    note: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'label' && v.label === undefined) ctx.addIssue({ code: 'custom', path: ['label'], message: 'label is required' });
    if (v.decision !== 'label' && v.label !== undefined) ctx.addIssue({ code: 'custom', path: ['label'], message: `a '${v.decision}' decision takes no label` });
  });
export const ZDecisionRequest = z.object({ note: z.string().max(2000).optional() });
export const ZCreateTokenRequest = z.object({ name: z.string().trim().min(1, 'name is required').max(100) });
export const ZReviewListQuery = z.object({
  status: z.enum(['queued', 'claimed', 'settled', 'open']).default('open'),
  /** Only items whose crowd leans to this label. */
  crowdLabel: z.string().min(1).max(64).optional(),
  /** Only items the model predicted as this label. */
  modelLabel: z.string().min(1).max(64).optional(),
  /** Only items whose posterior entropy is at least this (0–1). */
  minDisagreement: z.coerce.number({ message: 'minDisagreement must be a number' }).min(0).max(1).optional(),
  /** Words that text A or text B contains (case-insensitive). */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number({ message: 'limit must be a number' }).int().min(1).max(500).default(200),
});
export const ZReviewHistoryQuery = z.object({
  page: z.coerce.number({ message: 'page must be a number' }).int().min(1).default(1),
  pageSize: z.coerce.number({ message: 'pageSize must be a number' }).int().min(1).max(100).default(20),
});
export const ZExportQuery = z.object({
  format: z.enum(['jsonl', 'csv', 'parquet'], { message: 'format must be jsonl, csv or parquet' }).default('jsonl'),
  /** One split only; every row when absent. */
  split: ZDatasetSplit.optional(),
});
export const ZCardQuery = z.object({ format: z.enum(['json', 'md'], { message: 'format must be json or md' }).default('json') });
export const ZDiffQuery = z.object({
  /** The version to compare with; the parent when absent. */
  against: z.uuid({ message: 'against must be a UUID' }).optional(),
  kind: ZDatasetDiffKind.optional(),
  limit: z.coerce.number({ message: 'limit must be a number' }).int().min(1).max(500).default(50),
  /** nextCursor of the previous page. */
  cursor: z.uuid({ message: 'cursor must be a nextCursor from a previous page' }).optional(),
});
export const ZQuarantineQuery = z.object({ status: z.enum(['open', 'released', 'fixed', 'all']).default('open') });
export const ZReleaseRequest = z.object({ note: z.string().trim().max(2000).optional() });
/** At least one of label, textA, textB; checked against the project's labels and text rules. */
export const ZFixRequest = z
  .object({
    label: z.string().min(1, 'label must not be empty').max(64).optional(),
    textA: z.string().max(100_000).optional(),
    textB: z.string().max(100_000).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.label !== undefined || v.textA !== undefined || v.textB !== undefined, { message: 'give at least one of label, textA, textB', path: [] });
const ZJob = z.object({ jobId: z.string() });

export const ROUTES = {
  health: { method: 'get', path: '/health', summary: 'PostgreSQL and Redis both answer', roles: 'public', status: 200, response: z.object({ status: z.literal('ok'), postgres: z.string(), redis: z.string() }) },
  login: { method: 'post', path: '/auth/login', summary: 'Log in with email and password; sets the session cookie', roles: 'public', body: ZLoginRequest, status: 200, response: z.object({ user: ZUser }) },
  logout: { method: 'post', path: '/auth/logout', summary: 'End the session', roles: EVERYONE, status: 204, response: null },
  demoLogins: { method: 'get', path: '/auth/demo-logins', summary: 'Demo logins to show on the login page; empty unless the demo project was seeded', roles: 'public', status: 200, response: z.object({ emails: z.array(z.string()), password: z.string().nullable() }) },
  me: { method: 'get', path: '/auth/me', summary: 'The logged-in user, and for a labeller whether they are paused from new batches and why', roles: EVERYONE, status: 200, response: z.object({ user: ZUser, pause: z.object({ pausedAt: z.iso.datetime(), reason: z.string() }).nullable() }) },

  listUsers: { method: 'get', path: '/users', summary: 'Every user (engineers onboard labellers and experts)', roles: ENGINEER, status: 200, response: z.object({ users: z.array(ZUser) }) },
  createUser: { method: 'post', path: '/users', summary: 'Create a user; add them to projects with POST /projects/:id/members', roles: ENGINEER, body: ZCreateUserRequest, status: 201, response: z.object({ user: ZUser }) },

  listProjects: { method: 'get', path: '/projects', summary: 'Projects the caller belongs to', roles: EVERYONE, token: true, status: 200, response: z.object({ projects: z.array(ZProjectSummary) }) },
  createProject: { method: 'post', path: '/projects', summary: 'Create a project (the caller becomes a member)', roles: ENGINEER, token: true, body: ZCreateProjectRequest, status: 201, response: z.object({ project: ZProject }) },
  getProject: { method: 'get', path: '/projects/:projectId', summary: 'One project with its configuration', roles: ENGINEER, token: true, params: ZProjectParams, status: 200, response: z.object({ project: ZProject }) },
  addMember: { method: 'post', path: '/projects/:projectId/members', summary: 'Add a user to the project', roles: ENGINEER, token: true, params: ZProjectParams, body: ZAddMemberRequest, status: 201, response: z.object({ user: ZUser }) },
  stageCounts: { method: 'get', path: '/projects/:projectId/stats', summary: 'Counts per pipeline stage', roles: ENGINEER, token: true, params: ZProjectParams, status: 200, response: z.object({ counts: ZStageCounts }) },
  ingestSamples: { method: 'post', path: '/projects/:projectId/samples', summary: 'Ingest samples: streamed NDJSON of any size (application/x-ndjson, gzip allowed) or a JSON array up to 10 MB; idempotent on external_id (changed content updates and keeps a revision); all or nothing unless partial=true', roles: ENGINEER, token: true, params: ZProjectParams, query: ZIngestQuery, rawBody: true, status: 200, response: ZIngestResponse },
  runSelection: { method: 'post', path: '/projects/:projectId/select', summary: 'Run uncertainty selection now', roles: ENGINEER, token: true, params: ZProjectParams, status: 202, response: ZJob },
  updateProject: { method: 'patch', path: '/projects/:projectId', summary: "Change a project's settings (labels stay as created); a new selection strategy re-scores the pool in the background", roles: ENGINEER, token: true, params: ZProjectParams, body: ZUpdateProjectRequest, status: 200, response: z.object({ project: ZProject }) },
  projectPool: { method: 'get', path: '/projects/:projectId/pool', summary: "The sample pool: size, skipped samples by reason, the uncertainty histogram under the project's strategy, and recent selections (paginated)", roles: ENGINEER, token: true, params: ZProjectParams, query: ZPoolQuery, status: 200, response: ZPoolView },

  requestBatch: { method: 'post', path: '/projects/:projectId/batches', summary: 'Get a batch to label (returns the open one if any); batch is null when there is no work', roles: LABELLER, params: ZProjectParams, status: 200, response: z.object({ batch: ZLabellerBatch.nullable() }) },
  listMyBatches: { method: 'get', path: '/me/batches', summary: "The caller's batches and their outcomes", roles: LABELLER, status: 200, response: z.object({ batches: z.array(ZBatchOutcome) }) },
  getBatch: { method: 'get', path: '/batches/:batchId', summary: 'One of the caller’s batches', roles: LABELLER, params: id('batchId'), status: 200, response: z.object({ batch: ZLabellerBatch }) },
  recordLabel: { method: 'put', path: '/assignments/:assignmentId/label', summary: 'Answer (or change the answer to) one assignment of an open batch', roles: LABELLER, params: id('assignmentId'), body: ZRecordLabelRequest, status: 200, response: z.object({ assignment: z.object({ id: z.uuid(), label: z.string() }) }) },
  submitBatch: { method: 'post', path: '/batches/:batchId/submit', summary: 'Submit a fully answered batch for scoring (idempotent)', roles: LABELLER, params: id('batchId'), status: 200, response: z.object({ batch: ZBatchOutcome }) },

  appealBatch: { method: 'post', path: '/batches/:batchId/appeal', summary: 'Appeal a rejected batch with a message (once per batch)', roles: LABELLER, params: id('batchId'), body: ZAppealRequest, status: 201, response: z.object({ batch: ZBatchOutcome }) },

  listLabellers: { method: 'get', path: '/projects/:projectId/labellers', summary: 'Labellers with reliability, trend, batch outcomes and pause state', roles: ENGINEER, token: true, params: ZProjectParams, status: 200, response: z.object({ labellers: z.array(ZLabellerSummary) }) },
  unpauseLabeller: { method: 'post', path: '/projects/:projectId/labellers/:userId/unpause', summary: 'Lift a labeller’s pause', roles: ENGINEER, params: ZProjectParams.extend(id('userId').shape), body: ZUnpauseRequest, status: 200, response: z.object({ labeller: ZLabellerSummary }) },
  listProjectBatches: { method: 'get', path: '/projects/:projectId/batches', summary: 'Batches with the evidence behind each decision', roles: ENGINEER, token: true, params: ZProjectParams, query: ZProjectBatchesQuery, status: 200, response: z.object({ batches: z.array(ZEngineerBatch) }) },
  getBatchEvidence: { method: 'get', path: '/batches/:batchId/evidence', summary: 'One batch with the evidence behind its decision', roles: ENGINEER, token: true, params: id('batchId'), status: 200, response: z.object({ batch: ZEngineerBatch }) },
  overrideBatch: { method: 'post', path: '/batches/:batchId/override', summary: 'Accept a rejected batch or reject an accepted one; everything downstream is recomputed', roles: ENGINEER, params: id('batchId'), body: ZOverrideBatchRequest, status: 200, response: z.object({ batch: ZEngineerBatch }) },
  listAppeals: { method: 'get', path: '/projects/:projectId/appeals', summary: 'Labellers’ appeals against rejected batches', roles: ENGINEER, params: ZProjectParams, query: ZAppealsQuery, status: 200, response: z.object({ appeals: z.array(ZAppeal) }) },
  resolveAppeal: { method: 'post', path: '/appeals/:appealId/resolve', summary: 'Uphold an appeal (the batch is accepted) or dismiss it', roles: ENGINEER, params: id('appealId'), body: ZResolveAppealRequest, status: 200, response: z.object({ appeal: ZAppeal }) },

  cockpitPipeline: { method: 'get', path: '/projects/:projectId/cockpit/pipeline', summary: 'The pipeline now: counts per stage, rates per hour, stuck work and queue health', roles: ENGINEER, token: true, params: ZProjectParams, status: 200, response: ZCockpitPipeline },
  cockpitQuality: { method: 'get', path: '/projects/:projectId/cockpit/quality', summary: "Disagreement, escalation rate per day, Krippendorff's alpha per week, crowd accuracy on gold, the model's calibration on settled items", roles: ENGINEER, token: true, params: ZProjectParams, query: ZCockpitQualityQuery, status: 200, response: ZCockpitQuality },
  cockpitLabellers: { method: 'get', path: '/projects/:projectId/cockpit/labellers', summary: 'Labellers with reliability, trend, throughput, batch outcomes, pause and appeals; sorted and paged', roles: ENGINEER, token: true, params: ZProjectParams, query: ZCockpitLabellersQuery, status: 200, response: ZCockpitLabellerPage },
  cockpitCost: { method: 'get', path: '/projects/:projectId/cockpit/cost', summary: 'Labels spent per settled item, share rejected, expert minutes per decision', roles: ENGINEER, token: true, params: ZProjectParams, status: 200, response: ZCockpitCost },

  listReviews: { method: 'get', path: '/projects/:projectId/reviews', summary: 'Expert review queue, most worth settling first (open = claimable, plus the claim held by the caller); filterable', roles: EXPERT, params: ZProjectParams, query: ZReviewListQuery, status: 200, response: z.object({ reviews: z.array(ZReviewSummary), total: z.number().int() }) },
  reviewHistory: { method: 'get', path: '/projects/:projectId/reviews/history', summary: "The caller's settled reviews, newest first, paginated", roles: EXPERT, params: ZProjectParams, query: ZReviewHistoryQuery, status: 200, response: z.object({ entries: z.array(ZReviewHistoryEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
  reviewAgreement: { method: 'get', path: '/projects/:projectId/reviews/agreement', summary: "Expert–crowd agreement: how often experts chose the crowd's leading label", roles: ['expert', 'engineer'], params: ZProjectParams, status: 200, response: ZReviewAgreement },
  getReview: { method: 'get', path: '/reviews/:reviewId', summary: 'One review with votes, model prediction and posterior', roles: EXPERT, params: id('reviewId'), status: 200, response: z.object({ review: ZReviewDetail }) },
  claimReview: { method: 'post', path: '/reviews/:reviewId/claim', summary: 'Claim a review (a lease; two experts never hold one; the caller’s other claim in the project is released)', roles: EXPERT, params: id('reviewId'), status: 200, response: z.object({ review: ZReviewDetail }) },
  releaseReview: { method: 'post', path: '/reviews/:reviewId/release', summary: 'Give a claimed review back to the queue', roles: EXPERT, params: id('reviewId'), status: 200, response: z.object({ review: ZReviewDetail }) },
  renewReview: { method: 'post', path: '/reviews/:reviewId/renew', summary: 'Extend the caller’s claim while they work on it', roles: EXPERT, params: id('reviewId'), status: 200, response: z.object({ review: ZReviewDetail }) },
  settleReview: { method: 'post', path: '/reviews/:reviewId/settle', summary: 'Settle a claimed review: a label, or ambiguous / invalid (kept out of datasets), with an optional note', roles: EXPERT, params: id('reviewId'), body: ZSettleReviewRequest, status: 200, response: z.object({ review: ZReviewDetail }) },
  undoReview: { method: 'post', path: '/reviews/:reviewId/undo', summary: 'Undo the caller’s recent decision (within minutes, before a dataset version holds the item); the review is claimed by the caller again', roles: EXPERT, params: id('reviewId'), status: 200, response: z.object({ review: ZReviewDetail }) },

  listDatasetVersions: { method: 'get', path: '/projects/:projectId/dataset-versions', summary: 'Dataset versions, newest first', roles: ENGINEER, token: true, params: ZProjectParams, status: 200, response: z.object({ versions: z.array(ZDatasetVersion) }) },
  runMerge: { method: 'post', path: '/projects/:projectId/dataset-versions', summary: 'Merge settled items (and released or fixed quarantined rows) into a new candidate version now; 409 while a candidate waits for a decision', roles: ENGINEER, token: true, params: ZProjectParams, status: 202, response: ZJob },
  getDatasetVersion: { method: 'get', path: '/dataset-versions/:versionId', summary: 'One dataset version with its report', roles: ENGINEER, token: true, params: id('versionId'), status: 200, response: z.object({ version: ZDatasetVersion }) },
  approveDatasetVersion: { method: 'post', path: '/dataset-versions/:versionId/approve', summary: 'Approve a candidate version (409 if it is not a candidate)', roles: ENGINEER, token: true, params: id('versionId'), body: ZDecisionRequest, status: 200, response: z.object({ version: ZDatasetVersion }) },
  rejectDatasetVersion: { method: 'post', path: '/dataset-versions/:versionId/reject', summary: 'Reject a candidate version: the lineage is as before it, its items merge again (409 if it is not a candidate)', roles: ENGINEER, token: true, params: id('versionId'), body: ZDecisionRequest, status: 200, response: z.object({ version: ZDatasetVersion }) },
  diffDatasetVersion: { method: 'get', path: '/dataset-versions/:versionId/diff', summary: 'Rows added, removed, relabelled or moved split against the parent or another version, in item order, paginated', roles: ENGINEER, token: true, params: id('versionId'), query: ZDiffQuery, status: 200, response: ZDatasetDiff },
  exportDatasetVersion: { method: 'get', path: '/dataset-versions/:versionId/export', summary: 'Stream an approved version (or one split) as JSONL, CSV or Parquet; X-Content-Hash and X-Row-Count headers', roles: ENGINEER, token: true, params: id('versionId'), query: ZExportQuery, status: 200, response: null, produces: ['application/x-ndjson', 'text/csv', 'application/vnd.apache.parquet'] },
  datasetCard: { method: 'get', path: '/dataset-versions/:versionId/card', summary: 'The dataset card: JSON, or Markdown in the shape of a Hugging Face dataset card', roles: ENGINEER, token: true, params: id('versionId'), query: ZCardQuery, status: 200, response: null, produces: ['application/json', 'text/markdown'] },
  listQuarantine: { method: 'get', path: '/projects/:projectId/quarantine', summary: 'Rows merges kept out, with why; open ones wait for a release or a fix', roles: ENGINEER, token: true, params: ZProjectParams, query: ZQuarantineQuery, status: 200, response: z.object({ rows: z.array(ZQuarantinedRow) }) },
  releaseQuarantinedRow: { method: 'post', path: '/quarantine/:rowId/release', summary: 'Send an open row to the next merge as it is: the checks that held it no longer do (invalid values must be fixed instead)', roles: ENGINEER, token: true, params: id('rowId'), body: ZReleaseRequest, status: 200, response: z.object({ row: ZQuarantinedRow }) },
  fixQuarantinedRow: { method: 'post', path: '/quarantine/:rowId/fix', summary: 'Correct an open row’s label or texts; the next merge checks it again', roles: ENGINEER, token: true, params: id('rowId'), body: ZFixRequest, status: 200, response: z.object({ row: ZQuarantinedRow }) },

  listTokens: { method: 'get', path: '/tokens', summary: "The caller's API tokens", roles: ENGINEER, status: 200, response: z.object({ tokens: z.array(ZApiToken) }) },
  createToken: { method: 'post', path: '/tokens', summary: 'Create an API token; the secret is shown once', roles: ENGINEER, body: ZCreateTokenRequest, status: 201, response: z.object({ token: ZApiToken, secret: z.string() }) },
  revokeToken: { method: 'delete', path: '/tokens/:tokenId', summary: 'Revoke an API token', roles: ENGINEER, params: id('tokenId'), status: 204, response: null },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
export type RouteResponse<N extends RouteName> = (typeof ROUTES)[N]['response'] extends z.ZodType ? z.infer<(typeof ROUTES)[N]['response']> : void;
