import type { TReviewDetail } from '@quorum/contracts';
import type { CardFormat, DatasetSplit, DiffKind, ExportFormat, QuarantineFix, QuarantineStatus } from '../engineer/datasetTypes';
import { call, routeUrl } from './client';

/** Queue filters as the screen holds them; empty values mean "any". */
export type ReviewFilters = { crowdLabel?: string; modelLabel?: string; minDisagreement?: number; q?: string };
/** What an expert decides: a label, or that the pair cannot be labelled. */
export type ReviewDecisionInput = { decision: 'label'; label: string } | { decision: 'ambiguous' } | { decision: 'invalid' };

const withoutEmpty = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

/** What a diff page asks for: against which version (default the parent), one kind or all. */
export type DiffQuery = { against?: string; kind?: DiffKind; cursor?: string; limit?: number };

/** The dataset routes: versions, decisions, diff, quarantine, and the download links. */
const datasets = {
  listDatasetVersions: (projectId: string) => call('listDatasetVersions', { params: { projectId } }).then((r) => r.versions),
  getDatasetVersion: (versionId: string) => call('getDatasetVersion', { params: { versionId } }).then((r) => r.version),
  decideDatasetVersion: (versionId: string, decision: 'approve' | 'reject', note?: string) => {
    const body = note ? { note } : {};
    const req = decision === 'approve' ? call('approveDatasetVersion', { params: { versionId }, body }) : call('rejectDatasetVersion', { params: { versionId }, body });
    return req.then((r) => r.version);
  },
  datasetDiff: (versionId: string, q: DiffQuery = {}) => call('diffDatasetVersion', { params: { versionId }, query: { limit: 50, ...q } }),
  listQuarantine: (projectId: string, status: QuarantineStatus | 'all' = 'open') => call('listQuarantine', { params: { projectId }, query: { status } }).then((r) => r.rows),
  releaseQuarantined: (rowId: string, note?: string) => call('releaseQuarantinedRow', { params: { rowId }, body: note ? { note } : {} }).then((r) => r.row),
  fixQuarantined: (rowId: string, fix: QuarantineFix) => call('fixQuarantinedRow', { params: { rowId }, body: fix }).then((r) => r.row),
  /** Same-origin links, so the session cookie goes along with the download. */
  exportUrl: (versionId: string, format: ExportFormat = 'jsonl', split?: DatasetSplit) => routeUrl('exportDatasetVersion', { params: { versionId }, query: { format, split } }),
  cardUrl: (versionId: string, format: CardFormat) => routeUrl('datasetCard', { params: { versionId }, query: { format } }),
};

/** Thin, named wrappers over the contract routes, one per use in the screens. */
export const api = {
  login: (email: string, password: string) => call('login', { body: { email, password } }).then((r) => r.user),
  logout: () => call('logout', {}),
  me: () => call('me', {}).then((r) => r.user),
  demoLogins: () => call('demoLogins', {}),
  listProjects: () => call('listProjects', {}).then((r) => r.projects),

  requestBatch: (projectId: string) => call('requestBatch', { params: { projectId } }).then((r) => r.batch),
  getBatch: (batchId: string) => call('getBatch', { params: { batchId } }).then((r) => r.batch),
  listMyBatches: () => call('listMyBatches', {}).then((r) => r.batches),
  recordLabel: (assignmentId: string, label: string, clientMs: number) =>
    call('recordLabel', { params: { assignmentId }, body: { label, clientMs: Math.max(0, Math.round(clientMs)) } }),
  submitBatch: (batchId: string) => call('submitBatch', { params: { batchId } }).then((r) => r.batch),
  appealBatch: (batchId: string, message: string) => call('appealBatch', { params: { batchId }, body: { message } }).then((r) => r.batch),

  listLabellers: (projectId: string) => call('listLabellers', { params: { projectId } }).then((r) => r.labellers),
  unpauseLabeller: (projectId: string, userId: string) => call('unpauseLabeller', { params: { projectId, userId }, body: {} }).then((r) => r.labeller),
  listLabellerBatches: (projectId: string, labellerId: string) =>
    call('listProjectBatches', { params: { projectId }, query: { status: 'all', labellerId } }).then((r) => r.batches),
  getBatchEvidence: (batchId: string) => call('getBatchEvidence', { params: { batchId } }).then((r) => r.batch),
  overrideBatch: (batchId: string, decision: 'accept' | 'reject', note: string) =>
    call('overrideBatch', { params: { batchId }, body: { decision, note } }).then((r) => r.batch),
  listOpenAppeals: (projectId: string) => call('listAppeals', { params: { projectId }, query: { status: 'open' } }).then((r) => r.appeals),
  resolveAppeal: (appealId: string, decision: 'uphold' | 'dismiss', note?: string) =>
    call('resolveAppeal', { params: { appealId }, body: note ? { decision, note } : { decision } }).then((r) => r.appeal),

  /** The open queue, filtered; unset filters are left out of the query string. */
  listReviews: (projectId: string, filters: ReviewFilters = {}) =>
    call('listReviews', { params: { projectId }, query: withoutEmpty({ status: 'open' as const, ...filters }) }),
  reviewHistory: (projectId: string, page: number, pageSize = 20) => call('reviewHistory', { params: { projectId }, query: { page, pageSize } }),
  reviewAgreement: (projectId: string) => call('reviewAgreement', { params: { projectId } }),
  getReview: (reviewId: string): Promise<TReviewDetail> => call('getReview', { params: { reviewId } }).then((r) => r.review),
  claimReview: (reviewId: string) => call('claimReview', { params: { reviewId } }).then((r) => r.review),
  renewReview: (reviewId: string) => call('renewReview', { params: { reviewId } }).then((r) => r.review),
  releaseReview: (reviewId: string) => call('releaseReview', { params: { reviewId } }).then((r) => r.review),
  settleReview: (reviewId: string, decision: ReviewDecisionInput, note?: string) =>
    call('settleReview', { params: { reviewId }, body: { ...decision, ...(note ? { note } : {}) } }).then((r) => r.review),
  undoReview: (reviewId: string) => call('undoReview', { params: { reviewId } }).then((r) => r.review),

  stageCounts: (projectId: string) => call('stageCounts', { params: { projectId } }).then((r) => r.counts),
  runMerge: (projectId: string) => call('runMerge', { params: { projectId } }),
  projectPool: (projectId: string, page: number, pageSize: number) => call('projectPool', { params: { projectId }, query: { page, pageSize } }),
  ...datasets,

  listTokens: () => call('listTokens', {}).then((r) => r.tokens),
  createToken: (name: string) => call('createToken', { body: { name } }),
  revokeToken: (tokenId: string) => call('revokeToken', { params: { tokenId } }),
};
