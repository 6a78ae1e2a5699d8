import type { DatasetDiff, DatasetReport, DatasetVersion, DiffKind, DiffRow, QuarantinedRow } from '../src/engineer/datasetTypes';
import type { TAppeal, TBatchOutcome, TEngineerBatch, TLabellerSummary, TLabellerAssignment, TReviewDetail, TReviewHistoryEntry, TReviewSummary, TStageCounts } from '@quorum/contracts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = '2025-01-01T12:00:00.000Z';

export const assignments = (n: number): TLabellerAssignment[] =>
  Array.from({ length: n }, (_, i) => ({
    id: uuid(i + 1),
    position: i,
    textA: `I want someone to look after my cat (${i + 1})`,
    textB: `I can provide pet sitting (${i + 1})`,
    label: null,
  }));

export const outcome = (over: Partial<TBatchOutcome> = {}): TBatchOutcome => ({
  id: uuid(100),
  projectId: uuid(900),
  status: 'submitted',
  itemCount: 10,
  createdAt: at,
  submittedAt: at,
  decidedAt: null,
  reasons: [],
  appeal: null,
  ...over,
});

export const reviewSummary = (n: number, over: Partial<TReviewSummary> = {}): TReviewSummary => ({
  id: uuid(200 + n),
  projectId: uuid(900),
  status: 'queued',
  createdAt: at,
  textA: `Text A of review ${n}`,
  textB: `Text B of review ${n}`,
  agreement: 0.6,
  disagreement: 0.67,
  claimedByMe: false,
  claimExpiresAt: null,
  priority: { score: 0.39, entropy: 0.97, modelConfidence: 0.62, bucket: { low: 0.6, high: 0.7 }, modelErrorRate: 0.4, settledInBucket: 24, wrongInBucket: 9, basis: 'observed' },
  crowdLabel: 'match',
  voteCounts: { match: 3, no_match: 2 },
  modelLabel: 'match',
  ...over,
});

const rel = (accuracy: number) => ({ accuracy, low: accuracy - 0.1, high: Math.min(1, accuracy + 0.08), evidenceCount: 30 });

export const reviewDetail = (over: Partial<TReviewDetail> = {}): TReviewDetail => ({
  ...reviewSummary(1, { status: 'claimed', claimedByMe: true, claimExpiresAt: '2025-01-01T12:10:00.000Z' }),
  labels: ['match', 'no_match'],
  model: { label: 'match', probs: { match: 0.55, no_match: 0.45 }, version: 'prod-2025-01' },
  votes: [
    { voter: 'Labeller 7F3A9C', label: 'match', reliability: rel(0.91) },
    { voter: 'Labeller 19C2D0', label: 'match', reliability: rel(0.84) },
    { voter: 'Labeller A0E1B7', label: 'no_match', reliability: null },
    { voter: 'Labeller 5B7701', label: 'match', reliability: rel(0.78) },
    { voter: 'Labeller C3D9E2', label: 'no_match', reliability: rel(0.6) },
  ],
  posterior: { match: 0.62, no_match: 0.38 },
  similar: [{ itemId: uuid(500), textA: 'Someone to walk my dog', textB: 'Dog walking, mornings', label: 'match', decision: 'label', decidedBy: 'expert', similarity: 0.58 }],
  decision: null,
  label: null,
  note: null,
  settledAt: null,
  undoableUntil: null,
  ...over,
});

export const historyEntry = (n: number, over: Partial<TReviewHistoryEntry> = {}): TReviewHistoryEntry => ({
  id: uuid(200 + n),
  projectId: uuid(900),
  textA: `Text A of review ${n}`,
  textB: `Text B of review ${n}`,
  decision: 'label',
  label: 'no_match',
  note: null,
  crowdLabel: 'match',
  settledAt: at,
  undoableUntil: null,
  inDataset: false,
  ...over,
});

export const stageCounts: TStageCounts = {
  samples: 12480,
  selected: 640,
  labelling: 212,
  escalated: 17,
  settled: 388,
  merged: 300,
  gold: 40,
  batches: { open: 3, submitted: 2, accepted: 51, rejected: 4, expired: 6 },
};

/** A report as the merge stores it: findings of most kinds, the labels drifting past the threshold. */
export const datasetReport = (over: Partial<DatasetReport> = {}): DatasetReport => ({
  findingCounts: { empty_text: 1, text_too_long: 0, broken_unicode: 1, unknown_label: 0, duplicate: 2, conflict: 1, near_duplicate: 3, leakage: 1, label_drift: 1 },
  quarantinedByCode: { empty_text: 1, text_too_long: 0, broken_unicode: 1, unknown_label: 0, duplicate: 2, conflict: 1, near_duplicate: 0, leakage: 1, label_drift: 0 },
  drift: [
    { label: 'match', parentShare: 0.45, share: 0.58, delta: 0.13, flagged: true },
    { label: 'no_match', parentShare: 0.55, share: 0.42, delta: -0.13, flagged: true },
  ],
  findings: [
    { itemId: uuid(401), externalId: 'cat-7', code: 'empty_text', message: 'textB is empty or only whitespace' },
    { itemId: uuid(402), externalId: 'web-2', code: 'duplicate', message: 'the same pair is already in the parent', relatedItemId: uuid(450) },
    { itemId: uuid(403), externalId: 'move-9', code: 'near_duplicate', message: 'almost the same pair as another row', relatedItemId: uuid(451), similarity: 0.91 },
    { itemId: uuid(404), externalId: 'cat-3', code: 'leakage', message: 'a near copy of this pair is in test', relatedItemId: uuid(452), similarity: 0.87 },
  ],
  findingsTotal: 10,
  ...over,
});

export const datasetVersion = (n: number, over: Partial<DatasetVersion> = {}): DatasetVersion => ({
  id: uuid(300 + n),
  projectId: uuid(900),
  number: n,
  parentId: n > 1 ? uuid(300 + n - 1) : null,
  contentHash: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  rowCount: 300,
  addedCount: 120,
  removedCount: 4,
  relabelledCount: 7,
  quarantinedCount: 6,
  status: 'candidate',
  counts: { train: { match: 120, no_match: 90 }, dev: { match: 25, no_match: 20 }, test: { match: 25, no_match: 20 } },
  report: datasetReport(),
  createdAt: at,
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  ...over,
});

export const diffRow = (n: number, kind: DiffKind = 'added'): DiffRow => ({
  itemId: uuid(800 + n),
  externalId: `ext-${n}`,
  kind,
  textA: `I need help with task number ${n}`,
  textB: `I can help with task number ${n}`,
  before: kind === 'added' ? null : { label: 'match', split: 'train' },
  after: kind === 'removed' ? null : { label: kind === 'relabelled' ? 'no_match' : 'match', split: kind === 'moved' ? 'test' : 'train' },
});

export const datasetDiff = (over: Partial<DatasetDiff> = {}): DatasetDiff => ({
  against: uuid(301),
  summary: { added: 120, removed: 4, relabelled: 7, moved: 0 },
  rows: [diffRow(1), diffRow(2, 'relabelled'), diffRow(3, 'removed')],
  nextCursor: null,
  ...over,
});

export const quarantinedRow = (n: number, over: Partial<QuarantinedRow> = {}): QuarantinedRow => ({
  id: uuid(850 + n),
  versionId: uuid(302),
  versionNumber: 2,
  itemId: uuid(860 + n),
  externalId: `q-${n}`,
  textA: 'Looking for a dog walker on weekday mornings',
  textB: 'I walk dogs before work, Monday to Friday',
  label: 'match',
  codes: ['duplicate'],
  reason: 'the same pair is already in the parent',
  details: { findings: [{ code: 'duplicate', message: 'the same pair is already in the parent', related: { itemId: uuid(450), in: 'parent' } }], note: null, decidedBy: null, decidedAt: null, fix: null, resolvedVersionId: null },
  status: 'open',
  createdAt: at,
  ...over,
});

const alice = { id: uuid(500), displayName: 'Alice Labeller', email: 'alice@demo.quorum' };

export const labellerSummary = (n: number, over: Partial<TLabellerSummary> = {}): TLabellerSummary => ({
  ...alice,
  id: uuid(500 + n),
  displayName: `Labeller ${n}`,
  email: `labeller${n}@demo.quorum`,
  reliability: { accuracy: 0.72, low: 0.61, high: 0.8, evidenceCount: 48, computedAt: at },
  spamPrior: 0.034,
  trend: [0.6, 0.65, 0.7, 0.72],
  batches: { open: 0, waiting: 1, accepted: 9, rejected: 2, expired: 1 },
  pausedAt: null,
  pauseReason: null,
  openAppeals: 0,
  model: null,
  ...over,
});

/** The evidence record the scorer stores (spam-likelihood-ratio-v1). */
export const evidence = {
  model: 'spam-likelihood-ratio-v1',
  decision: 'reject',
  posteriorSpam: 0.97,
  priorSpam: 0.05,
  honestAccuracy: 0.7,
  logLikelihoodRatio: 6.4,
  components: { gold: 2.5, peers: 1.2, time: 3.1, pattern: -0.4 },
  items: 10,
  goldTotal: 4,
  goldCorrect: 1,
  peerItems: 5,
  peerAgreement: 0.4,
  medianSeconds: 0.4,
  medianExpectedSeconds: 4.2,
  fastShare: 0.9,
  longestRun: 3,
  alternationShare: 0.56,
  answerShares: { match: 0.6, no_match: 0.4 },
  itemsAwaitingPeers: 0,
  waitedSeconds: 12,
  reasons: ['3 of 4 control answers wrong'],
};

export const engineerBatch = (n: number, over: Partial<TEngineerBatch> = {}): TEngineerBatch => ({
  ...outcome({ id: uuid(600 + n), status: 'rejected', decidedAt: at, reasons: ['3 of 4 control answers wrong', 'median 0.4 s per pair, reading takes about 4.2 s'] }),
  labeller: alice,
  posteriorSpam: 0.97,
  evidence,
  override: null,
  appealMessage: null,
  ...over,
});

export const appealFixture = (n: number, over: Partial<TAppeal> = {}): TAppeal => ({
  id: uuid(700 + n),
  batchId: uuid(600 + n),
  projectId: uuid(900),
  labeller: alice,
  message: 'I read every pair carefully, please look again.',
  status: 'open',
  createdAt: at,
  resolvedAt: null,
  resolutionNote: null,
  ...over,
});
