import { randomUUID } from 'node:crypto';
import { item, project, sample, type Db } from '@quorum/db';
import { samplePairKeyOf } from '../../src/ingest/copy-row';
import { crowdWorld } from '../support/crowd-fixtures';

export { crowdWorld };

export async function poolProject(db: Db, settings: Partial<typeof project.$inferInsert> = {}): Promise<string> {
  const [p] = await db.insert(project).values({ name: `pool-${randomUUID().slice(0, 6)}`, labels: ['match', 'no_match'], overlap: 3, ...settings }).returning();
  return p!.id;
}

/** Distinct questions: no two share enough 5-character shingles to be near-duplicates. */
const NEEDS = ['look after my cat', 'fix a leaking tap', 'tutor maths for GCSE', 'move a sofa upstairs', 'mow an overgrown lawn', 'photograph a wedding', 'rewire a kitchen', 'clean a studio flat', 'walk two spaniels', 'paint a bedroom', 'build a website', 'translate a contract', 'service a bicycle', 'bake a birthday cake', 'prune apple trees', 'tile a bathroom floor', 'repair a laptop screen', 'teach guitar chords', 'assemble flat-pack wardrobes', 'cater a small party'];
const TOWNS = ['Leeds', 'Bristol', 'York', 'Bath', 'Derby', 'Exeter', 'Norwich', 'Oxford', 'Chester', 'Brighton', 'Durham', 'Lincoln'];
const WHEN = ['on Monday', 'this weekend', 'next month', 'in the evenings', 'before Easter', 'every Friday', 'as soon as possible', 'in early June'];

/** The n-th distinct pair (n < 1920). */
export function distinctPair(n: number): { textA: string; textB: string } {
  const need = NEEDS[n % NEEDS.length]!;
  const town = TOWNS[Math.floor(n / NEEDS.length) % TOWNS.length]!;
  const when = WHEN[Math.floor(n / (NEEDS.length * TOWNS.length)) % WHEN.length]!;
  return { textA: `Someone to ${need} in ${town} ${when}`, textB: `I can ${need} around ${town}` };
}

export type PoolSampleSpec = {
  externalId: string;
  textA: string;
  textB: string;
  uncertainty: number;
  probs?: Record<string, number>;
  predictions?: Record<string, number>[] | null;
  /** false: stored without a pair key, as rows from before pair keys were. */
  keyed?: boolean;
};

export async function poolSamples(db: Db, projectId: string, specs: PoolSampleSpec[], opts: { symmetric?: boolean } = {}): Promise<string[]> {
  if (specs.length === 0) return [];
  const rows = await db
    .insert(sample)
    .values(
      specs.map((s) => {
        const probs = s.probs ?? { match: 0.5, no_match: 0.5 };
        return {
          projectId,
          externalId: s.externalId,
          textA: s.textA,
          textB: s.textB,
          modelProbs: probs,
          predictions: s.predictions ?? null,
          modelLabel: 'match',
          modelConfidence: Math.max(...Object.values(probs)),
          uncertainty: s.uncertainty,
          pairKey: s.keyed === false ? null : samplePairKeyOf(s.textA, s.textB, { symmetric: opts.symmetric ?? false }),
        };
      }),
    )
    .returning({ id: sample.id });
  return rows.map((r) => r.id);
}

/** An item already in the project (any status), made from its own sample. */
export async function existingItem(db: Db, projectId: string, spec: { externalId: string; textA: string; textB: string; status: 'labelling' | 'escalated' | 'settled' | 'excluded' | 'gold' }, opts: { symmetric?: boolean } = {}): Promise<string> {
  const [sampleId] = await poolSamples(db, projectId, [{ ...spec, uncertainty: 0.5 }], opts);
  const gold = spec.status === 'gold';
  const [it] = await db.insert(item).values({ projectId, sampleId: sampleId!, status: spec.status, overlap: gold ? null : 3 }).returning();
  return it!.id;
}
