import type { TCockpitPipeline } from '@quorum/contracts';
import { relativeTime } from '../../components/format';
import { count, perHour } from './format';
import { QueueHealth } from './QueueHealth';
import { StuckWork } from './StuckWork';

type Stage = { key: keyof TCockpitPipeline['stages']; label: string; hint: string; rate?: (p: TCockpitPipeline) => string; stuck?: (p: TCockpitPipeline) => boolean };

/** The flow left to right, as work moves: each stage with its count and how fast it fills. */
const FLOW: Stage[] = [
  { key: 'pooled', label: 'Pooled', hint: 'Samples waiting in the pool for selection', rate: (p) => (p.rates.ingested ? `${perHour(p.rates.ingested.lastHour)} ingested` : '—/h ingested') },
  { key: 'selected', label: 'Selected', hint: 'Items picked for labelling by uncertainty', rate: (p) => perHour(p.rates.selected.lastHour) },
  { key: 'labelling', label: 'In labelling', hint: 'Items collecting crowd labels', rate: (p) => `${perHour(p.rates.labels.lastHour)} labels`, stuck: (p) => p.stuck.expiredLeases.batches > 0 },
  { key: 'waitingForScoring', label: 'Waiting for scoring', hint: 'Submitted batches not yet accepted or rejected', rate: (p) => `${count(p.stages.waitingLabels)} labels`, stuck: (p) => p.stuck.waitingTooLong.batches > 0 },
  { key: 'aggregated', label: 'Aggregated', hint: 'Items with a posterior from their accepted labels' },
  { key: 'escalated', label: 'Escalated', hint: 'In the expert review queue', rate: (p) => perHour(p.rates.escalated.lastHour), stuck: (p) => p.stuck.expiredClaims.reviews > 0 },
  { key: 'settled', label: 'Settled', hint: 'Decided by the crowd or an expert', rate: (p) => perHour(p.rates.settled.lastHour) },
  { key: 'merged', label: 'Merged', hint: 'Rows in the current dataset version', rate: (p) => perHour(p.rates.merged.lastHour) },
];

const BATCHES: { key: keyof TCockpitPipeline['batches']; label: string }[] = [
  { key: 'open', label: 'Open' },
  { key: 'submitted', label: 'Submitted' },
  { key: 'accepted', label: 'Accepted' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'expired', label: 'Expired' },
];

type Props = { pipeline: TCockpitPipeline | undefined; now: number; queueBoardUrl: string };

/** Presentational: the pipeline as a flow of stages with counts and rates, stuck work, batches and the queue. */
export function PipelinePanel({ pipeline: p, now, queueBoardUrl }: Props) {
  return (
    <>
      <section className="panel" aria-labelledby="flow-title">
        <div className="panel-head">
          <h2 id="flow-title" className="panel-title">
            Pipeline
          </h2>
          <span className="spacer" />
          <span className="muted">{p ? `Rates over the last hour · updated ${relativeTime(p.generatedAt, now)}` : 'Loading…'}</span>
        </div>
        <ol className="flow" aria-label="Pipeline stages">
          {FLOW.map((s) => {
            const stuck = p && s.stuck?.(p);
            return (
              <li key={s.key} className={`flow-stage${stuck ? ' flow-stage-stuck' : ''}`} role="group" aria-label={s.label} title={s.hint}>
                <span className="stat-label">{s.label}</span>
                <span className="stat-value">{p ? count(p.stages[s.key]) : '—'}</span>
                <span className="flow-rate">{p && s.rate ? s.rate(p) : ' '}</span>
                {stuck && <span className="badge badge-stuck">stuck work</span>}
              </li>
            );
          })}
        </ol>
        {p && (
          <p className="muted flow-note">
            {count(p.stages.gold)} gold items · {count(p.stages.skipped)} samples skipped as duplicates · {count(p.stages.excluded)} items excluded by experts ·{' '}
            {perHour(p.rates.settled.lastDay)} settled over the last 24 h
          </p>
        )}
      </section>
      <StuckWork pipeline={p} now={now} queueBoardUrl={queueBoardUrl} />
      <section className="panel" aria-labelledby="batches-title">
        <h2 id="batches-title" className="panel-title">
          Batches
        </h2>
        <div className="batch-row">
          {BATCHES.map((b) => (
            <div key={b.key} className={`stat stat-${b.key}`} role="group" aria-label={`${b.label} batches`}>
              <span className="stat-label">{b.label}</span>
              <span className="stat-value">{p ? count(p.batches[b.key]) : '—'}</span>
            </div>
          ))}
        </div>
      </section>
      <QueueHealth queue={p?.queue} url={queueBoardUrl} />
    </>
  );
}
