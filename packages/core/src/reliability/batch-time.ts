/**
 * The timing half of batchEvidence: log P(seconds | fast clicker) − log P(seconds | honest reader)
 * for a whole batch, in log-seconds (the Jacobian 1/t is the same under both and cancels).
 *
 * Honest: log t_i = log expected_i + s + ε_i, with ε_i ~ N(0, 0.5²) per answer and s ~ N(0, 0.35²)
 *   the labeller's own reading speed, shared by every answer in the batch (a hierarchical
 *   log-normal; per answer the marginal σ is √(0.5² + 0.35²) ≈ 0.61, the σ ≈ 0.6 of the spec).
 *   Treating answers as independent instead, an honest labeller who reads twice as fast as
 *   readingTimeSeconds assumes gave ten small fast-looking answers that added up, and was rejected
 *   in 20–24 % of batches in the simulations; with s shared, 0.25–0.55 % (batch-evidence-crowd.test.ts).
 *   s is integrated out on a 13-point grid over ±3 sd (speeds 0.35× to 2.9×): a wider tail would
 *   let "an honest reader 4× faster than anyone" explain away a fast clicker.
 * Fast: an even mixture of log-normals (σ 0.5) around 0.3 × expected and around
 *   min(0.6 s, 0.3 × expected) (a clicker who ignores the text length).
 * Per-answer LLRs (for each value of s) are clipped to [−1, +3]: one slow outlier must not clear a
 * fast clicker, and one glitch-fast answer must not condemn a reader.
 */
// Module-level aliases: these run in tight loops, and a global lookup (`Math.x`) costs ~0.3 µs
// inside jest's vm sandbox, which made the simulated-crowd tests 15× slower.
const { log, exp, max, min, PI } = Math;

export type TimedAnswer = { seconds: number; expectedSeconds: number };

export const HONEST_LOG_SIGMA = 0.5;
export const HONEST_SPEED_LOG_SIGMA = 0.35;
const FAST_LOG_SIGMA = 0.5;
const FAST_SHARE_OF_EXPECTED = 0.3;
const FAST_ABSOLUTE_SECONDS = 0.6;
const TIME_LLR_MIN = -1;
const TIME_LLR_MAX = 3;
// ±3 sd: an honest reader is at most ~3× faster (or slower) than readingTimeSeconds assumes.
const GRID = Array.from({ length: 13 }, (_, g) => -3 + g * 0.5);

const normalLogDensity = (x: number, mu: number, sigma: number): number =>
  -log(sigma) - 0.5 * log(2 * PI) - ((x - mu) * (x - mu)) / (2 * sigma * sigma);

/** log Σ exp(x), computed without overflow. */
export function reliabilityLogSumExp(xs: readonly number[]): number {
  const top = max(...xs);
  if (top === -Infinity) return -Infinity;
  return top + log(xs.reduce((acc, x) => acc + exp(x - top), 0));
}

/** log-seconds, floored so that a 0 s answer (a double click) stays finite. */
const logSeconds = (a: TimedAnswer): number => log(max(a.seconds, 1e-3 * a.expectedSeconds, 1e-3));

function batchTimeFastLogDensity(x: number, expectedSeconds: number): number {
  const relative = log(FAST_SHARE_OF_EXPECTED * expectedSeconds);
  const absolute = log(min(FAST_ABSOLUTE_SECONDS, FAST_SHARE_OF_EXPECTED * expectedSeconds));
  return reliabilityLogSumExp([
    log(0.5) + normalLogDensity(x, relative, FAST_LOG_SIGMA),
    log(0.5) + normalLogDensity(x, absolute, FAST_LOG_SIGMA),
  ]);
}

/** The batch's time LLR (fast vs honest). LR = 1 / Σ_g w_g exp(−T_g), T_g the clipped sum at speed s_g. */
export function batchTimeLLR(answers: readonly TimedAnswer[]): number {
  if (answers.length === 0) return 0;
  const xs = answers.map(logSeconds);
  const fast = answers.map((a, i) => batchTimeFastLogDensity(xs[i] ?? 0, a.expectedSeconds));
  const weights = GRID.map((z) => -0.5 * z * z);
  const norm = reliabilityLogSumExp(weights);
  const terms = GRID.map((z, g) => {
    const s = z * HONEST_SPEED_LOG_SIGMA;
    let t = 0;
    answers.forEach((a, i) => {
      const llr = (fast[i] ?? 0) - normalLogDensity(xs[i] ?? 0, log(a.expectedSeconds) + s, HONEST_LOG_SIGMA);
      t += min(TIME_LLR_MAX, max(TIME_LLR_MIN, llr));
    });
    return (weights[g] ?? 0) - norm - t;
  });
  return -reliabilityLogSumExp(terms);
}
