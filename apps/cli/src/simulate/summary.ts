import type { CrowdType } from './crowd';
import type { LabellerRecord } from './labeller';
import type { SimItem } from './items';

export type TypeSummary = {
  labellers: number;
  batches: { accepted: number; rejected: number; waiting: number };
  paused: number;
  median_batches_to_pause: number | null;
};

export type SimSummary = {
  seed: number;
  types: Partial<Record<CrowdType, TypeSummary>>;
  accuracy: { settled: number | null; all_labels_counted: number | null };
  labels_per_settled_item: number | null;
  project: string;
  items: { ingested: number; gold: number; settled: number; escalated: number; labelling: number };
  stopped: 'done' | 'max-minutes';
  seconds: number;
  rate_limited: number;
  errors: string[];
};

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const share = (hits: number, total: number): number | null => (total === 0 ? null : Math.round((hits / total) * 10_000) / 10_000);

/**
 * Batches per labeller count as the server reports them (GET /me/batches): 'submitted' means
 * the batch is still waiting for evidence. A labeller counts as paused if the server refused it
 * a batch with `paused`, or (`pausedLater`) if the pause came after it had stopped asking.
 */
export function summarise(args: {
  seed: number;
  types: readonly CrowdType[];
  records: readonly LabellerRecord[];
  pausedLater: ReadonlySet<string>;
  items: readonly SimItem[];
  finalLabels: ReadonlyMap<string, string>;
}): Pick<SimSummary, 'seed' | 'types' | 'accuracy' | 'labels_per_settled_item'> {
  const types: Partial<Record<CrowdType, TypeSummary>> = {};
  for (const t of args.types) {
    const recs = args.records.filter((r) => r.member.type === t);
    const count = (status: string) => recs.reduce((n, r) => n + r.outcomes.filter((b) => b.status === status).length, 0);
    const pauses = recs.flatMap((r) => (r.pausedAfter !== null ? [r.pausedAfter] : args.pausedLater.has(r.session.email) ? [r.submitted.length] : []));
    types[t] = {
      labellers: recs.length,
      batches: { accepted: count('accepted'), rejected: count('rejected'), waiting: count('submitted') },
      paused: pauses.length,
      median_batches_to_pause: median(pauses),
    };
  }
  // Labels that count: those in accepted batches, gold excluded (gold answers measure the labeller, they label nothing).
  let counted = 0;
  let countedRight = 0;
  for (const r of args.records) {
    const accepted = new Set(r.outcomes.filter((b) => b.status === 'accepted').map((b) => b.id));
    for (const s of r.submitted.filter((b) => accepted.has(b.batchId))) {
      for (const a of s.answers.filter((x) => !x.gold)) {
        counted += 1;
        if (a.label === a.truth) countedRight += 1;
      }
    }
  }
  const truth = new Map(args.items.map((i) => [i.externalId, i.truth]));
  let settled = 0;
  let settledRight = 0;
  for (const [externalId, label] of args.finalLabels) {
    if (!truth.has(externalId)) continue;
    settled += 1;
    if (truth.get(externalId) === label) settledRight += 1;
  }
  return {
    seed: args.seed,
    types,
    accuracy: { settled: share(settledRight, settled), all_labels_counted: share(countedRight, counted) },
    labels_per_settled_item: settled === 0 ? null : Math.round((counted / settled) * 100) / 100,
  };
}
