import type { TBatchOutcome, TDatasetVersion, TLabellerAssignment, TReviewDetail, TReviewSummary, TStageCounts } from '@quorum/contracts';

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
  ...over,
});

export const reviewDetail = (over: Partial<TReviewDetail> = {}): TReviewDetail => ({
  ...reviewSummary(1, { status: 'claimed', claimedByMe: true, claimExpiresAt: '2025-01-01T12:10:00.000Z' }),
  labels: ['match', 'no_match'],
  model: { label: 'match', probs: { match: 0.55, no_match: 0.45 }, version: 'prod-2025-01' },
  votes: [
    { voter: 'L-7f3a', label: 'match' },
    { voter: 'L-19c2', label: 'match' },
    { voter: 'L-a0e1', label: 'no_match' },
    { voter: 'L-5b77', label: 'match' },
    { voter: 'L-c3d9', label: 'no_match' },
  ],
  posterior: { match: 0.62, no_match: 0.38 },
  label: null,
  note: null,
  settledAt: null,
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

export const datasetVersion = (n: number, over: Partial<TDatasetVersion> = {}): TDatasetVersion => ({
  id: uuid(300 + n),
  projectId: uuid(900),
  number: n,
  parentId: null,
  contentHash: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  rowCount: 300,
  addedCount: 120,
  status: 'candidate',
  report: { quarantined: 3, duplicates: 2, labelBalance: { match: 0.41, no_match: 0.59 } },
  createdAt: at,
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  ...over,
});
