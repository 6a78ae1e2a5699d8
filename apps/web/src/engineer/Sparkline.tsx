import { percent } from '../components/labels';

type Props = { values: readonly number[]; label: string; width?: number; height?: number };

/**
 * A tiny line of values (accuracy estimates, oldest first), scaled to their own range but never
 * less than 10 points tall so a steady labeller reads as steady. Plain SVG.
 */
export function Sparkline({ values, label, width = 84, height = 24 }: Props) {
  if (values.length === 0) return <span className="muted">—</span>;
  const pad = 3;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = Math.max(hi - lo, 0.1);
  const base = (lo + hi) / 2 - span / 2;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => pad + (1 - (v - base) / span) * (height - 2 * pad);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values[values.length - 1] ?? 0;
  const first = values[0] ?? 0;
  const summary = values.length === 1 ? percent(last) : `${percent(first)} → ${percent(last)} over ${values.length} estimates`;
  return (
    <svg className="sparkline" role="img" aria-label={`${label}: ${summary}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <title>{summary}</title>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(values.length - 1)} cy={y(last)} r={2.2} fill="currentColor" />
    </svg>
  );
}
