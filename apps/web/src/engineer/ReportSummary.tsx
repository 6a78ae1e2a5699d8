const human = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();

function fmt(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(3);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) {
    return entries.map(([k, v]) => `${human(k)} ${fmt(v)}`).join(', ');
  }
  return `${entries.length} fields`;
}

/**
 * A version's data-check report. Its shape is open in the contract (a record), so the top-level
 * entries are summarised one per line and the full report stays one click away.
 */
export function ReportSummary({ report }: { report: Record<string, unknown> }) {
  const entries = Object.entries(report);
  if (entries.length === 0) return <p className="muted">No report.</p>;
  return (
    <div className="report">
      <dl className="report-list">
        {entries.slice(0, 8).map(([k, v]) => (
          <div key={k} className="report-entry">
            <dt>{human(k)}</dt>
            <dd>{fmt(v)}</dd>
          </div>
        ))}
      </dl>
      <details className="report-raw">
        <summary>Full report</summary>
        <pre>{JSON.stringify(report, null, 2)}</pre>
      </details>
    </div>
  );
}
