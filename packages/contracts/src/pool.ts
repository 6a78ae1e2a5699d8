import { z } from 'zod';

/** core's SELECTION_STRATEGIES (contracts do not depend on core). */
export const ZSelectionStrategy = z.enum(['least_confidence', 'margin', 'entropy', 'variance', 'bald'], {
  message: 'selectionStrategy must be one of least_confidence, margin, entropy, variance, bald',
});
export type TSelectionStrategy = z.infer<typeof ZSelectionStrategy>;

/** One item as selection chose it: the strategy in force then and the sample's score under it. */
export const ZPoolSelection = z
  .object({
    itemId: z.uuid(),
    externalId: z.string(),
    strategy: z.string(),
    score: z.number(),
    selectedAt: z.iso.datetime(),
  })
  .meta({ id: 'PoolSelection' });
export type TPoolSelection = z.infer<typeof ZPoolSelection>;

/** One bin of the pool's uncertainty histogram: [from, to), the last bin closed at 1. */
export const ZPoolBin = z.object({ from: z.number(), to: z.number(), count: z.number().int() }).meta({ id: 'PoolBin' });

/** What the engineer sees of the sample pool and of what selection took from it. */
export const ZPoolView = z
  .object({
    strategy: ZSelectionStrategy,
    /** Samples waiting in the pool. */
    pooled: z.number().int(),
    /** Items selected from the pool (gold items apart). */
    selected: z.number().int(),
    /** Items open for labelling now, the budget they are topped up to, and the per-run cap. */
    open: z.number().int(),
    openItemBudget: z.number().int(),
    selectPerRun: z.number().int(),
    /** Samples that left the pool without becoming an item, by reason. */
    skipped: z.object({ duplicate_pair: z.number().int(), near_duplicate: z.number().int() }),
    /** The pooled samples' uncertainty under the strategy, in 20 bins over [0, 1]. */
    histogram: z.array(ZPoolBin),
    /** Items selected by uncertainty, newest first, paginated. */
    recent: z.array(ZPoolSelection),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'PoolView' });
export type TPoolView = z.infer<typeof ZPoolView>;

export const ZPoolQuery = z.object({
  page: z.coerce.number().int('page must be a whole number').min(1, 'page must be at least 1').max(100_000, 'page must be at most 100000').default(1),
  pageSize: z.coerce.number().int('pageSize must be a whole number').min(1, 'pageSize must be at least 1').max(200, 'pageSize must be at most 200').default(20),
});
