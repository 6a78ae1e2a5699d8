import { z } from 'zod';
import { ZLabellerSummary } from './models';

/**
 * The engineer's cockpit: one read model per panel, each aggregated in SQL so that a project of
 * a million samples and five hundred labellers answers in one or a few round trips.
 */

const count = () => z.number().int();
const share = () => z.number().nullable();
const stamp = () => z.iso.datetime().nullable();

/** Events per hour, over the last hour and averaged over the last 24 hours. */
const ZRate = z.object({ lastHour: z.number(), lastDay: z.number() });

export const ZCockpitPipeline = z
  .object({
    generatedAt: z.iso.datetime(),
    /** Where the project's work is now. Samples and items are counted once, at their stage. */
    stages: z.object({
      /** Samples waiting in the pool for selection. */
      pooled: count(),
      /** Samples that left the pool without becoming an item (duplicates). */
      skipped: count(),
      /** Items ever selected (gold items apart). */
      selected: count(),
      /** Items collecting crowd labels. */
      labelling: count(),
      /** Submitted batches not yet accepted or rejected, and their labels. */
      waitingForScoring: count(),
      waitingLabels: count(),
      /** Items the crowd finished (their labels aggregated): escalated, settled or excluded since. */
      aggregated: count(),
      escalated: count(),
      settled: count(),
      /** Marked ambiguous or invalid by an expert: never merged. */
      excluded: count(),
      /** Rows in the current dataset lineage. */
      merged: count(),
      gold: count(),
    }),
    batches: z.object({ open: count(), submitted: count(), accepted: count(), rejected: count(), expired: count() }),
    /** ingested is null on projects too large to count it cheaply (no index on ingest time). */
    rates: z.object({ ingested: ZRate.nullable(), selected: ZRate, labels: ZRate, escalated: ZRate, settled: ZRate, merged: ZRate }),
    /** Work that should have moved and did not. */
    stuck: z.object({
      /** Open batches past their lease that the sweeper has not expired yet. */
      expiredLeases: z.object({ batches: count(), oldest: stamp() }),
      /** Submitted batches waiting for scoring longer than the project's maxWaitMinutes. */
      waitingTooLong: z.object({ batches: count(), oldest: stamp(), maxWaitMinutes: count() }),
      /** Expert claims past their lease, not yet returned to the queue. */
      expiredClaims: z.object({ reviews: count(), oldest: stamp() }),
      /** Jobs BullMQ gave up on (all projects share the queue); null when the queue cannot be read. */
      failedJobs: count().nullable(),
    }),
    /** Job counts of the work queue (every project), or null when it cannot be read. */
    queue: z.object({ waiting: count(), active: count(), delayed: count(), failed: count(), completed: count() }).nullable(),
  })
  .meta({ id: 'CockpitPipeline' });
export type TCockpitPipeline = z.infer<typeof ZCockpitPipeline>;

const ZHistogramBin = z.object({ low: z.number(), high: z.number(), count: count() });
const ZAlphaFigure = z.object({ alpha: share(), pairable: z.number(), units: count() });

export const ZCockpitQuality = z
  .object({
    generatedAt: z.iso.datetime(),
    days: count(),
    /** Posterior entropy (0 sure – 1 split) of every aggregated item, in ten bins. */
    disagreement: z.object({ bins: z.array(ZHistogramBin), items: count(), mean: share() }),
    /** Of the items the crowd finished each day, the share sent to experts. */
    escalation: z.object({
      days: z.array(z.object({ day: z.iso.date(), decided: count(), escalated: count(), rate: share() })),
      decided: count(),
      escalated: count(),
      rate: share(),
    }),
    /** Krippendorff's alpha (nominal) over the accepted labels of aggregated items: the project, and
     *  per week the items were selected. */
    alpha: ZAlphaFigure.extend({ weeks: z.array(ZAlphaFigure.extend({ week: z.iso.date() })) }),
    /** The crowd's answers to controls (gold items), all of them and those in accepted batches. */
    gold: z.object({ answered: count(), correct: count(), accuracy: share(), acceptedAnswered: count(), acceptedCorrect: count(), acceptedAccuracy: share() }),
    /** The production model on settled items, per confidence bucket: a reliability diagram. */
    calibration: z.object({
      buckets: z.array(z.object({ low: z.number(), high: z.number(), settled: count(), wrong: count(), accuracy: share(), meanConfidence: share() })),
      settled: count(),
      wrong: count(),
      accuracy: share(),
      /** Expected calibration error. */
      ece: share(),
    }),
  })
  .meta({ id: 'CockpitQuality' });
export type TCockpitQuality = z.infer<typeof ZCockpitQuality>;

/** throughput: labels in the last hour; active: the latest batch asked for or submitted. */
export const COCKPIT_LABELLER_SORTS = ['name', 'reliability', 'throughput', 'accepted', 'rejected', 'waiting', 'appeals', 'paused', 'active'] as const;

export const ZCockpitLabellersQuery = z.object({
  sort: z.enum(COCKPIT_LABELLER_SORTS, { message: `sort must be one of ${COCKPIT_LABELLER_SORTS.join(', ')}` }).default('name'),
  order: z.enum(['asc', 'desc'], { message: 'order must be asc or desc' }).default('asc'),
  page: z.coerce.number({ message: 'page must be a number' }).int().min(1).default(1),
  pageSize: z.coerce.number({ message: 'pageSize must be a number' }).int().min(1).max(100).default(25),
});

export const ZCockpitLabeller = ZLabellerSummary.extend({
  /** Labels given in the last hour (the throughput, labels per hour) and in the last 24 hours. */
  labelsLastHour: count(),
  labelsLastDay: count(),
  /** When the labeller last asked for or submitted a batch. */
  lastActiveAt: stamp(),
}).meta({ id: 'CockpitLabeller' });
export type TCockpitLabeller = z.infer<typeof ZCockpitLabeller>;

export const ZCockpitLabellerPage = z
  .object({ labellers: z.array(ZCockpitLabeller), total: count(), page: count(), pageSize: count() })
  .meta({ id: 'CockpitLabellerPage' });
export type TCockpitLabellerPage = z.infer<typeof ZCockpitLabellerPage>;

export const ZCockpitCost = z
  .object({
    generatedAt: z.iso.datetime(),
    accepted: count(),
    rejected: count(),
    controls: count(),
    labels: count(),
    settledItems: count(),
    expertDecisions: count(),
    expertMinutes: share(),
    labelsPerSettledItem: share(),
    rejectedShare: share(),
    controlShare: share(),
    expertMinutesPerDecision: share(),
    expertMinutesPerSettledItem: share(),
    /** Gaps between an expert's decisions longer than this count as breaks. */
    expertGapCapMinutes: z.number(),
  })
  .meta({ id: 'CockpitCost' });
export type TCockpitCost = z.infer<typeof ZCockpitCost>;

export const ZCockpitQualityQuery = z.object({
  days: z.coerce.number({ message: 'days must be a number' }).int().min(1).max(365).default(30),
});
