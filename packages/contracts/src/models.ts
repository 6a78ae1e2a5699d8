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
/** An expert's decision: a label, or that the pair cannot be labelled (the item is then kept out of datasets). */
export const ZReviewDecision = z.enum(['label', 'ambiguous', 'invalid']);
export type TReviewDecision = z.infer<typeof ZReviewDecision>;

/** Why an item sits where it does in the queue: score = entropy × modelErrorRate. */
export const ZReviewPriority = z
  .object({
    score: z.number(),
    /** Normalised entropy of the crowd's posterior: 0 = sure, 1 = evenly split. */
    entropy: z.number(),
    /** The model's top probability for the item. */
    modelConfidence: z.number(),
    /** The model-confidence bucket the item falls in. */
    bucket: z.object({ low: z.number(), high: z.number() }),
    /** How often the model was wrong on settled items of the project in that bucket, smoothed toward a prior. */
    modelErrorRate: z.number(),
    settledInBucket: z.number().int(),
    wrongInBucket: z.number().int(),
    basis: z.enum(['prior', 'blend', 'observed']),
  })
  .meta({ id: 'ReviewPriority' });
export type TReviewPriority = z.infer<typeof ZReviewPriority>;

export const ZReviewSummary = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    /** Another expert's claim reads as 'claimed' and nothing more: not who, not until when. */
    status: ZReviewStatus,
    createdAt: z.iso.datetime(),
    textA: z.string(),
    textB: z.string(),
    agreement: z.number(),
    disagreement: z.number(),
    claimedByMe: z.boolean(),
    claimExpiresAt: z.iso.datetime().nullable(),
    priority: ZReviewPriority,
    /** The crowd's leading label (null on a tie) and accepted votes per label. */
    crowdLabel: z.string().nullable(),
    voteCounts: z.record(z.string(), z.number()),
    modelLabel: z.string().nullable(),
  })
  .meta({ id: 'ReviewSummary' });
export type TReviewSummary = z.infer<typeof ZReviewSummary>;

/** A crowd voter's latest reliability estimate in the project (null: never measured). */
export const ZVoterReliability = z.object({ accuracy: z.number(), low: z.number(), high: z.number(), evidenceCount: z.number().int() });

/** An item of the project already settled (or excluded) whose texts resemble this one's. */
export const ZSimilarItem = z
  .object({
    itemId: z.uuid(),
    textA: z.string(),
    textB: z.string(),
    /** The settled label; null for an item an expert excluded as ambiguous or invalid. */
    label: z.string().nullable(),
    decision: ZReviewDecision,
    decidedBy: z.enum(['crowd', 'expert']),
    /** pg_trgm similarity of the two texts together, 0–1. */
    similarity: z.number(),
  })
  .meta({ id: 'SimilarItem' });
export type TSimilarItem = z.infer<typeof ZSimilarItem>;

export const ZReviewDetail = ZReviewSummary.extend({
  labels: z.array(z.string()),
  model: z.object({ label: z.string().nullable(), probs: z.record(z.string(), z.number()), version: z.string().nullable() }),
  /** Crowd votes; voters are stable per-project pseudonyms ("Labeller 7F3A9C"), never emails or ids. */
  votes: z.array(z.object({ voter: z.string(), label: z.string(), reliability: ZVoterReliability.nullable() })),
  posterior: z.record(z.string(), z.number()),
  similar: z.array(ZSimilarItem),
  decision: ZReviewDecision.nullable(),
  label: z.string().nullable(),
  note: z.string().nullable(),
  settledAt: z.iso.datetime().nullable(),
  /** Set while the caller may still undo their decision. */
  undoableUntil: z.iso.datetime().nullable(),
}).meta({ id: 'ReviewDetail' });
export type TReviewDetail = z.infer<typeof ZReviewDetail>;

/** One of the caller's settled reviews. */
export const ZReviewHistoryEntry = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    textA: z.string(),
    textB: z.string(),
    decision: ZReviewDecision,
    label: z.string().nullable(),
    note: z.string().nullable(),
    /** The crowd's leading label when the expert decided (null on a tie). */
    crowdLabel: z.string().nullable(),
    settledAt: z.iso.datetime(),
    /** Set while the decision may still be undone (inside the window, not yet in a dataset version). */
    undoableUntil: z.iso.datetime().nullable(),
    inDataset: z.boolean(),
  })
  .meta({ id: 'ReviewHistoryEntry' });
export type TReviewHistoryEntry = z.infer<typeof ZReviewHistoryEntry>;

/** How often experts chose the crowd's leading label. */
export const ZAgreementFigures = z.object({
  decisions: z.number().int(),
  ambiguous: z.number().int(),
  invalid: z.number().int(),
  /** Label decisions where the crowd had a leading label. */
  comparable: z.number().int(),
  agreed: z.number().int(),
  /** agreed / comparable; null when nothing is comparable. */
  share: z.number().nullable(),
});
export const ZReviewAgreement = z
  .object({
    project: ZAgreementFigures,
    /** Experts see only their own row; engineers see every expert's. */
    experts: z.array(ZAgreementFigures.extend({ expertId: z.uuid(), displayName: z.string(), isMe: z.boolean() })),
  })
  .meta({ id: 'ReviewAgreement' });
export type TReviewAgreement = z.infer<typeof ZReviewAgreement>;

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
