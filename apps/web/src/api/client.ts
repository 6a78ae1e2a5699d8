import type { ROUTES, RouteName, RouteResponse } from '@quorum/contracts';
import type { z } from 'zod';
import { ApiError, apiErrorFrom } from './errors';

export const API_BASE = '/api/v1';

type Spec<N extends RouteName> = (typeof ROUTES)[N];

/** `{ reviewId: string }` from '/reviews/:reviewId/claim'. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : unknown;

type BodyOf<N extends RouteName> = Spec<N> extends { body: infer B extends z.ZodType } ? z.input<B> : never;
type QueryOf<N extends RouteName> = Spec<N> extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;

export type CallOptions<N extends RouteName> = ([keyof PathParams<Spec<N>['path']>] extends [never]
  ? { params?: undefined }
  : { params: PathParams<Spec<N>['path']> }) &
  ([BodyOf<N>] extends [never] ? { body?: undefined } : { body: BodyOf<N> }) &
  ([QueryOf<N>] extends [never] ? { query?: undefined } : { query?: QueryOf<N> });

/**
 * Method and path of every route the web app calls. The `satisfies` clause checks both against
 * the contract at compile time, without pulling zod into the bundle.
 */
const PATHS = {
  login: ['post', '/auth/login'],
  demoLogins: ['get', '/auth/demo-logins'],
  logout: ['post', '/auth/logout'],
  me: ['get', '/auth/me'],
  listProjects: ['get', '/projects'],
  stageCounts: ['get', '/projects/:projectId/stats'],
  requestBatch: ['post', '/projects/:projectId/batches'],
  listMyBatches: ['get', '/me/batches'],
  getBatch: ['get', '/batches/:batchId'],
  recordLabel: ['put', '/assignments/:assignmentId/label'],
  submitBatch: ['post', '/batches/:batchId/submit'],
  appealBatch: ['post', '/batches/:batchId/appeal'],
  listLabellers: ['get', '/projects/:projectId/labellers'],
  unpauseLabeller: ['post', '/projects/:projectId/labellers/:userId/unpause'],
  listProjectBatches: ['get', '/projects/:projectId/batches'],
  getBatchEvidence: ['get', '/batches/:batchId/evidence'],
  overrideBatch: ['post', '/batches/:batchId/override'],
  listAppeals: ['get', '/projects/:projectId/appeals'],
  resolveAppeal: ['post', '/appeals/:appealId/resolve'],
  listReviews: ['get', '/projects/:projectId/reviews'],
  reviewHistory: ['get', '/projects/:projectId/reviews/history'],
  reviewAgreement: ['get', '/projects/:projectId/reviews/agreement'],
  getReview: ['get', '/reviews/:reviewId'],
  claimReview: ['post', '/reviews/:reviewId/claim'],
  renewReview: ['post', '/reviews/:reviewId/renew'],
  releaseReview: ['post', '/reviews/:reviewId/release'],
  settleReview: ['post', '/reviews/:reviewId/settle'],
  undoReview: ['post', '/reviews/:reviewId/undo'],
  listDatasetVersions: ['get', '/projects/:projectId/dataset-versions'],
  runMerge: ['post', '/projects/:projectId/dataset-versions'],
  approveDatasetVersion: ['post', '/dataset-versions/:versionId/approve'],
  rejectDatasetVersion: ['post', '/dataset-versions/:versionId/reject'],
  getDatasetVersion: ['get', '/dataset-versions/:versionId'],
  diffDatasetVersion: ['get', '/dataset-versions/:versionId/diff'],
  exportDatasetVersion: ['get', '/dataset-versions/:versionId/export'],
  datasetCard: ['get', '/dataset-versions/:versionId/card'],
  listQuarantine: ['get', '/projects/:projectId/quarantine'],
  releaseQuarantinedRow: ['post', '/quarantine/:rowId/release'],
  fixQuarantinedRow: ['post', '/quarantine/:rowId/fix'],
  listTokens: ['get', '/tokens'],
  createToken: ['post', '/tokens'],
  revokeToken: ['delete', '/tokens/:tokenId'],
  projectPool: ['get', '/projects/:projectId/pool'],
  cockpitPipeline: ['get', '/projects/:projectId/cockpit/pipeline'],
  cockpitQuality: ['get', '/projects/:projectId/cockpit/quality'],
  cockpitLabellers: ['get', '/projects/:projectId/cockpit/labellers'],
  cockpitCost: ['get', '/projects/:projectId/cockpit/cost'],
  getProject: ['get', '/projects/:projectId'],
  createProject: ['post', '/projects'],
  updateProject: ['patch', '/projects/:projectId'],
} as const satisfies { [N in RouteName]?: readonly [Spec<N>['method'], Spec<N>['path']] };

export type WebRoute = keyof typeof PATHS;

/** Fills ':name' segments, URL-encoding each value. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export function routeUrl<N extends WebRoute>(name: N, opts: CallOptions<N>): string {
  const [, path] = PATHS[name];
  return pathUrl(path, opts.params as Record<string, string> | undefined, opts.query as Query | undefined);
}

/** Query values as the screens hold them; undefined and '' are left out of the string. */
export type Query = Record<string, string | number | boolean | undefined>;

/** `/api/v1` + the filled path + the query string. */
export function pathUrl(path: string, params?: Record<string, string>, query?: Query): string {
  const entries = Object.entries(query ?? {}).filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== '');
  const qs = entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
  return `${API_BASE}${fillPath(path, params)}${qs}`;
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called whenever a request answers 401, so the app can show the login screen again. */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

/** Calls one contract route with the session cookie; resolves to its typed response. */
export async function call<N extends WebRoute>(name: N, opts: CallOptions<N>): Promise<RouteResponse<N>> {
  const [method] = PATHS[name];
  const init: RequestInit = { method: method.toUpperCase(), credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (opts.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(routeUrl(name, opts), init);
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const err = apiErrorFrom(res.status, body);
    if (res.status === 401 && name !== 'login' && name !== 'me') unauthenticatedListeners.forEach((fn) => fn());
    throw err;
  }
  return body as RouteResponse<N>;
}
