/**
 * Reads the figures out of a batch's `evidence` record. The contract leaves its shape open (a
 * record), so every figure is optional here and a missing or odd one simply reads as null; the
 * names are those the scorer stores (model spam-likelihood-ratio-v1).
 */
export type EvidenceFigures = {
  model: string | null;
  decision: string | null;
  items: number | null;
  goldTotal: number | null;
  goldCorrect: number | null;
  peerItems: number | null;
  peerAgreement: number | null;
  medianSeconds: number | null;
  medianExpectedSeconds: number | null;
  fastShare: number | null;
  longestRun: number | null;
  alternationShare: number | null;
  answerShares: Record<string, number> | null;
  priorSpam: number | null;
  posteriorSpam: number | null;
  honestAccuracy: number | null;
  logLikelihoodRatio: number | null;
  /** Parts of the log-likelihood ratio (nats), in the scorer's order. */
  components: { name: string; value: number }[];
  itemsAwaitingPeers: number | null;
  waitedSeconds: number | null;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const numbers = (v: unknown): Record<string, number> | null => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const entries = Object.entries(v).filter((e): e is [string, number] => num(e[1]) !== null);
  return entries.length ? Object.fromEntries(entries) : null;
};

export function readEvidence(e: Readonly<Record<string, unknown>>): EvidenceFigures {
  return {
    model: str(e.model),
    decision: str(e.decision),
    items: num(e.items),
    goldTotal: num(e.goldTotal),
    goldCorrect: num(e.goldCorrect),
    peerItems: num(e.peerItems),
    peerAgreement: num(e.peerAgreement),
    medianSeconds: num(e.medianSeconds),
    medianExpectedSeconds: num(e.medianExpectedSeconds),
    fastShare: num(e.fastShare),
    longestRun: num(e.longestRun),
    alternationShare: num(e.alternationShare),
    answerShares: numbers(e.answerShares),
    priorSpam: num(e.priorSpam),
    posteriorSpam: num(e.posteriorSpam),
    honestAccuracy: num(e.honestAccuracy),
    logLikelihoodRatio: num(e.logLikelihoodRatio),
    components: Object.entries(numbers(e.components) ?? {}).map(([name, value]) => ({ name, value })),
    itemsAwaitingPeers: num(e.itemsAwaitingPeers),
    waitedSeconds: num(e.waitedSeconds),
  };
}

/** "0.04 s", "0.4 s", "12 s", "3 min". */
export function seconds(s: number): string {
  if (s < 1) return `${s.toFixed(2)} s`;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${Math.round(s / 60)} min`;
}

/** A probability with one decimal, never rounded up to a certain 100% or down to 0%. */
export function probability(p: number): string {
  if (p > 0.999) return '> 99.9%';
  if (p < 0.001) return p === 0 ? '0%' : '< 0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

/** A log-likelihood ratio with its sign: "+2.50", "−0.40". */
export const nats = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

export const COMPONENT_NAMES: Record<string, string> = { gold: 'Control answers', peers: 'Peer agreement', time: 'Time', pattern: 'Patterns' };
