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
  /** How an item's posterior is computed: per-labeller confusions, per-labeller accuracies, or vote shares. */
  aggregationMethod: z.enum(['dawid-skene', 'weighted', 'majority']),
  /** An item whose winning label's posterior is below this goes to expert review. */
  escalateBelowPosterior: z.number(),
  openItemBudget: z.number().int(),
  /** How pooled samples are ranked for labelling (uncertainty sampling strategy). */
  selectionStrategy: z.enum(['least_confidence', 'margin', 'entropy', 'variance', 'bald']),
  /** Most items one selection run creates. */
  selectPerRun: z.number().int(),
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
  /** Share of dataset rows per split; a row's split is a hash of its normalised pair, so it never moves. */
  splitRatios: z.object({ train: z.number(), dev: z.number(), test: z.number() }),
  /** Shingle Jaccard at or above which two pairs are near-duplicates. */
  nearDuplicateThreshold: z.number(),
  /** Flag a label whose share of a version moved more than this from the parent's. */
  labelDriftThreshold: z.number(),
  /** (a, b) and (b, a) are the same question, so a swapped pair is a duplicate. */
  symmetricPairs: z.boolean(),
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

export const ZDatasetSplit = z.enum(['train', 'dev', 'test']);
export type TDatasetSplit = z.infer<typeof ZDatasetSplit>;
export const ZDatasetVersionStatus = z.enum(['candidate', 'approved', 'rejected']);

/** One finding of a merge's data checks about one row. */
export const ZDatasetFinding = z
  .object({
    itemId: z.string(),
    externalId: z.string(),
    /** empty_text, text_too_long, broken_unicode, unknown_label, duplicate, conflict, near_duplicate, leakage. */
    code: z.string(),
    message: z.string(),
    /** The row duplicated, contradicted or resembled, when there is one. */
    relatedItemId: z.string().nullable().optional(),
    /** Shingle Jaccard, for near_duplicate and leakage. */
    similarity: z.number().nullable().optional(),
  })
  .meta({ id: 'DatasetFinding' });
export type TDatasetFinding = z.infer<typeof ZDatasetFinding>;

/** A label's share of the version against its share of the parent. */
export const ZLabelDrift = z
  .object({ label: z.string(), parentShare: z.number().nullable(), share: z.number(), delta: z.number().nullable(), flagged: z.boolean() })
  .meta({ id: 'LabelDrift' });

export const ZDatasetReport = z
  .object({
    /** Findings per code, flags (near_duplicate, label_drift) included; every code is present. */
    findingCounts: z.record(z.string(), z.number().int()),
    /** Rows kept out, per code they carry (a row can carry several). */
    quarantinedByCode: z.record(z.string(), z.number().int()),
    drift: z.array(ZLabelDrift),
    /** The first findings about rows, by code then item; label drift is in `drift`. */
    findings: z.array(ZDatasetFinding),
    /** How many findings about rows there were in all. */
    findingsTotal: z.number().int(),
  })
  .meta({ id: 'DatasetReport' });
export type TDatasetReport = z.infer<typeof ZDatasetReport>;

export const ZDatasetVersion = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    number: z.number().int(),
    /** The latest approved version when this one was merged. */
    parentId: z.uuid().nullable(),
    status: ZDatasetVersionStatus,
    /** sha256 over the sorted canonical rows (external id, texts, label, split). */
    contentHash: z.string(),
    rowCount: z.number().int(),
    addedCount: z.number().int(),
    removedCount: z.number().int(),
    relabelledCount: z.number().int(),
    quarantinedCount: z.number().int(),
    /** Rows per split and label. */
    counts: z.record(z.string(), z.record(z.string(), z.number().int())),
    report: ZDatasetReport,
    createdAt: z.iso.datetime(),
    /** Display name of who approved or rejected it. */
    decidedBy: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'DatasetVersion' });
export type TDatasetVersion = z.infer<typeof ZDatasetVersion>;

const ZLabelSplit = z.object({ label: z.string(), split: z.string() });
export const ZDatasetDiffKind = z.enum(['added', 'removed', 'relabelled', 'moved']);
/** A row that differs between two versions; a relabelled row may also have moved split. */
export const ZDatasetDiffRow = z
  .object({
    itemId: z.uuid(),
    externalId: z.string(),
    kind: ZDatasetDiffKind,
    textA: z.string(),
    textB: z.string(),
    before: ZLabelSplit.nullable(),
    after: ZLabelSplit.nullable(),
  })
  .meta({ id: 'DatasetDiffRow' });
export type TDatasetDiffRow = z.infer<typeof ZDatasetDiffRow>;
export const ZDatasetDiff = z
  .object({
    /** The version compared against (the parent by default); null: against nothing. */
    against: z.uuid().nullable(),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), relabelled: z.number().int(), moved: z.number().int() }),
    rows: z.array(ZDatasetDiffRow),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'DatasetDiff' });
export type TDatasetDiff = z.infer<typeof ZDatasetDiff>;

export const ZQuarantineStatus = z.enum(['open', 'released', 'fixed']);
/** A row a merge kept out of its version, with why; released or fixed, it joins the next merge. */
export const ZQuarantinedRow = z
  .object({
    id: z.uuid(),
    versionId: z.uuid(),
    versionNumber: z.number().int(),
    itemId: z.uuid(),
    externalId: z.string(),
    textA: z.string(),
    textB: z.string(),
    label: z.string(),
    codes: z.array(z.string()),
    reason: z.string(),
    /** findings (as in the report), and once decided: note, decidedBy, decidedAt, fix ({ before }), resolvedVersionId. */
    details: z.record(z.string(), z.unknown()),
    status: ZQuarantineStatus,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'QuarantinedRow' });
export type TQuarantinedRow = z.infer<typeof ZQuarantinedRow>;

/**
 * One exported row (JSONL; CSV and Parquet have the same columns). Per-label columns are named
 * posterior_<label>, votes_<label> and model_prob_<label>, one per project label.
 */
export const ZDatasetRow = z
  .object({
    id: z.string(),
    external_id: z.string(),
    sample_id: z.string(),
    text_a: z.string(),
    text_b: z.string(),
    label: z.string(),
    split: ZDatasetSplit,
    decided_by: z.enum(['crowd', 'expert']),
    agreement: z.number().nullable(),
    expert_note: z.string().nullable(),
    model_label: z.string().nullable(),
    model_version: z.string().nullable(),
    batch_ids: z.array(z.string()),
  })
  .catchall(z.number().nullable())
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

/** What the project's aggregation model (Dawid–Skene) learnt about one labeller at its last fit. */
export const ZLabellerModel = z
  .object({
    labels: z.array(z.string()),
    /** confusion[t][l]: P(answers labels[l] | the true label is labels[t]); each row sums to 1. */
    confusion: z.array(z.array(z.number())),
    /** Σ_t classPrior[t] · confusion[t][t]: the share of their answers the model expects right. */
    accuracy: z.number(),
    /** This labeller's labels the fit saw. */
    labelsFitted: z.number().int(),
    fittedAt: z.iso.datetime(),
  })
  .meta({ id: 'LabellerModel' });
export type TLabellerModel = z.infer<typeof ZLabellerModel>;

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
  /** Null until a fit has seen this labeller's labels. */
  model: ZLabellerModel.nullable(),
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
