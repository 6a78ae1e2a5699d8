import { eq } from 'drizzle-orm';
import type { TUser } from '@quorum/contracts';
import { rngFromSeed } from '@quorum/core';
import { project, projectMember } from '@quorum/db';
import {
  createProject,
  createUser,
  DEMO_PASSWORD,
  findUserByEmail,
  ingestRecords,
  mergeDataset,
  recordLabel,
  requestBatch,
  submitBatch,
  type ServiceContext,
} from '@quorum/services';
import { demoPairs } from './pairs';

export const DEMO_PROJECT_NAME = 'request ↔ offer matching';
export const DEMO_USERS = [
  ...Array.from({ length: 8 }, (_, i) => ({ email: `labeller${i + 1}@demo.quorum`, displayName: `Labeller ${i + 1}`, role: 'labeller' as const })),
  { email: 'expert1@demo.quorum', displayName: 'Expert 1', role: 'expert' as const },
  { email: 'expert2@demo.quorum', displayName: 'Expert 2', role: 'expert' as const },
  { email: 'engineer@demo.quorum', displayName: 'Engineer', role: 'engineer' as const },
];
const GOLD_COUNT = 30;
const SAMPLE_COUNT = 300;

/** A clock the seed moves by hand, so label times look like real reading times. */
export type DemoClock = { now: () => Date; advance: (seconds: number) => void };

/**
 * Creates the demo project and plays some history through the same services the API and the
 * worker use: honest labellers label batches, one random clicker's batch is rejected, a few
 * items escalate to expert review, and a dataset version waits for approval.
 * Idempotent: does nothing when the demo project exists.
 */
export async function seedDemo(ctx: ServiceContext, clock: DemoClock, log: (msg: string) => void): Promise<'created' | 'present'> {
  const [existing] = await ctx.db.select().from(project).where(eq(project.name, DEMO_PROJECT_NAME));
  if (existing) return 'present';
  const users: Record<string, TUser> = {};
  for (const u of DEMO_USERS) users[u.email] = (await findUserByEmail(ctx.db, u.email)) ?? (await createUser(ctx.db, { ...u, password: DEMO_PASSWORD }));
  const engineer = users['engineer@demo.quorum']!;
  const p = await createProject(ctx, engineer, { name: DEMO_PROJECT_NAME, labels: ['match', 'no_match'], overlap: 5, batchSize: 10, goldRatio: 0.1 });
  await ctx.db.insert(projectMember).values(DEMO_USERS.filter((u) => u.role !== 'engineer').map((u) => ({ projectId: p.id, userId: users[u.email]!.id })));

  const pairs = demoPairs(SAMPLE_COUNT + GOLD_COUNT);
  const truth = new Map(pairs.map((x) => [`${x.textA}|${x.textB}`, x.truth]));
  const records = pairs.map((x, i) => ({ external_id: x.externalId, text_a: x.textA, text_b: x.textB, prediction: x.modelProbs, model_version: 'matcher-2026.11', ...(i < GOLD_COUNT ? { gold_label: x.truth } : {}) }));
  const ingested = await ingestRecords(ctx, engineer, p.id, records);
  log(`ingested ${ingested.inserted} samples (${ingested.gold} gold)`);

  const rng = rngFromSeed('quorum-demo-history');
  const labelBatch = async (who: TUser, answer: (t: 'match' | 'no_match') => string, seconds: () => number) => {
    const batch = await requestBatch(ctx, who, p.id);
    if (!batch) return false;
    for (const a of batch.assignments) {
      clock.advance(seconds());
      await recordLabel(ctx, who, a.id, { label: answer(truth.get(`${a.textA}|${a.textB}`) ?? 'no_match') });
    }
    clock.advance(2);
    await submitBatch(ctx, who, batch.id);
    return true;
  };
  const honest = (accuracy: number) => (t: 'match' | 'no_match') => (rng() < accuracy ? t : t === 'match' ? 'no_match' : 'match');
  // Four rounds of seven honest labellers; reading a pair takes them 3–9 s.
  for (let round = 0; round < 4; round++) {
    for (let n = 1; n <= 7; n++) {
      await labelBatch(users[`labeller${n}@demo.quorum`]!, honest(0.8 + n * 0.02), () => 3 + rng() * 6);
      clock.advance(30);
    }
  }
  // labeller8 clicks at random without reading: the batch is rejected and its slots reopen.
  await labelBatch(users['labeller8@demo.quorum']!, () => (rng() < 0.5 ? 'match' : 'no_match'), () => 0.3 + rng() * 0.2);
  const version = await mergeDataset(ctx, p.id);
  log(`dataset version ${version?.number ?? '-'} with ${version?.rowCount ?? 0} rows awaits approval`);
  return 'created';
}
