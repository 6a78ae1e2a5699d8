import type { NearDuplicateOptions } from '../datasets/near-duplicates';
import { pairKeyIndexAdd, pairKeyIndexCreate, pairKeyIndexHash, pairKeyIndexMatch, pairKeyIndexProposals, pairKeyIndexSetPair, type PairKeyHash, type PairKeyIndex } from './pair-key-index';

/**
 * The selection planner: walks pooled samples from the most uncertain down and chooses up to
 * `room` of them, skipping each that would spend a label on a question already asked —
 *  - duplicate_pair: its normalised pair key equals an existing item's or an earlier chosen
 *    candidate's;
 *  - near_duplicate: its shingle Jaccard with one of them reaches the project's
 *    nearDuplicateThreshold (the dataset checks' measure, so what selection lets through the
 *    merge does not quarantine as a near-duplicate of an earlier row).
 * Uncertainty sampling alone picks clusters of near-identical pairs, since the model is unsure
 * about all of them for one reason; one label answers the cluster (Settles 2009, §5.1, on
 * density and diversity in batch-mode active learning).
 *
 * Each pair has a key (equal keys: the same question — ingest stores a hash of the normalised
 * pair) and its normalised pair (core pairKey), from which similarity is measured. Existing items
 * may come with only their key and hash: before each page, selectionPlanTextsNeeded names the
 * few whose texts a comparison will need, and selectionPlanProvide brings them.
 *
 * Candidates must come in selection order — score descending, ties by sampleId ascending in
 * code-unit order (what `order by uncertainty desc, id` gives for UUIDs) — and may come in pages;
 * the plan stops taking candidates once the room is full, so the result does not depend on how
 * many were read past that point.
 */
export type SelectionCandidate = { sampleId: string; score: number; pairKey: string; pair: string };
export type SelectionSkipReason = 'duplicate_pair' | 'near_duplicate';
export type SelectionPick = { sampleId: string; score: number };
/** `of`: the existing item's ref, or the sampleId of the chosen candidate it duplicates. */
export type SelectionSkip = { sampleId: string; score: number; reason: SelectionSkipReason; of: { kind: 'item' | 'candidate'; ref: string }; similarity: number };
/** An existing item: its normalised pair, or the pair's hash (then the pair is brought on demand), or both. */
export type SelectionExisting = { ref: string; pairKey: string; pair?: string; hash?: PairKeyHash };
/** Hashes a normalised pair; `pairKey` lets a caller memoise by key. */
export type SelectionPairHasher = (pairKey: string, pair: string) => PairKeyHash;
export type SelectionPlanOptions = { room: number; nearDuplicateThreshold: number; symmetricPairs: boolean };

export type SelectionPlan = {
  readonly room: number;
  readonly chosen: SelectionPick[];
  readonly skipped: SelectionSkip[];
  /** Entry number → existing item ref (entries below existingCount) or chosen sampleId. */
  readonly refs: string[];
  readonly existingCount: number;
  /** Existing item ref → entry, for the texts brought later. */
  readonly entryOf: Map<string, number>;
  readonly index: PairKeyIndex;
  readonly hash: SelectionPairHasher;
  last: SelectionCandidate | null;
};

const before = (a: SelectionCandidate, b: SelectionCandidate): boolean => a.score > b.score || (a.score === b.score && a.sampleId < b.sampleId);

/**
 * A plan against the project's existing items (every status: a labelled pair is never asked
 * again). `hash` may pass a memoised pairKeyHasher for the same threshold and symmetry, so keys
 * seen in earlier runs are not hashed again.
 */
export function selectionPlanStart(existing: readonly SelectionExisting[], opts: SelectionPlanOptions, hash?: SelectionPairHasher): SelectionPlan {
  if (!Number.isInteger(opts.room) || opts.room < 0) {
    throw new RangeError(`room must be a whole number ≥ 0, got ${opts.room}`);
  }
  const nd: NearDuplicateOptions = { threshold: opts.nearDuplicateThreshold, symmetric: opts.symmetricPairs };
  const index = pairKeyIndexCreate(nd);
  const hashOf: SelectionPairHasher = hash ?? ((_key, pair) => pairKeyIndexHash(index, pair));
  const refs: string[] = [];
  const entryOf = new Map<string, number>();
  for (const e of existing) {
    let h = e.hash;
    if (!h) {
      if (e.pair === undefined) {
        throw new RangeError(`existing item ${e.ref} has neither its pair nor its hash`);
      }
      h = hashOf(e.pairKey, e.pair);
    }
    entryOf.set(e.ref, pairKeyIndexAdd(index, e.pairKey, h, e.pair));
    refs.push(e.ref);
  }
  return { room: opts.room, chosen: [], skipped: [], refs, existingCount: existing.length, entryOf, index, hash: hashOf, last: null };
}

/**
 * The refs of existing items, added without their pair, that offering these candidates may
 * compare with exactly: fetch their texts and selectionPlanProvide them before the offer.
 */
export function selectionPlanTextsNeeded(plan: SelectionPlan, candidates: readonly SelectionCandidate[]): string[] {
  const needed = new Set<string>();
  for (const c of candidates) {
    if (plan.index.exact.has(c.pairKey)) {
      continue;
    }
    for (const entry of pairKeyIndexProposals(plan.index, plan.hash(c.pairKey, c.pair))) {
      if (entry < plan.existingCount && plan.index.pairs[entry] === undefined) {
        needed.add(plan.refs[entry]!);
      }
    }
  }
  return [...needed];
}

/** Brings existing items' normalised pairs (ref → pair), as selectionPlanTextsNeeded asked. */
export function selectionPlanProvide(plan: SelectionPlan, pairs: ReadonlyMap<string, string>): void {
  for (const [ref, pair] of pairs) {
    const entry = plan.entryOf.get(ref);
    if (entry === undefined) {
      throw new RangeError(`no existing item ${ref} in this plan`);
    }
    pairKeyIndexSetPair(plan.index, entry, pair);
  }
}

export const selectionPlanFull = (plan: SelectionPlan): boolean => plan.chosen.length >= plan.room;

/** Offers the next candidates, in selection order; returns how many were taken (chosen or skipped). */
export function selectionPlanOffer(plan: SelectionPlan, candidates: readonly SelectionCandidate[]): number {
  let taken = 0;
  for (const c of candidates) {
    if (selectionPlanFull(plan)) {
      break;
    }
    if (!Number.isFinite(c.score)) {
      throw new RangeError(`score of sample ${c.sampleId} is not a finite number: ${c.score}`);
    }
    if (plan.last && !before(plan.last, c)) {
      throw new RangeError(`candidates out of selection order: ${c.sampleId} (${c.score}) after ${plan.last.sampleId} (${plan.last.score})`);
    }
    plan.last = c;
    taken++;
    const hash = plan.hash(c.pairKey, c.pair);
    const match = pairKeyIndexMatch(plan.index, c.pairKey, c.pair, hash);
    if (match) {
      const isItem = match.entry < plan.existingCount;
      plan.skipped.push({
        sampleId: c.sampleId,
        score: c.score,
        reason: match.exact ? 'duplicate_pair' : 'near_duplicate',
        of: { kind: isItem ? 'item' : 'candidate', ref: plan.refs[match.entry]! },
        similarity: match.similarity,
      });
      continue;
    }
    pairKeyIndexAdd(plan.index, c.pairKey, hash, c.pair);
    plan.refs.push(c.sampleId);
    plan.chosen.push({ sampleId: c.sampleId, score: c.score });
  }
  return taken;
}

/** One-shot: sorts the candidates into selection order and plans over them. */
export function selectionPlan(candidates: readonly SelectionCandidate[], existing: readonly SelectionExisting[], opts: SelectionPlanOptions): { chosen: SelectionPick[]; skipped: SelectionSkip[] } {
  const sorted = [...candidates].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  const plan = selectionPlanStart(existing, opts);
  selectionPlanOffer(plan, sorted);
  return { chosen: plan.chosen, skipped: plan.skipped };
}
