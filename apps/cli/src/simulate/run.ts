import { randomBytes } from 'node:crypto';
import type { TLabellerSummary, TProject, TStageCounts, TUser } from '@quorum/contracts';
import { CROWD_TYPES, crowdMembers, crowdParseMix } from './crowd';
import { finalLabels, stageCounts } from './dataset';
import { Session, sleep } from './http';
import { ingestRecords, pairKey, simItems } from './items';
import { labellerOutcomes, labellerWork, type LabellerRecord } from './labeller';
import { summarise, type SimSummary } from './summary';

export type SimulateOptions = {
  url: string;
  email: string;
  password: string;
  seed: number;
  items: number;
  labellers: number;
  mix: string;
  goldRatio: number;
  batchSize: number;
  overlap: number;
  timeScale: number;
  maxMinutes: number;
  projectName?: string;
};

export type SimulateProgress = { phase: string; done: number; total: number; counts: TStageCounts | null; paused: number };

/** Stats unchanged this long with no open batch: what is still 'submitted' is waiting for peers that will not come. */
const QUIET_MS = 5_000;

/**
 * Runs a seeded synthetic crowd against a running platform through its HTTP API: creates a
 * project, labellers and items with a hidden truth, lets the crowd work concurrently in real
 * time, then reads back every batch outcome and the merged dataset and scores them.
 */
export async function simulate(o: SimulateOptions, onProgress: (p: SimulateProgress) => void = () => {}): Promise<SimSummary> {
  const mix = crowdParseMix(o.mix);
  if (!(o.items >= 1 && o.labellers >= 1 && o.timeScale > 0 && o.maxMinutes > 0)) throw new Error('--items, --labellers, --time-scale and --max-minutes must be positive');
  const started = Date.now();
  const counters = { rateLimited: 0 };
  const errors = new Set<string>();
  const progress = (phase: string, counts: TStageCounts | null = null, paused = 0) =>
    onProgress({ phase, done: counts ? counts.settled + counts.escalated : 0, total: o.items, counts, paused });

  progress('setting up');
  const engineer = await Session.login(o.url, o.email, o.password, counters);
  const { project } = await engineer.post<{ project: TProject }>('/projects', {
    name: o.projectName ?? `simulation seed ${o.seed} (${new Date().toISOString().slice(0, 16)})`,
    batchSize: o.batchSize,
    overlap: o.overlap,
    goldRatio: o.goldRatio,
    readingTimeScale: o.timeScale,
    openItemBudget: o.items,
    // Every item at once: the default per-run cap would select the rest one scheduled run at a time.
    selectPerRun: Math.min(o.items, 100_000),
  });
  const labels = [project.labels[0]!, project.labels[1]!] as const;
  const items = simItems(o.seed, o.items, o.goldRatio, labels);
  const members = crowdMembers(o.seed, mix, o.labellers, project.labels);
  const records = await createLabellers(engineer, project.id, o.seed, members, counters);

  progress('ingesting');
  const lines = ingestRecords(items, labels, o.seed);
  for (let i = 0; i < lines.length; i += 10_000) await engineer.postText(`/projects/${project.id}/samples`, lines.slice(i, i + 10_000).join('\n'), 'application/x-ndjson');
  await waitForSelection(engineer, project.id, o.items);

  // The hard stop bounds the crowd's work, not the setup (whose logins may wait out a rate limit).
  const deadline = Date.now() + o.maxMinutes * 60_000;
  // One poller for the whole crowd: progress, and the idle signal labellers stop on.
  let counts = await stageCounts(engineer, project.id);
  let lastChange = Date.now();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await sleep(500);
      const next = await stageCounts(engineer, project.id).catch(() => counts);
      if (JSON.stringify(next) !== JSON.stringify(counts)) lastChange = Date.now();
      counts = next;
      progress('labelling', counts, records.filter((r) => r.pausedAfter !== null).length);
    }
  })();
  const control = {
    seed: o.seed,
    projectId: project.id,
    labels: project.labels,
    timeScale: o.timeScale,
    itemsByPair: new Map(items.map((it) => [pairKey(it.textA, it.textB), it])),
    stopped: () => Date.now() > deadline,
    idle: () => counts.batches.open === 0 && (counts.batches.submitted === 0 || Date.now() - lastChange > QUIET_MS),
  };
  await Promise.all(
    records.map((r) => labellerWork(r, control).catch((err: unknown) => void errors.add(`labeller ${r.session.email}: ${err instanceof Error ? err.message : String(err)}`))),
  );
  polling = false;
  await poller;
  const stopped = Date.now() > deadline ? 'max-minutes' : 'done';

  // Batches still being scored or waiting for peers get a bounded time to be decided:
  // 30 s at the default time scale, proportionally more or less at others, never past the hard stop.
  progress('deciding last batches', counts);
  const waitUntil = Math.min(Date.now() + Math.min(Math.max(3000 * o.timeScale, 5), 600) * 1000, Math.max(deadline, Date.now() + 5000));
  await settle(engineer, project.id, waitUntil);

  progress('summarising', await stageCounts(engineer, project.id));
  for (const r of records) r.outcomes = await labellerOutcomes(r, project.id);
  for (const r of records) {
    if (r.outcomes.length < r.submitted.length) errors.add(`GET /me/batches lists ${r.outcomes.length} of ${r.submitted.length} batches of ${r.session.email} (it returns the latest 50 only)`);
  }
  const pausedLater = await pausedLabellers(engineer, project.id).catch((err: unknown) => {
    errors.add(`GET /projects/:id/labellers: ${err instanceof Error ? err.message : String(err)}`);
    return new Set<string>();
  });
  const final = await finalLabels(engineer, project.id, o.seed, 30_000);
  if (final.problem) errors.add(final.problem);
  const end = await stageCounts(engineer, project.id);
  const types = CROWD_TYPES.filter((t) => mix.has(t));
  return {
    ...summarise({ seed: o.seed, types, records, pausedLater, items, finalLabels: final.labels }),
    project: project.id,
    items: { ingested: o.items, gold: items.length - o.items, settled: end.settled, escalated: end.escalated, labelling: end.labelling },
    stopped,
    seconds: Math.round((Date.now() - started) / 1000),
    rate_limited: counters.rateLimited,
    errors: [...errors],
  };
}

/**
 * Creates the crowd's accounts as `sim-<seed>-<n>@sim.quorum`, or with a run id in the address
 * when an earlier run with this seed made them (pauses belong to the user, so reusing them
 * would start the crowd half paused), adds them to the project and logs each one in.
 */
async function createLabellers(engineer: Session, projectId: string, seed: number, members: ReturnType<typeof crowdMembers>, counters: { rateLimited: number }): Promise<LabellerRecord[]> {
  const { users } = await engineer.get<{ users: TUser[] }>('/users');
  const taken = new Set(users.map((u) => u.email));
  const plain = (n: number) => `sim-${seed}-${n}@sim.quorum`;
  const runId = Date.now().toString(36);
  const email = members.some((m) => taken.has(plain(m.index))) ? (n: number) => `sim-${seed}-${runId}-${n}@sim.quorum` : plain;
  // Not from the seed: a password is no part of the experiment, and must not be guessable from it.
  const password = randomBytes(18).toString('base64url');
  const records: LabellerRecord[] = [];
  // A few at a time: creating a user and logging in each cost a bcrypt hash on the server.
  for (let i = 0; i < members.length; i += 8) {
    const chunk = members.slice(i, i + 8);
    records.push(
      ...(await Promise.all(
        chunk.map(async (m) => {
          await engineer.post('/users', { email: email(m.index), displayName: `Sim ${m.type} ${m.index}`, role: 'labeller', password });
          await engineer.post(`/projects/${projectId}/members`, { email: email(m.index) });
          const session = await Session.login(engineer.baseUrl, email(m.index), password, counters);
          return { member: m, session, submitted: [], pausedAfter: null, outcomes: [] };
        }),
      )),
    );
  }
  return records;
}

/**
 * Ingest enqueues selection; if the worker has not picked it up after a while, ask again. Done
 * when the pool is empty: every item was selected, or skipped as a near-duplicate of another
 * (templated requests in one town can be), which the crowd then never sees.
 */
async function waitForSelection(engineer: Session, projectId: string, items: number): Promise<void> {
  const start = Date.now();
  let nudged = false;
  for (;;) {
    const pool = await engineer.get<{ pooled: number; selected: number }>(`/projects/${projectId}/pool?pageSize=1`);
    if (pool.selected >= items || (pool.pooled === 0 && pool.selected > 0)) return;
    if (Date.now() - start > 60_000) throw new Error('the worker did not select the ingested items within 60 s: is the worker running?');
    if (!nudged && Date.now() - start > 5_000) {
      nudged = true;
      await engineer.post(`/projects/${projectId}/select`);
    }
    await sleep(200);
  }
}

/**
 * Waits until nothing is being scored and the counts have stood still for a moment (accepted
 * batches queue aggregation jobs, which settle or escalate items just after), or until `until`.
 */
async function settle(engineer: Session, projectId: string, until: number): Promise<void> {
  let last = '';
  let since = Date.now();
  while (Date.now() < until) {
    const counts = await stageCounts(engineer, projectId);
    const key = JSON.stringify(counts);
    if (key !== last) [last, since] = [key, Date.now()];
    if (counts.batches.submitted === 0 && Date.now() - since >= 1500) return;
    await sleep(250);
  }
}

/** Emails of the project's labellers that are paused now (the engineer's view). */
async function pausedLabellers(engineer: Session, projectId: string): Promise<Set<string>> {
  const { labellers } = await engineer.get<{ labellers: TLabellerSummary[] }>(`/projects/${projectId}/labellers`);
  return new Set(labellers.filter((l) => l.pausedAt !== null).map((l) => l.email));
}
