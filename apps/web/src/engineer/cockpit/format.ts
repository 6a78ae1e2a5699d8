import { count } from '../../components/format';
import { percent } from '../../components/labels';

export { count };

/** "—" for a figure with nothing behind it yet (null from the API). */
export const DASH = '—';

export const share = (p: number | null, digits = 0) => (p === null ? DASH : percent(p, digits));

/** Items per hour: whole numbers once they are large, one decimal below ten. */
export function perHour(n: number): string {
  if (n === 0) return '0/h';
  return `${n >= 10 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)}/h`;
}

export const decimal = (x: number | null, digits = 2) => (x === null ? DASH : x.toFixed(digits));

export const minutes = (m: number | null) => (m === null ? DASH : m < 1 ? `${Math.round(m * 60)} s` : `${m.toFixed(1)} min`);

/** "2024-05-06" → "6 May". */
export function shortDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "0.6–0.7". */
export const range = (low: number, high: number) => `${low.toFixed(1)}–${high.toFixed(1)}`;
