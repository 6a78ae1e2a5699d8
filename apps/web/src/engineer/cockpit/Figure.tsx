import type { ReactNode } from 'react';

type Props = { label: string; value: ReactNode; hint?: ReactNode; tone?: 'warn' | 'bad' | 'ok' };

/** One headline number with what it is and what stands behind it. A group named by its label, so
 *  a screen reader announces "Escalation rate, 12%" and tests can find it by name. */
export function Figure({ label, value, hint, tone }: Props) {
  return (
    <div className={`figure-card${tone ? ` figure-card-${tone}` : ''}`} role="group" aria-label={label}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {hint && <span className="figure-hint">{hint}</span>}
    </div>
  );
}
