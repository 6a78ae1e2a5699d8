import type { TStageCounts } from '@quorum/contracts';
import { count } from '../components/format';

type Stage = { key: keyof Omit<TStageCounts, 'batches'>; label: string; hint: string };
const STAGES: Stage[] = [
  { key: 'samples', label: 'Samples', hint: 'Production predictions ingested' },
  { key: 'selected', label: 'Selected', hint: 'Picked for labelling by uncertainty' },
  { key: 'labelling', label: 'Labelling', hint: 'Waiting for or collecting crowd labels' },
  { key: 'escalated', label: 'Escalated', hint: 'In the expert review queue' },
  { key: 'settled', label: 'Settled', hint: 'Decided by the crowd or an expert' },
  { key: 'merged', label: 'Merged', hint: 'In a dataset version' },
];
const BATCHES: { key: keyof TStageCounts['batches']; label: string }[] = [
  { key: 'open', label: 'Open' },
  { key: 'submitted', label: 'Submitted' },
  { key: 'accepted', label: 'Accepted' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'expired', label: 'Expired' },
];

function Tile({ label, value, hint, tone }: { label: string; value: number | undefined; hint?: string; tone?: string }) {
  return (
    <div className={`stat ${tone ? `stat-${tone}` : ''}`} role="group" aria-label={label} title={hint}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value === undefined ? '—' : count(value)}</span>
    </div>
  );
}

/** Counts per pipeline stage and per batch status. */
export function StageCounts({ counts }: { counts: TStageCounts | undefined }) {
  return (
    <section className="panel" aria-labelledby="stages-title">
      <div className="panel-head">
        <h2 id="stages-title" className="panel-title">
          Pipeline
        </h2>
        <span className="muted">{counts ? `${count(counts.gold)} gold items` : ''}</span>
      </div>
      <div className="stage-row">
        {STAGES.map((s, i) => (
          <div key={s.key} className="stage-cell">
            <Tile label={s.label} value={counts?.[s.key]} hint={s.hint} tone={s.key === 'escalated' ? 'warn' : undefined} />
            {i < STAGES.length - 1 && (
              <span className="stage-arrow" aria-hidden="true">
                →
              </span>
            )}
          </div>
        ))}
        <Tile label="Gold" value={counts?.gold} hint="Items with a known answer" tone="gold" />
      </div>
      <h3 className="section-title">Batches</h3>
      <div className="batch-row">
        {BATCHES.map((b) => (
          <Tile key={b.key} label={`${b.label} batches`} value={counts?.batches[b.key]} tone={b.key} />
        ))}
      </div>
    </section>
  );
}
