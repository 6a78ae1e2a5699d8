import { rngFromSeed, rngShuffle, type Rng } from '@quorum/core';

/**
 * The synthetic crowd: who answers what, and how long they take. Each answer and each delay is
 * drawn from an rng seeded by (seed, labeller, item), not from one shared stream, so a
 * labeller's answer to a pair does not depend on the order the server happened to hand out work.
 */

export const CROWD_TYPES = ['honest', 'weak', 'random-fast', 'random-human', 'constant', 'gold-only-good', 'drifting'] as const;
export type CrowdType = (typeof CROWD_TYPES)[number];

/** Parses `honest=0.7,random-fast=0.3`; shares are normalised to sum to 1. */
export function crowdParseMix(text: string): Map<CrowdType, number> {
  const mix = new Map<CrowdType, number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (!CROWD_TYPES.includes(name as CrowdType)) throw new Error(`--mix: unknown type '${name}' (types: ${CROWD_TYPES.join(', ')})`);
    const share = Number(value);
    if (!Number.isFinite(share) || share < 0) throw new Error(`--mix: ${name} needs a share ≥ 0, got '${value ?? ''}'`);
    mix.set(name as CrowdType, (mix.get(name as CrowdType) ?? 0) + share);
  }
  const total = [...mix.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('--mix: the shares add up to 0');
  for (const [k, v] of mix) mix.set(k, v / total);
  return mix;
}

/**
 * Splits n labellers by share with the largest-remainder method (Hamilton), so the counts add
 * up to n exactly and no type is rounded away while another is rounded up past its share.
 */
export function crowdCounts(mix: Map<CrowdType, number>, n: number): Map<CrowdType, number> {
  const entries = [...mix.entries()].map(([type, share]) => ({ type, exact: share * n, count: Math.floor(share * n) }));
  let left = n - entries.reduce((a, e) => a + e.count, 0);
  for (const e of [...entries].sort((a, b) => b.exact - b.count - (a.exact - a.count))) {
    if (left-- <= 0) break;
    e.count += 1;
  }
  return new Map(entries.map((e) => [e.type, e.count]));
}

export type CrowdMember = {
  index: number;
  type: CrowdType;
  /** Chance of answering correctly when the member tries (honest, weak, drifting, gold on gold-only-good). */
  accuracy: number;
  /** The one answer a constant clicker gives. */
  constantLabel: string;
};

/** The crowd in a seeded random order of types (so labeller 1 is not always honest). */
export function crowdMembers(seed: number, mix: Map<CrowdType, number>, n: number, labels: readonly string[]): CrowdMember[] {
  const types = [...crowdCounts(mix, n)].flatMap(([type, count]) => Array.from({ length: count }, () => type));
  return rngShuffle(rngFromSeed(`${seed}:types`), types).map((type, i) => {
    const rng = rngFromSeed(`${seed}:member:${i + 1}`);
    const [lo, hi] = type === 'weak' ? [0.55, 0.7] : [0.7, 0.97];
    return { index: i + 1, type, accuracy: lo + rng() * (hi - lo), constantLabel: labels[Math.floor(rng() * labels.length)]! };
  });
}

/** What the member knows about a pair: the simulator's own hidden truth and whether it ingested it as gold. */
export type PairFacts = { externalId: string; chars: number; truth: string; gold: boolean };

/** Members of these types pass their first batches honestly before turning random. */
export const DRIFT_AFTER_BATCHES = 3;

/** A draw from a log-normal with the given median and log-space σ (Box–Muller). */
function lognormal(rng: Rng, median: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return median * Math.exp(sigma * z);
}

/**
 * A careful reader's seconds for a pair: a fixed 1.5 s to look and press a key plus ~20
 * characters per second (silent reading at ~238 wpm, Brysbaert 2019), log-normal with σ 0.35.
 * Kept apart from the server's estimate on purpose: these are the crowd's habits, not the model.
 */
const humanSeconds = (rng: Rng, chars: number, scale: number): number => lognormal(rng, (1.5 + chars / 20) * scale, 0.35);

function answerWith(rng: Rng, accuracy: number, truth: string, labels: readonly string[]): string {
  if (rng() < accuracy) return truth;
  const others = labels.filter((l) => l !== truth);
  return others[Math.floor(rng() * others.length)] ?? truth;
}

const uniform = (rng: Rng, labels: readonly string[]): string => labels[Math.floor(rng() * labels.length)]!;

/**
 * The member's answer to a pair and the seconds it spends before answering (the platform
 * measures the gap between answers on the server, so the delay comes before each answer).
 * `batchesDone` is how many batches the member has submitted so far (for drifting).
 */
export function crowdAnswer(seed: number, m: CrowdMember, pair: PairFacts, batchesDone: number, labels: readonly string[], scale: number): { label: string; seconds: number } {
  const rng = rngFromSeed(`${seed}:answer:${m.index}:${pair.externalId}`);
  const human = humanSeconds(rng, pair.chars, scale);
  switch (m.type) {
    case 'honest':
    case 'weak':
      return { label: answerWith(rng, m.accuracy, pair.truth, labels), seconds: human };
    case 'random-fast':
      return { label: uniform(rng, labels), seconds: (0.3 + rng() * 0.3) * scale };
    case 'random-human':
      return { label: uniform(rng, labels), seconds: human };
    case 'constant':
      return { label: m.constantLabel, seconds: human };
    case 'gold-only-good':
      // It cannot see which items are gold (nothing in the API says); the simulator lends it
      // its own knowledge of the pairs it ingested as gold: the strongest such cheater possible.
      return { label: pair.gold ? pair.truth : uniform(rng, labels), seconds: human };
    case 'drifting':
      return { label: batchesDone < DRIFT_AFTER_BATCHES ? answerWith(rng, m.accuracy, pair.truth, labels) : uniform(rng, labels), seconds: human };
  }
}
