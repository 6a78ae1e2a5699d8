import { rngFromSeed, rngInt, type Rng } from '@quorum/core';

/**
 * Synthetic text pairs with a hidden ground truth: a request for help and an offer of a service,
 * which match when the offer serves the request. Lengths vary (a terse line to a rambling post)
 * because the platform's reading-time model, and so the simulated readers, depend on length.
 */

export type SimItem = { externalId: string; textA: string; textB: string; truth: string; gold: boolean };

export const MATCH_SHARE = 0.35;

const SERVICES: { need: string[]; offer: string[] }[] = [
  { need: ['someone to look after my cat while I am away', 'a pet sitter for two dogs next week'], offer: ['I can provide pet sitting and dog walking', 'experienced animal carer, visits twice a day'] },
  { need: ['a plumber to fix a leaking kitchen tap', 'help with a blocked shower drain'], offer: ['licensed plumber, leaks and drains fixed the same day', 'I repair taps, pipes and boilers'] },
  { need: ['a maths tutor for my daughter (GCSE level)', 'someone to help me practise Spanish conversation'], offer: ['qualified teacher offering private lessons', 'tutoring in maths, physics and languages'] },
  { need: ['two people to help move a sofa and a fridge', 'a van and a driver to move flat on Saturday'], offer: ['man with a van, removals and deliveries', 'moving help: strong hands and a big van'] },
  { need: ['someone to mow the lawn and trim the hedges', 'help clearing an overgrown garden'], offer: ['gardener available: mowing, hedges, weeding', 'garden clearance and landscaping'] },
  { need: ['a photographer for a small wedding in June', 'portraits for my company website'], offer: ['professional photographer for events and portraits', 'I shoot weddings, parties and headshots'] },
  { need: ['an electrician to install three ceiling lights', 'someone to check why my fuse keeps tripping'], offer: ['certified electrician, wiring and fault finding', 'electrical installations and safety checks'] },
  { need: ['a cleaner for a three-bedroom house, weekly', 'end-of-tenancy cleaning for a studio flat'], offer: ['domestic cleaning, regular or one-off', 'deep cleaning service with our own products'] },
];

const FILLER = [
  'I am flexible on the dates.',
  'Please get in touch in the evening if possible.',
  'We live on the second floor and there is no lift, which I mention so there are no surprises on the day.',
  'Budget is reasonable and I can pay in cash or by transfer, whichever suits you better.',
  'References available on request.',
  'I have done this kind of work for more than ten years and my customers usually come back.',
  'Parking is available right in front of the building.',
  'It would be great if you could bring your own tools, since I do not have much at home.',
  'Happy to discuss the details over the phone first.',
  'Weekends are best for me but a weekday morning could work too.',
];

const TOWNS = ['Leeds', 'Bristol', 'York', 'Bath', 'Derby', 'Exeter', 'Norwich', 'Oxford', 'Chester', 'Brighton'];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rngInt(rng, xs.length)]!;

/** 0 to 6 filler sentences, skewed short: most posts are brief, a few ramble. */
function filler(rng: Rng): string {
  const n = Math.floor(rng() * rng() * 7);
  return Array.from({ length: n }, () => pick(rng, FILLER)).join(' ');
}

function pair(rng: Rng, n: number, match: boolean): { textA: string; textB: string } {
  const want = rngInt(rng, SERVICES.length);
  let offer = want;
  while (!match && offer === want) offer = rngInt(rng, SERVICES.length);
  const town = pick(rng, TOWNS);
  // The request number makes every pair unique: the simulator finds an assignment's item by its texts.
  const textA = `[#${n}] Looking for ${pick(rng, SERVICES[want]!.need)} in ${town}. ${filler(rng)}`.trim();
  const textB = `${pick(rng, SERVICES[offer]!.offer)}, around ${rng() < 0.8 ? town : pick(rng, TOWNS)}. ${filler(rng)}`.trim();
  return { textA, textB };
}

/**
 * `items` pairs to label plus round(items × goldRatio) gold pairs (ingested with their answer).
 * Everything follows from the seed, so two runs with one seed ingest the same data.
 */
export function simItems(seed: number, items: number, goldRatio: number, labels: readonly [string, string]): SimItem[] {
  const rng = rngFromSeed(`${seed}:items`);
  const golds = Math.round(items * goldRatio);
  return Array.from({ length: items + golds }, (_, i) => {
    const gold = i >= items;
    const match = rng() < MATCH_SHARE;
    const externalId = gold ? `sim-${seed}-gold-${i - items + 1}` : `sim-${seed}-${i + 1}`;
    return { externalId, ...pair(rng, i + 1, match), truth: match ? labels[0] : labels[1], gold };
  });
}

/** NDJSON ingest records. Model probabilities sit near 0.5 so uncertainty sampling selects every item. */
export function ingestRecords(items: readonly SimItem[], labels: readonly [string, string], seed: number): string[] {
  const rng = rngFromSeed(`${seed}:model`);
  return items.map((it) => {
    const p = Math.round((0.45 + rng() * 0.1) * 1000) / 1000;
    const probs = { [labels[0]]: p, [labels[1]]: Math.round((1 - p) * 1000) / 1000 };
    return JSON.stringify({ external_id: it.externalId, text_a: it.textA, text_b: it.textB, prediction: probs, model_version: 'sim', ...(it.gold ? { gold_label: it.truth } : {}) });
  });
}

export const pairKey = (textA: string, textB: string): string => `${textA}\u0000${textB}`;
