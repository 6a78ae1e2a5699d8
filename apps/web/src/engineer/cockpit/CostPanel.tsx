import type { TCockpitCost } from '@quorum/contracts';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { errorMessage } from '../../api/errors';
import { Notice } from '../../components/Notice';
import { ChartFrame } from './ChartFrame';
import { Figure } from './Figure';
import { count, decimal, minutes, share } from './format';

/** Presentational: what settled items cost in labels and expert time. */
export function CostPanel({ cost: c, error }: { cost: TCockpitCost | undefined; error?: unknown }) {
  const spent = c ? [{ name: 'Labels', accepted: c.accepted, rejected: c.rejected, controls: c.controls }] : [];
  return (
    <section className="panel" aria-labelledby="cost-title">
      <div className="panel-head">
        <h2 id="cost-title" className="panel-title">
          Cost
        </h2>
        <span className="muted">Every label given counts, accepted or not: rejected work and controls were paid for too.</span>
      </div>
      {error !== null && error !== undefined && <Notice tone="error">{errorMessage(error)}</Notice>}
      {!c ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <div className="figure-row">
            <Figure label="Labels per settled item" value={decimal(c.labelsPerSettledItem, 1)} hint={`${count(c.labels)} labels for ${count(c.settledItems)} settled items`} />
            <Figure label="Share of labels rejected" value={share(c.rejectedShare, 1)} hint={`${count(c.rejected)} of ${count(c.accepted + c.rejected)} answers on items`} tone={c.rejectedShare !== null && c.rejectedShare > 0.2 ? 'warn' : undefined} />
            <Figure label="Controls" value={share(c.controlShare, 1)} hint={`${count(c.controls)} answers to gold items`} />
            <Figure
              label="Expert minutes per decision"
              value={minutes(c.expertMinutesPerDecision)}
              hint={`${count(c.expertDecisions)} decisions; ${minutes(c.expertMinutesPerSettledItem)} per settled item`}
            />
          </div>
          <ChartFrame
            id="chart-labels-spent"
            title="Where the labels went"
            table={{ columns: ['Labels', 'Count'], rows: [['Accepted answers on items', c.accepted], ['Rejected answers on items', c.rejected], ['Answers to controls', c.controls]] }}
            empty={c.labels === 0}
            emptyText="No batch decided yet."
          >
            <ResponsiveContainer width="100%" height={64} initialDimension={{ width: 600, height: 64 }}>
              <BarChart data={spent} layout="vertical" margin={{ top: 4, right: 8, bottom: 4, left: 8 }}>
                <XAxis type="number" hide />
                <YAxis type="category" dataKey="name" hide />
                <Tooltip />
                <Bar dataKey="accepted" name="Accepted" stackId="l" fill="var(--pos)" isAnimationActive={false} />
                <Bar dataKey="rejected" name="Rejected" stackId="l" fill="var(--danger)" isAnimationActive={false} />
                <Bar dataKey="controls" name="Controls" stackId="l" fill="var(--gold)" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
            <p className="legend">
              <span className="swatch swatch-pos" /> accepted {count(c.accepted)} <span className="swatch swatch-danger" /> rejected {count(c.rejected)} <span className="swatch swatch-gold" /> controls {count(c.controls)}
            </p>
          </ChartFrame>
          <p className="muted table-note">
            A review records when it was settled, not when it was claimed: expert time is the gap between an expert&apos;s consecutive decisions, and a gap over {c.expertGapCapMinutes} minutes counts as a
            break, not work.
          </p>
        </>
      )}
    </section>
  );
}
