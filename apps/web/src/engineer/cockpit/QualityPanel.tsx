import type { TCockpitQuality } from '@quorum/contracts';
import { errorMessage } from '../../api/errors';
import { Notice } from '../../components/Notice';
import { AlphaChart, CalibrationChart, DisagreementChart, EscalationChart } from './QualityCharts';
import { count, decimal, share } from './format';
import { Figure } from './Figure';

export const QUALITY_PERIODS = [7, 30, 90] as const;

type Props = { quality: TCockpitQuality | undefined; error?: unknown; days: number; onDays: (days: number) => void };

/** Presentational: headline figures, then disagreement, escalation, alpha and calibration plots. */
export function QualityPanel({ quality: q, error, days, onDays }: Props) {
  return (
    <section className="panel" aria-labelledby="quality-title">
      <div className="panel-head">
        <h2 id="quality-title" className="panel-title">
          Quality
        </h2>
        <span className="spacer" />
        <label className="period">
          <span className="muted">Period</span>
          <select value={days} onChange={(e) => onDays(Number(e.target.value))}>
            {QUALITY_PERIODS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {error !== null && error !== undefined && <Notice tone="error">{errorMessage(error)}</Notice>}
      {!q ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <div className="figure-row">
            <Figure label="Krippendorff's alpha" value={decimal(q.alpha.alpha, 3)} hint={`${count(q.alpha.units)} items with two or more accepted labels`} tone={q.alpha.alpha !== null && q.alpha.alpha < 0.667 ? 'warn' : undefined} />
            <Figure label="Crowd accuracy on gold" value={share(q.gold.accuracy, 1)} hint={`${count(q.gold.correct)} of ${count(q.gold.answered)} control answers right; ${share(q.gold.acceptedAccuracy, 1)} in accepted batches`} />
            <Figure label="Escalation rate" value={share(q.escalation.rate, 1)} hint={`${count(q.escalation.escalated)} of ${count(q.escalation.decided)} items in ${q.days} days`} />
            <Figure label="Model accuracy on settled" value={share(q.calibration.accuracy, 1)} hint={`${count(q.calibration.settled)} settled items; calibration error ${share(q.calibration.ece, 1)}`} />
          </div>
          <div className="chart-grid">
            <DisagreementChart d={q.disagreement} />
            <EscalationChart e={q.escalation} />
            <AlphaChart a={q.alpha} />
            <CalibrationChart c={q.calibration} />
          </div>
        </>
      )}
    </section>
  );
}
