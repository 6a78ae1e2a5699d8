import { rngFromSeed, type Rng } from '@quorum/core';

/**
 * Demo text pairs, written for Quorum: a request from someone who needs help and an offer from
 * someone who provides a service. Same service → match; a related but different service → a
 * hard no_match; an unrelated one → an easy no_match. The fake model is confident on easy pairs
 * and unsure on hard ones, so uncertainty sampling has something to choose from.
 */
type Service = { key: string; family: string; requests: string[]; offers: string[] };

const SERVICES: Service[] = [
  { key: 'cat-sitting', family: 'pets', requests: ['I want someone to look after my cat while I travel', 'Need a person to feed my two cats for a week', 'Looking for a cat sitter for the holidays'], offers: ['I can provide pet sitting, cats are my favourite', 'Experienced cat sitter, daily home visits', 'I look after pets in your home while you are away'] },
  { key: 'dog-walking', family: 'pets', requests: ['Who can walk my dog at lunchtime on weekdays?', 'Need a dog walker for a very energetic labrador', 'Looking for someone to take my puppy out twice a day'], offers: ['Daily dog walks in the park, small groups', 'I walk dogs of all sizes, mornings and afternoons', 'Professional dog walker with references'] },
  { key: 'plumbing', family: 'home-repair', requests: ['My kitchen sink is leaking, need help fast', 'Looking for a plumber to fix a dripping shower', 'The toilet keeps running, who can repair it?'], offers: ['Licensed plumber: leaks, drains, taps and toilets', 'I fix pipes and bathroom fittings, same-day visits', 'Emergency plumbing repairs around the clock'] },
  { key: 'electrician', family: 'home-repair', requests: ['Need someone to install new ceiling lights', 'Half of my sockets stopped working', 'Looking for an electrician to replace a fuse box'], offers: ['Certified electrician for wiring, sockets and lighting', 'I install lamps, switches and outdoor lights', 'Electrical repairs and safety checks'] },
  { key: 'math-tutoring', family: 'tutoring', requests: ['My son needs help with algebra before his exams', 'Looking for a maths tutor for high-school calculus', 'Need someone to explain statistics to a first-year student'], offers: ['Maths tutor: algebra, geometry and calculus', 'I teach mathematics to secondary-school pupils', 'Private lessons in statistics and probability'] },
  { key: 'english-tutoring', family: 'tutoring', requests: ['I want to improve my spoken English for work', 'Need an English teacher to prepare for IELTS', 'Looking for conversation practice in English'], offers: ['Native English speaker offering conversation lessons', 'IELTS and Cambridge exam preparation', 'Business English coaching online'] },
  { key: 'moving', family: 'moving', requests: ['Need two people to help me move flats on Saturday', 'Looking for a van and a driver to move a sofa', 'Who can help carry boxes up to the fourth floor?'], offers: ['Man with a van for small moves and deliveries', 'Moving help: loading, carrying and transport', 'I help with house moves, furniture and boxes'] },
  { key: 'cleaning', family: 'home-care', requests: ['Looking for a weekly cleaner for a two-bedroom flat', 'Need a deep clean before moving out', 'Who can clean my office every Friday evening?'], offers: ['Regular home cleaning, eco-friendly products', 'End-of-tenancy deep cleaning', 'Office and home cleaning, flexible hours'] },
  { key: 'babysitting', family: 'childcare', requests: ['Need a babysitter for Friday night, two kids', 'Looking for after-school care for my daughter', 'Who can watch my toddler for a few hours?'], offers: ['Experienced babysitter, first-aid trained', 'After-school childcare and homework help', 'Evening and weekend babysitting'] },
  { key: 'gardening', family: 'home-care', requests: ['My lawn needs mowing and the hedges trimming', 'Looking for help planting a vegetable garden', 'Need someone to tidy the garden before winter'], offers: ['Gardener: mowing, hedges and seasonal tidy-ups', 'I design and plant vegetable and flower beds', 'Garden maintenance, weekly or one-off'] },
  { key: 'computer-repair', family: 'tech', requests: ['My laptop will not turn on, can anyone fix it?', 'Need help removing a virus from my PC', 'Looking for someone to set up my home Wi-Fi'], offers: ['Computer repair and virus removal', 'I fix laptops and desktops, data recovery too', 'Home network and Wi-Fi installation'] },
  { key: 'photography', family: 'events', requests: ['Looking for a photographer for our wedding in June', 'Need professional photos for my small business', 'Who can take family portraits in the park?'], offers: ['Wedding and event photographer', 'Product and business photography', 'Portrait sessions outdoors or in the studio'] },
  { key: 'cooking', family: 'events', requests: ['Need a cook for a dinner party of ten', 'Looking for someone to prepare weekly healthy meals', 'Who can cater a birthday lunch?'], offers: ['Private chef for dinners and parties', 'Weekly meal preparation, vegetarian options', 'Catering for small events and birthdays'] },
  { key: 'bike-repair', family: 'tech', requests: ['My bicycle has a flat tyre and squeaky brakes', 'Need a bike service before a long ride', 'Looking for someone to fix my gears'], offers: ['Mobile bike mechanic: tyres, brakes and gears', 'Bicycle servicing and repairs', 'I tune and repair road and city bikes'] },
];

export type DemoPair = { externalId: string; textA: string; textB: string; truth: 'match' | 'no_match'; modelProbs: { match: number; no_match: number } };

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function modelProbs(rng: Rng, truth: 'match' | 'no_match', difficulty: 'easy' | 'hard'): { match: number; no_match: number } {
  // Easy pairs: confident and right. Hard pairs: near 0.5, sometimes on the wrong side.
  const confident = difficulty === 'easy' ? 0.8 + rng() * 0.19 : 0.35 + rng() * 0.35;
  const pMatch = round3(truth === 'match' ? confident : 1 - confident);
  return { match: pMatch, no_match: round3(1 - pMatch) };
}

export function demoPairs(count: number, seed = 'quorum-demo'): DemoPair[] {
  const rng = rngFromSeed(seed);
  const out: DemoPair[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const a = pick(rng, SERVICES);
    const kind = rng();
    const b = kind < 0.45 ? a : kind < 0.75 ? pick(rng, SERVICES.filter((s) => s.family === a.family && s.key !== a.key).concat(SERVICES.filter((s) => s.key !== a.key))) : pick(rng, SERVICES.filter((s) => s.family !== a.family));
    const textA = pick(rng, a.requests);
    const textB = pick(rng, b.offers);
    const key = `${textA}|${textB}`;
    if (seen.has(key)) {
      if (seen.size > 500) break;
      continue;
    }
    seen.add(key);
    const truth = a.key === b.key ? 'match' : 'no_match';
    const difficulty = truth === 'match' ? (rng() < 0.4 ? 'hard' : 'easy') : a.family === b.family ? 'hard' : rng() < 0.2 ? 'hard' : 'easy';
    out.push({ externalId: `demo-${String(out.length + 1).padStart(4, '0')}`, textA, textB, truth, modelProbs: modelProbs(rng, truth, difficulty) });
  }
  return out;
}
