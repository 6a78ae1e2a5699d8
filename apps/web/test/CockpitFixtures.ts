import type { TCockpitCost, TCockpitLabeller, TCockpitPipeline, TCockpitQuality } from '@quorum/contracts';

// Cockpit read models as the API sends them, with figures a test can recognise on screen.

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const NOW = Date.parse('2025-01-08T12:00:00.000Z');
export const cockpitProject = { id: uuid(900), name: 'Demo', labels: ['match', 'no_match'], batchSize: 10 };

export const pipeline = (over: Partial<TCockpitPipeline> = {}): TCockpitPipeline => ({
  generatedAt: '2025-01-08T11:59:50.000Z',
  stages: { pooled: 812_345, skipped: 120, selected: 4_210, labelling: 96, waitingForScoring: 3, waitingLabels: 27, aggregated: 4_020, escalated: 41, settled: 3_954, excluded: 7, merged: 3_500, gold: 60 },
  batches: { open: 5, submitted: 3, accepted: 2_011, rejected: 88, expired: 14 },
  rates: {
    ingested: { lastHour: 1_200, lastDay: 950 },
    selected: { lastHour: 48, lastDay: 41.5 },
    labels: { lastHour: 262, lastDay: 230 },
    escalated: { lastHour: 2, lastDay: 1.25 },
    settled: { lastHour: 45, lastDay: 39 },
    merged: { lastHour: 0, lastDay: 20.8 },
  },
  stuck: {
    expiredLeases: { batches: 0, oldest: null },
    waitingTooLong: { batches: 0, oldest: null, maxWaitMinutes: 60 },
    expiredClaims: { reviews: 0, oldest: null },
    failedJobs: 0,
  },
  queue: { waiting: 4, active: 1, delayed: 2, failed: 0, completed: 951 },
  ...over,
});

const bins = (counts: number[]) => counts.map((count, b) => ({ low: b / counts.length, high: (b + 1) / counts.length, count }));
const days = (n: number) => Array.from({ length: n }, (_, i) => `2025-01-${String(i + 2).padStart(2, '0')}`);

export const quality = (over: Partial<TCockpitQuality> = {}): TCockpitQuality => ({
  generatedAt: '2025-01-08T12:00:00.000Z',
  days: 7,
  disagreement: { bins: bins([2_100, 800, 410, 200, 150, 120, 90, 60, 50, 40]), items: 4_020, mean: 0.142 },
  escalation: {
    days: days(7).map((day, i) => ({ day, decided: 100 + i * 10, escalated: 10 - i, rate: (10 - i) / (100 + i * 10) })),
    decided: 910,
    escalated: 49,
    rate: 49 / 910,
  },
  alpha: {
    alpha: 0.781,
    pairable: 20_100,
    units: 4_020,
    weeks: [
      { week: '2024-12-23', alpha: 0.702, pairable: 9_000, units: 1_800 },
      { week: '2024-12-30', alpha: 0.8125, pairable: 11_100, units: 2_220 },
    ],
  },
  gold: { answered: 4_000, correct: 3_480, accuracy: 0.87, acceptedAnswered: 3_700, acceptedCorrect: 3_367, acceptedAccuracy: 0.91 },
  calibration: {
    buckets: Array.from({ length: 10 }, (_, b) =>
      b === 5 ? { low: 0.5, high: 0.6, settled: 1_000, wrong: 450, accuracy: 0.55, meanConfidence: 0.55 }
      : b === 6 ? { low: 0.6, high: 0.7, settled: 2_000, wrong: 700, accuracy: 0.65, meanConfidence: 0.64 }
      : b === 9 ? { low: 0.9, high: 1, settled: 954, wrong: 286, accuracy: 0.7002, meanConfidence: 0.95 }
      : { low: b / 10, high: (b + 1) / 10, settled: 0, wrong: 0, accuracy: null, meanConfidence: null },
    ),
    settled: 3_954,
    wrong: 1_436,
    accuracy: 0.6368,
    ece: 0.0653,
  },
  ...over,
});

export const emptyQuality = (): TCockpitQuality => ({
  generatedAt: '2025-01-08T12:00:00.000Z',
  days: 30,
  disagreement: { bins: bins(new Array(10).fill(0)), items: 0, mean: null },
  escalation: { days: days(7).map((day) => ({ day, decided: 0, escalated: 0, rate: null })), decided: 0, escalated: 0, rate: null },
  alpha: { alpha: null, pairable: 0, units: 0, weeks: [] },
  gold: { answered: 0, correct: 0, accuracy: null, acceptedAnswered: 0, acceptedCorrect: 0, acceptedAccuracy: null },
  calibration: { buckets: bins(new Array(10).fill(0)).map((b) => ({ low: b.low, high: b.high, settled: 0, wrong: 0, accuracy: null, meanConfidence: null })), settled: 0, wrong: 0, accuracy: null, ece: null },
});

export const cockpitLabeller = (n: number, over: Partial<TCockpitLabeller> = {}): TCockpitLabeller => ({
  id: uuid(300 + n),
  displayName: `Labeller ${n}`,
  email: `l${n}@demo.quorum`,
  reliability: { accuracy: 0.9, low: 0.84, high: 0.95, evidenceCount: 40, computedAt: '2025-01-08T11:00:00.000Z' },
  spamPrior: 0.02,
  trend: [0.8, 0.85, 0.9],
  batches: { open: 0, waiting: 1, accepted: 12, rejected: 1, expired: 0 },
  pausedAt: null,
  pauseReason: null,
  openAppeals: 0,
  model: null,
  labelsLastHour: 30 + n,
  labelsLastDay: 200 + n,
  lastActiveAt: '2025-01-08T11:50:00.000Z',
  ...over,
});

export const cost = (over: Partial<TCockpitCost> = {}): TCockpitCost => ({
  generatedAt: '2025-01-08T12:00:00.000Z',
  accepted: 19_770,
  rejected: 1_540,
  controls: 2_400,
  labels: 23_710,
  settledItems: 3_954,
  expertDecisions: 410,
  expertMinutes: 984,
  labelsPerSettledItem: 23_710 / 3_954,
  rejectedShare: 1_540 / 21_310,
  controlShare: 2_400 / 23_710,
  expertMinutesPerDecision: 2.4,
  expertMinutesPerSettledItem: 984 / 3_954,
  expertGapCapMinutes: 10,
  ...over,
});
