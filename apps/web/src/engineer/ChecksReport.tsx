import { useState } from 'react';
import { count } from '../components/format';
import { findingsByKind, readReport } from './datasetReport';
import type { DatasetVersion } from './datasetTypes';
import { DriftTable } from './DriftTable';
import { FindingsList } from './FindingsList';

/**
 * A version's data-check report: findings per kind (each tile narrows the list below to its
 * kind), the label balance against the parent, and the findings themselves.
 */
export function ChecksReport({ version }: { version: DatasetVersion }) {
  const report = readReport(version.report);
  const [kindKey, setKindKey] = useState<string | null>(null);
  if (!report.checked) return <p className="muted">This version was merged before the data checks ran, so it has no findings to show.</p>;
  const kinds = findingsByKind(report);
  const kind = kinds.find((k) => k.key === kindKey) ?? null;
  const findings = kind ? report.findings.filter((f) => kind.codes.includes(f.code)) : report.findings;
  return (
    <div className="report">
      <div className="finding-kinds" role="group" aria-label="Findings by kind (pick one to list only those)">
        {kinds.map((k) => (
          <button
            key={k.key}
            type="button"
            className={`finding-kind ${k.found > 0 ? 'finding-kind-found' : ''}`}
            aria-pressed={kindKey === k.key}
            title={k.hint}
            onClick={() => setKindKey((cur) => (cur === k.key ? null : k.key))}
          >
            <span className="stat-label">{k.name}</span>
            <span className="stat-value">{count(k.found)}</span>
            <span className="muted finding-kind-sub">{k.quarantined > 0 ? `${count(k.quarantined)} quarantined` : k.key === 'near_duplicate' || k.key === 'label_drift' ? 'flag only' : '\u00a0'}</span>
          </button>
        ))}
      </div>
      <h4 className="subsection-title">Label balance</h4>
      <DriftTable drift={report.drift} />
      <h4 className="subsection-title">
        Findings{kind && <span className="muted"> · {kind.name}</span>}
        {kind && (
          <button type="button" className="link-button subsection-action" onClick={() => setKindKey(null)}>
            Show all kinds
          </button>
        )}
      </h4>
      {kind?.key === 'label_drift' && findings.length === 0 ? (
        <p className="muted">Drift is about the version, not a row: the drifted labels are marked in the balance table above.</p>
      ) : (
        <FindingsList key={kindKey ?? 'all'} findings={findings} total={kind ? kind.found : report.findingsTotal} kindName={kind?.name} />
      )}
    </div>
  );
}
