import { z } from 'zod';

// Response shapes shared by the API, the web app and the CLI. Names follow DESIGN.md's glossary.

export const ZRole = z.enum(['labeller', 'expert', 'engineer']);
export type TRole = z.infer<typeof ZRole>;

export const ZUser = z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: ZRole }).meta({ id: 'User' });
export type TUser = z.infer<typeof ZUser>;

export const ZProjectConfigFields = z.object({
  overlap: z.number().int(),
  batchSize: z.number().int(),
  goldRatio: z.number(),
  escalateBelowAgreement: z.number(),
  openItemBudget: z.number().int(),
  leaseMinutes: z.number().int(),
  maxTextLength: z.number().int(),
  /** The accuracy an honest labeller is assumed to reach at least (H_honest in the spam test). */
  minAccuracy: z.number(),
  /** Reject a batch when P(random clicker | evidence) reaches this. */
  rejectAbove: z.number(),
  /** Accept a batch when P(random clicker | evidence) is at most this; in between, wait for peers. */
  acceptBelow: z.number(),
  /** Longest a batch waits for peers' labels before it is decided on the evidence there is. */
  maxWaitMinutes: z.number().int(),
  /** Multiplies the reading-time estimate (the crowd simulator runs with a small scale). */
  readingTimeScale: z.number(),
  /** Items settled with a very high posterior by reliable labellers become gold. */
  goldFromConsensus: z.boolean(),
});

/** What every member sees of a project. Labellers get only this. */
export const ZProjectSummary = z.object({ id: z.uuid(), name: z.string(), labels: z.array(z.string()), batchSize: z.number().int() }).meta({ id: 'ProjectSummary' });
export type TProjectSummary = z.infer<typeof ZProjectSummary>;

export const ZProject = ZProjectSummary.extend(ZProjectConfigFields.shape).extend({ createdAt: z.iso.datetime() }).meta({ id: 'Project' });
export type TProject = z.infer<typeof ZProject>;

/** What a labeller sees of one assignment: never the item id, never whether it is gold. */
export const ZLabellerAssignment = z
  .object({ id: z.uuid(), position: z.number().int(), textA: z.string(), textB: z.string(), label: z.string().nullable() })
  .meta({ id: 'LabellerAssignment' });
export type TLabellerAssignment = z.infer<typeof ZLabellerAssignment>;

export const ZBatchStatus = z.enum(['open', 'submitted', 'accepted', 'rejected', 'expired']);
export type TBatchStatus = z.infer<typeof ZBatchStatus>;

export const ZLabellerBatch = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    status: ZBatchStatus,
    labels: z.array(z.string()),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    assignments: z.array(ZLabellerAssignment),
  })
  .meta({ id: 'LabellerBatch' });
export type TLabellerBatch = z.infer<typeof ZLabellerBatch>;

/** A batch as its labeller sees it afterwards: outcome and plain reasons, nothing about gold. */
export const ZBatchOutcome = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    status: ZBatchStatus,
    itemCount: z.number().int(),
    createdAt: z.iso.datetime(),
    submittedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    reasons: z.array(z.string()),
    /** The labeller's appeal against a rejection, if any. */
    appeal: z.object({ status: z.enum(['open', 'upheld', 'dismissed']), resolutionNote: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'BatchOutcome' });
export type TBatchOutcome = z.infer<typeof ZBatchOutcome>;

export const ZStageCounts = z
  .object({
    samples: z.number().int(),
    selected: z.number().int(),
    labelling: z.number().int(),
    escalated: z.number().int(),
    settled: z.number().int(),
    merged: z.number().int(),
    gold: z.number().int(),
    batches: z.object({ open: z.number().int(), submitted: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), expired: z.number().int() }),
  })
  .meta({ id: 'StageCounts' });
export type TStageCounts = z.infer<typeof ZStageCounts>;

export const ZReviewStatus = z.enum(['queued', 'claimed', 'settled']);

export const ZReviewSummary = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    status: ZReviewStatus,
    createdAt: z.iso.datetime(),
    textA: z.string(),
    textB: z.string(),
    agreement: z.number(),
    disagreement: z.number(),
    claimedByMe: z.boolean(),
    claimExpiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ReviewSummary' });
export type TReviewSummary = z.infer<typeof ZReviewSummary>;

export const ZReviewDetail = ZReviewSummary.extend({
  labels: z.array(z.string()),
  model: z.object({ label: z.string().nullable(), probs: z.record(z.string(), z.number()), version: z.string().nullable() }),
  /** Crowd votes; voters are shown as stable pseudonyms, never emails. */
  votes: z.array(z.object({ voter: z.string(), label: z.string() })),
  posterior: z.record(z.string(), z.number()),
  label: z.string().nullable(),
  note: z.string().nullable(),
  settledAt: z.iso.datetime().nullable(),
}).meta({ id: 'ReviewDetail' });
export type TReviewDetail = z.infer<typeof ZReviewDetail>;

export const ZDatasetVersion = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    number: z.number().int(),
    parentId: z.uuid().nullable(),
    contentHash: z.string(),
    rowCount: z.number().int(),
    addedCount: z.number().int(),
    status: z.enum(['candidate', 'approved', 'rejected']),
    report: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
    decidedBy: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'DatasetVersion' });
export type TDatasetVersion = z.infer<typeof ZDatasetVersion>;

/** One exported JSONL row. */
export const ZDatasetRow = z
  .object({
    id: z.string(),
    externalId: z.string(),
    textA: z.string(),
    textB: z.string(),
    label: z.string(),
    decidedBy: z.enum(['crowd', 'expert']),
    votes: z.record(z.string(), z.number()),
    expertNote: z.string().nullable(),
    modelLabel: z.string().nullable(),
    modelVersion: z.string().nullable(),
  })
  .meta({ id: 'DatasetRow' });
export type TDatasetRow = z.infer<typeof ZDatasetRow>;

export const ZApiToken = z.object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime(), lastUsedAt: z.iso.datetime().nullable() }).meta({ id: 'ApiToken' });
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      details: z.array(z.object({ line: z.number().int().optional(), field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

const ZPerson = z.object({ id: z.uuid(), displayName: z.string(), email: z.string() });

export const ZReliability = z
  .object({
    /** Beta-posterior accuracy, shrunk toward the crowd while evidence is thin. */
    accuracy: z.number(),
    low: z.number(),
    high: z.number(),
    evidenceCount: z.number().int(),
    computedAt: z.iso.datetime(),
  })
  .meta({ id: 'Reliability' });

/** A labeller as the engineer sees them in one project. */
export const ZLabellerSummary = ZPerson.extend({
  reliability: ZReliability.nullable(),
  /** P(random clicker) carried into the labeller's next batch (sliding-window sequential test). */
  spamPrior: z.number().nullable(),
  /** Accuracy estimates, oldest first (the last 20). */
  trend: z.array(z.number()),
  batches: z.object({ open: z.number().int(), waiting: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), expired: z.number().int() }),
  pausedAt: z.iso.datetime().nullable(),
  pauseReason: z.string().nullable(),
  openAppeals: z.number().int(),
}).meta({ id: 'LabellerSummary' });
export type TLabellerSummary = z.infer<typeof ZLabellerSummary>;

export const ZAppeal = z
  .object({
    id: z.uuid(),
    batchId: z.uuid(),
    projectId: z.uuid(),
    labeller: ZPerson,
    message: z.string(),
    status: z.enum(['open', 'upheld', 'dismissed']),
    createdAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    resolutionNote: z.string().nullable(),
  })
  .meta({ id: 'Appeal' });
export type TAppeal = z.infer<typeof ZAppeal>;

/** A batch with everything behind its decision, for the engineer. */
export const ZEngineerBatch = ZBatchOutcome.extend({
  labeller: ZPerson,
  /** P(random clicker | evidence) at the last scoring. */
  posteriorSpam: z.number().nullable(),
  /** Every figure that went into the decision. */
  evidence: z.record(z.string(), z.unknown()).nullable(),
  override: z.object({ by: z.string(), at: z.iso.datetime(), note: z.string() }).nullable(),
  appealMessage: z.string().nullable(),
}).meta({ id: 'EngineerBatch' });
export type TEngineerBatch = z.infer<typeof ZEngineerBatch>;
