import type { Label } from '../words';

/**
 * The plain figures of a batch and the reasons shown to its labeller. Reasons give counts and
 * times only: naming the missed items or the gold answers would teach a labeller which items are
 * controls.
 */
/** The part of an ItemEvidence the figures read (declared here so the two files do not import each other). */
type FigureItem = { label: Label; seconds: number; expectedSeconds: number; gold: Label | null; peers: Record<Label, number> | null };

export type BatchFigures = {
  items: number;
  goldTotal: number;
  goldCorrect: number;
  /** non-gold items that had peer labels */
  peerItems: number;
  /** share of those items where the answer is the peers' most probable label (a tie counts as agreeing); peerAgreement × peerItems is the peerAgree count for reliabilityEstimate */
  peerAgreement: number | null;
  medianSeconds: number;
  medianExpectedSeconds: number;
  /** share answered in < 30 % of expected time */
  fastShare: number;
  /** longest run of the same answer in a row */
  longestRun: number;
  /** share of consecutive answers that differ from the one before */
  alternationShare: number;
  answerShares: Record<Label, number>;
};

/** Evidence strengths in nats (log-likelihood ratios), used to pick and order the reasons. */
export type ReasonStrengths = { gold: number; peers: number; time: number; constant: number; alternate: number };

/** A reason is given only when its evidence alone moves the odds by at least e (1 nat). */
const REASON_MIN_NATS = 1;
const FAST_SHARE_OF_EXPECTED = 0.3;

function figuresMedian(xs: readonly number[]): number {
  const sorted = xs.slice().sort((p, q) => p - q);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

const peerTop = (peers: Record<Label, number>, label: Label): boolean => {
  const mine = Object.hasOwn(peers, label) ? (peers[label] ?? 0) : 0;
  return Object.values(peers).every((p) => p <= mine + 1e-12);
};

export function batchEvidenceFigures(items: readonly FigureItem[], labels: readonly Label[]): BatchFigures {
  const gold = items.filter((it) => it.gold !== null);
  const withPeers = items.filter((it) => it.gold === null && it.peers !== null);
  const agreed = withPeers.filter((it) => it.peers !== null && peerTop(it.peers, it.label)).length;
  let longestRun = 0;
  let run = 0;
  let changes = 0;
  items.forEach((it, i) => {
    const prev = items[i - 1];
    run = prev !== undefined && prev.label === it.label ? run + 1 : 1;
    if (prev !== undefined && prev.label !== it.label) changes++;
    longestRun = Math.max(longestRun, run);
  });
  const counts = new Map<Label, number>(labels.map((l) => [l, 0]));
  for (const it of items) counts.set(it.label, (counts.get(it.label) ?? 0) + 1);
  return {
    items: items.length,
    goldTotal: gold.length,
    goldCorrect: gold.filter((it) => it.label === it.gold).length,
    peerItems: withPeers.length,
    peerAgreement: withPeers.length > 0 ? agreed / withPeers.length : null,
    medianSeconds: figuresMedian(items.map((it) => it.seconds)),
    medianExpectedSeconds: figuresMedian(items.map((it) => it.expectedSeconds)),
    fastShare: items.filter((it) => it.seconds < FAST_SHARE_OF_EXPECTED * it.expectedSeconds).length / items.length,
    longestRun,
    alternationShare: items.length > 1 ? changes / (items.length - 1) : 0,
    answerShares: Object.fromEntries([...counts].map(([l, c]) => [l, c / items.length])),
  };
}

/** The labeller's median, rounded down (never flattering): 0.04, 0.4, 4.0, 40. */
function figuresSeconds(s: number): string {
  if (s < 0.1) return (Math.floor(s * 100 + 1e-9) / 100).toFixed(2);
  return s < 10 ? (Math.floor(s * 10 + 1e-9) / 10).toFixed(1) : String(Math.floor(s));
}
const pairs = (n: number): string => (n === 1 ? 'pair' : 'pairs');

export function batchEvidenceReasons(f: BatchFigures, s: ReasonStrengths, posteriorSpam = 0): string[] {
  const out: { nats: number; text: string }[] = [];
  const wrong = f.goldTotal - f.goldCorrect;
  if (s.gold >= REASON_MIN_NATS && wrong > 0) {
    out.push({ nats: s.gold, text: `${wrong} of ${f.goldTotal} control ${f.goldTotal === 1 ? 'answer' : 'answers'} wrong` });
  }
  if (s.time >= REASON_MIN_NATS && f.fastShare > 0) {
    const e = f.medianExpectedSeconds;
    const about = e < 2 ? (Math.round(e * 10) / 10).toFixed(1) : String(Math.round(e));
    const text = `median ${figuresSeconds(f.medianSeconds)} s per pair, reading takes about ${about} s`;
    out.push({ nats: s.time, text });
  }
  if (s.peers >= REASON_MIN_NATS && f.peerItems > 0 && f.peerAgreement !== null) {
    const agreed = Math.round(f.peerAgreement * f.peerItems);
    out.push({ nats: s.peers, text: `agreed with other labellers on ${agreed} of ${f.peerItems} ${pairs(f.peerItems)}` });
  }
  if (s.constant >= REASON_MIN_NATS && f.items >= 3) {
    const top = Math.round(Math.max(...Object.values(f.answerShares)) * f.items);
    const text = top === f.items ? `the same answer for all ${f.items} pairs` : `the same answer for ${top} of ${f.items} pairs`;
    out.push({ nats: s.constant, text });
  }
  if (s.alternate >= REASON_MIN_NATS && f.items >= 4 && f.alternationShare === 1) {
    out.push({ nats: s.alternate, text: 'answers strictly alternated' });
  }
  out.sort((p, q) => q.nats - p.nats);
  const reasons = out.map((r) => r.text);
  if (reasons.length === 0 && posteriorSpam >= 0.5) {
    // Rejected on the labeller's recent history (labellerSpamPrior) more than on this batch alone.
    reasons.push('your recent batches, taken together, look like answers given without reading');
  }
  return reasons;
}
