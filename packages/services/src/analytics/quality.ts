import type { TCockpitQuality, TUser } from '@quorum/contracts';
import { qualityAlphaNominal, qualityCalibration, qualityHistogram, qualityMarginsFromRows, qualityShare } from '@quorum/core';
import type { ServiceContext } from '../context';
import { projectForMember } from '../projects';
import { aggregateFigures, calibrationRecords, DISAGREEMENT_BINS, escalationDays, goldAnswers } from './quality-sql';

const DAY_MS = 24 * 3600_000;

/** Midnight UTC `days − 1` days before now: the first day of a `days`-long daily series. */
function seriesStart(now: Date, days: number): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - (days - 1) * DAY_MS);
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export async function cockpitQuality(ctx: ServiceContext, caller: TUser, projectId: string, opts: { days: number }): Promise<TCockpitQuality> {
  const project = await projectForMember(ctx.db, caller.id, projectId);
  const now = ctx.now();
  const since = seriesStart(now, opts.days);
  // Independent reads, run side by side on the pool: the panel waits for the slowest, not the sum.
  const [{ bins, alpha: margins }, days, gold, calibration] = await Promise.all([
    aggregateFigures(ctx.db, projectId, project.labels),
    escalationDays(ctx.db, projectId, since),
    goldAnswers(ctx.db, projectId),
    calibrationRecords(ctx.db, projectId),
  ]);

  const items = bins.reduce((s, b) => s + b.count, 0);
  const sum = bins.reduce((s, b) => s + b.sum, 0);

  // Every day of the window, empty days included, so a chart's x axis is time and not rows.
  const byDay = new Map(days.map((d) => [d.day, d]));
  const series = Array.from({ length: opts.days }, (_, k) => {
    const day = new Date(since.getTime() + k * DAY_MS).toISOString().slice(0, 10);
    const d = byDay.get(day) ?? { decided: 0, escalated: 0 };
    return { day, decided: d.decided, escalated: d.escalated, rate: qualityShare(d.escalated, d.decided) };
  });
  const decided = series.reduce((s, d) => s + d.decided, 0);
  const escalated = series.reduce((s, d) => s + d.escalated, 0);

  // Weeks' margins add up to the project's: one query gives both.
  const weeks = [...new Set(margins.map((m) => m.week))];
  const alphaOf = (rows: typeof margins) => {
    const a = qualityAlphaNominal(qualityMarginsFromRows(project.labels, rows));
    return { alpha: a.alpha, pairable: round(a.pairable), units: Math.round(rows.reduce((s, r) => s + r.units, 0)) };
  };
  const firstWeek = since.getTime() - 7 * DAY_MS;

  return {
    generatedAt: now.toISOString(),
    days: opts.days,
    disagreement: { bins: qualityHistogram(bins, DISAGREEMENT_BINS), items, mean: qualityShare(sum, items) },
    escalation: { days: series, decided, escalated, rate: qualityShare(escalated, decided) },
    alpha: {
      ...alphaOf(margins),
      weeks: weeks.filter((w) => Date.parse(`${w}T00:00:00Z`) >= firstWeek).map((week) => ({ week, ...alphaOf(margins.filter((m) => m.week === week)) })),
    },
    gold: {
      answered: gold.answered,
      correct: gold.correct,
      accuracy: qualityShare(gold.correct, gold.answered),
      acceptedAnswered: gold.accepted_answered,
      acceptedCorrect: gold.accepted_correct,
      acceptedAccuracy: qualityShare(gold.accepted_correct, gold.accepted_answered),
    },
    calibration: qualityCalibration(calibration),
  };
}
