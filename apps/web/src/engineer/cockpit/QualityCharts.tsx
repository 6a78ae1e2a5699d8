import type { TCockpitQuality } from '@quorum/contracts';
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { count, decimal, DASH, range, share, shortDay } from './format';

// The quality panel's plots (recharts). Colours come from the stylesheet's custom properties, so
// they follow the light and dark themes; every plot sits in a ChartFrame with its numbers.

const HEIGHT = 210;
const AXIS = { fontSize: 11, fill: 'var(--muted)' };
const GRID = 'var(--border)';

/** A fixed first size lets the plot render before the browser measured its box (and in tests). */
function Sized({ children }: { children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 460, height: HEIGHT }}>
      {children}
    </ResponsiveContainer>
  );
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function DisagreementChart({ d }: { d: TCockpitQuality['disagreement'] }) {
  const data = d.bins.map((b) => ({ bin: range(b.low, b.high), items: b.count }));
  return (
    <ChartFrame
      id="chart-disagreement"
      title="Disagreement of aggregated items"
      summary={d.items > 0 ? `${count(d.items)} items, mean ${decimal(d.mean)} (0 = the crowd is sure, 1 = evenly split)` : undefined}
      table={{ columns: ['Disagreement', 'Items'], rows: data.map((r) => [r.bin, r.items]) }}
      empty={d.items === 0}
      emptyText="No item aggregated yet."
    >
      <Sized>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="bin" tick={AXIS} interval={1} />
          <YAxis tick={AXIS} allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="items" name="Items" fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </Sized>
    </ChartFrame>
  );
}

export function EscalationChart({ e }: { e: TCockpitQuality['escalation'] }) {
  const data = e.days.map((d) => ({ day: shortDay(d.day), decided: d.decided, rate: d.rate }));
  return (
    <ChartFrame
      id="chart-escalation"
      title="Escalation rate per day"
      summary={e.decided > 0 ? `${share(e.rate)} of ${count(e.decided)} items the crowd finished went to experts` : undefined}
      table={{ columns: ['Day', 'Items finished', 'Escalated', 'Rate'], rows: e.days.map((d) => [d.day, d.decided, d.escalated, share(d.rate)]) }}
      empty={e.decided === 0}
      emptyText="No item finished in this period."
    >
      <Sized>
        <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="day" tick={AXIS} minTickGap={16} />
          <YAxis yAxisId="n" tick={AXIS} allowDecimals={false} />
          <YAxis yAxisId="rate" orientation="right" tick={AXIS} domain={[0, 1]} tickFormatter={pct} />
          <Tooltip formatter={(v, name) => (name === 'Escalation rate' && typeof v === 'number' ? pct(v) : String(v))} />
          <Bar yAxisId="n" dataKey="decided" name="Items finished" fill="var(--border-strong)" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="rate" name="Escalation rate" stroke="var(--warn)" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        </ComposedChart>
      </Sized>
    </ChartFrame>
  );
}

/** Krippendorff (2004, p. 241): rely on α ≥ 0.800; 0.667 ≤ α < 0.800 only for tentative conclusions. */
const ALPHA_RELIABLE = 0.8;
const ALPHA_TENTATIVE = 0.667;

export function AlphaChart({ a }: { a: TCockpitQuality['alpha'] }) {
  const data = a.weeks.map((w) => ({ week: shortDay(w.week), alpha: w.alpha }));
  const low = Math.min(0, ...a.weeks.map((w) => w.alpha ?? 0));
  return (
    <ChartFrame
      id="chart-alpha"
      title="Krippendorff's alpha per week"
      summary={a.alpha === null ? undefined : `α ${decimal(a.alpha, 3)} over ${count(a.units)} items (${count(a.pairable)} accepted labels); 0.8 and above is reliable`}
      table={{ columns: ['Week of', 'Alpha', 'Items', 'Labels'], rows: a.weeks.map((w) => [w.week, w.alpha === null ? DASH : w.alpha.toFixed(3), w.units, w.pairable]) }}
      empty={a.weeks.length === 0}
      emptyText="No item has two accepted labels yet."
    >
      <Sized>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="week" tick={AXIS} />
          <YAxis tick={AXIS} domain={[Math.floor(low * 10) / 10, 1]} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
          <ReferenceLine y={ALPHA_RELIABLE} stroke="var(--pos)" strokeDasharray="4 4" label={{ value: 'reliable', position: 'insideBottomRight', fontSize: 10, fill: 'var(--pos)' }} />
          <ReferenceLine y={ALPHA_TENTATIVE} stroke="var(--warn)" strokeDasharray="4 4" label={{ value: 'tentative', position: 'insideTopRight', fontSize: 10, fill: 'var(--warn)' }} />
          <Line dataKey="alpha" name="Alpha" stroke="var(--accent)" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </Sized>
    </ChartFrame>
  );
}

export function CalibrationChart({ c }: { c: TCockpitQuality['calibration'] }) {
  const points = c.buckets.filter((b) => b.settled > 0).map((b) => ({ confidence: b.meanConfidence!, accuracy: b.accuracy!, settled: b.settled }));
  const from = Math.min(0.5, ...c.buckets.filter((b) => b.settled > 0).map((b) => b.low));
  const ticks = c.buckets.filter((b) => b.low >= from - 1e-9).map((b) => b.low).concat(1);
  return (
    <ChartFrame
      id="chart-calibration"
      title="Model calibration on settled items"
      summary={c.settled > 0 ? `The model was right on ${share(c.accuracy)} of ${count(c.settled)} settled items; expected calibration error ${share(c.ece, 1)}` : undefined}
      table={{
        columns: ['Confidence', 'Settled', 'Model wrong', 'Model accuracy', 'Mean confidence'],
        rows: c.buckets.filter((b) => b.settled > 0).map((b) => [range(b.low, b.high), b.settled, b.wrong, share(b.accuracy), share(b.meanConfidence)]),
      }}
      empty={c.settled === 0}
      emptyText="No item settled yet."
    >
      <Sized>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={GRID} />
          <XAxis type="number" dataKey="confidence" name="Mean confidence" domain={[from, 1]} ticks={ticks} tick={AXIS} tickFormatter={pct} />
          <YAxis type="number" dataKey="accuracy" name="Accuracy" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={AXIS} tickFormatter={pct} />
          <ZAxis type="number" dataKey="settled" range={[30, 260]} name="Settled" />
          <Tooltip formatter={(v, name) => (name === 'Settled' ? String(v) : typeof v === 'number' ? pct(v) : String(v))} />
          {/* A calibrated model's points lie on the diagonal: accuracy = confidence. */}
          <ReferenceLine segment={[{ x: from, y: from }, { x: 1, y: 1 }]} stroke="var(--muted)" strokeDasharray="4 4" ifOverflow="extendDomain" />
          <Scatter dataKey="accuracy" name="Accuracy" fill="var(--accent)" isAnimationActive={false} />
        </ComposedChart>
      </Sized>
    </ChartFrame>
  );
}
