import type { TBatchOutcome, TLabellerBatch } from '@quorum/contracts';
import { crowdAnswer, type CrowdMember } from './crowd';
import { errorCode, sleep, type Session } from './http';
import { pairKey, type SimItem } from './items';

/** One answer the simulator gave, kept to score accuracy once the batch's outcome is known. */
export type GivenAnswer = { externalId: string; gold: boolean; label: string; truth: string };

export type LabellerRecord = {
  member: CrowdMember;
  session: Session;
  /** Batches this labeller submitted, in order, with the answers in each. */
  submitted: { batchId: string; answers: GivenAnswer[] }[];
  /** Batches submitted before the server first answered `paused`; null while never paused. */
  pausedAfter: number | null;
  outcomes: TBatchOutcome[];
};

/** What a labeller asks of the run it is part of. */
export type RunControl = {
  seed: number;
  projectId: string;
  labels: readonly string[];
  timeScale: number;
  itemsByPair: Map<string, SimItem>;
  /** The hard stop (max-minutes) has passed. */
  stopped: () => boolean;
  /** No open batch anywhere and nothing being scored: only a rejection could bring work back. */
  idle: () => boolean;
};

/** How long a labeller without work waits before asking again. */
const POLL_MS = 300;

const codePoints = (s: string): number => [...s].length;

/**
 * A labeller's working loop: ask for a batch, answer each pair after a simulated reading delay,
 * submit, repeat. It stops when paused, at the hard stop, or after being told "no work" twice
 * in a row while the pipeline is idle (twice, because a batch rejected between the request and
 * the idle check reopens slots, and the second request would see them).
 */
export async function labellerWork(rec: LabellerRecord, run: RunControl): Promise<void> {
  let emptyWhileIdle = 0;
  while (!run.stopped()) {
    let batch: TLabellerBatch | null;
    try {
      batch = (await rec.session.post<{ batch: TLabellerBatch | null }>(`/projects/${run.projectId}/batches`)).batch;
    } catch (err) {
      if (errorCode(err) === 'paused') {
        rec.pausedAfter = rec.submitted.length;
        return;
      }
      throw err;
    }
    if (!batch) {
      emptyWhileIdle = run.idle() ? emptyWhileIdle + 1 : 0;
      if (emptyWhileIdle >= 2) return;
      await sleep(POLL_MS);
      continue;
    }
    emptyWhileIdle = 0;
    const answers = await labelBatch(rec, run, batch);
    if (!answers) continue;
    rec.submitted.push({ batchId: batch.id, answers });
  }
}

/** Answers and submits one batch; null when the lease ran out or the run stopped first. */
async function labelBatch(rec: LabellerRecord, run: RunControl, batch: TLabellerBatch): Promise<GivenAnswer[] | null> {
  const answers: GivenAnswer[] = [];
  for (const a of [...batch.assignments].sort((x, y) => x.position - y.position)) {
    const item = run.itemsByPair.get(pairKey(a.textA, a.textB));
    // The project is the simulator's own and has no experts, so every pair is one it ingested.
    if (!item) throw new Error(`an assignment's pair is not one the simulator ingested: "${a.textA.slice(0, 40)}"`);
    const facts = { externalId: item.externalId, chars: codePoints(a.textA) + codePoints(a.textB), truth: item.truth, gold: item.gold };
    const { label, seconds } = crowdAnswer(run.seed, rec.member, facts, rec.submitted.length, run.labels, run.timeScale);
    if (a.label === null) {
      await sleep(seconds * 1000);
      if (run.stopped()) return null;
      try {
        await rec.session.put(`/assignments/${a.id}/label`, { label });
      } catch (err) {
        if (errorCode(err) === 'lease_expired') return null;
        throw err;
      }
    }
    answers.push({ externalId: item.externalId, gold: item.gold, label: a.label ?? label, truth: item.truth });
  }
  try {
    await rec.session.post(`/batches/${batch.id}/submit`);
  } catch (err) {
    if (errorCode(err) === 'lease_expired') return null;
    throw err;
  }
  return answers;
}

/** The labeller's batches in this project as the server reports them (GET /me/batches). */
export async function labellerOutcomes(rec: LabellerRecord, projectId: string): Promise<TBatchOutcome[]> {
  const { batches } = await rec.session.get<{ batches: TBatchOutcome[] }>('/me/batches');
  return batches.filter((b) => b.projectId === projectId);
}
