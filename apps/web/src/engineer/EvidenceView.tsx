import type { ReactNode } from 'react';
import { percent, prettyLabel } from '../components/labels';
import type { TBatchStatus } from '@quorum/contracts';
import { COMPONENT_NAMES, nats, probability, readEvidence, seconds } from './evidence';

function Figure({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="evidence-figure" role="group" aria-label={label}>
      <dt>{label}</dt>
      <dd>
        <span className="figure">{value}</span>
        {detail && <span className="muted evidence-detail">{detail}</span>}
      </dd>
    </div>
  );
}

/** The log-likelihood ratio's parts as bars either side of zero: right favours "random clicker". */
function LlrBreakdown({ parts, total }: { parts: { name: string; value: number }[]; total: number | null }) {
  const scale = Math.max(1, ...parts.map((p) => Math.abs(p.value)));
  return (
    <div className="llr" role="group" aria-label="Log-likelihood ratio">
      <div className="llr-head">
        <span>Log-likelihood ratio, random clicker vs honest</span>
        {total !== null && <strong className="figure">{nats(total)}</strong>}
      </div>
      <dl className="llr-rows">
        {parts.map((p) => (
          <div key={p.name} className="llr-row">
            <dt>{COMPONENT_NAMES[p.name] ?? prettyLabel(p.name)}</dt>
            <dd>
              <span className="llr-track" aria-hidden="true">
                <span className={`llr-fill ${p.value >= 0 ? 'llr-spam' : 'llr-honest'}`} style={{ width: `${(Math.abs(p.value) / scale) * 50}%`, [p.value >= 0 ? 'left' : 'right']: '50%' }} />
              </span>
              <span className="llr-value">{nats(p.value)}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted llr-note">In nats; above zero points to random clicking, below zero to an honest labeller.</p>
    </div>
  );
}

/** Every figure behind a batch's decision, readably; the raw record stays one click away. */
const NO_EVIDENCE: Partial<Record<TBatchStatus, string>> = {
  open: 'Not submitted yet: the evidence appears once the batch is submitted and scored.',
  submitted: 'Not scored yet: the evidence appears once the batch is scored.',
  expired: 'The batch expired before it was submitted, so there was nothing to score.',
};

export function EvidenceView({ evidence, status }: { evidence: Readonly<Record<string, unknown>> | null; status?: TBatchStatus }) {
  if (!evidence) return <p className="muted">{(status && NO_EVIDENCE[status]) ?? 'No evidence was recorded for this decision.'}</p>;
  const f = readEvidence(evidence);
  const shares = f.answerShares ? Object.entries(f.answerShares).map(([k, v]) => `${prettyLabel(k)} ${percent(v)}`).join(' · ') : null;
  return (
    <div className="evidence">
      <dl className="evidence-grid">
        <Figure
          label="Control answers"
          value={f.goldTotal ? `${f.goldCorrect ?? 0} of ${f.goldTotal} correct` : 'none in batch'}
          detail={f.goldTotal ? percent((f.goldCorrect ?? 0) / f.goldTotal) : undefined}
        />
        <Figure
          label="Peer agreement"
          value={f.peerItems && f.peerAgreement !== null ? `${Math.round(f.peerAgreement * f.peerItems)} of ${f.peerItems} pairs` : 'no peer labels yet'}
          detail={f.peerAgreement !== null ? `${percent(f.peerAgreement)} agree with the peers’ consensus` : undefined}
        />
        <Figure
          label="Time per pair"
          value={f.medianSeconds !== null ? `median ${seconds(f.medianSeconds)}` : '—'}
          detail={
            <>
              {f.medianExpectedSeconds !== null && `reading takes about ${seconds(f.medianExpectedSeconds)}`}
              {f.fastShare !== null && ` · ${percent(f.fastShare)} far too fast`}
            </>
          }
        />
        <Figure
          label="Answer patterns"
          value={f.longestRun !== null ? `longest run ${f.longestRun}` : '—'}
          detail={
            <>
              {f.alternationShare !== null && `${percent(f.alternationShare)} of answers switch`}
              {shares && ` · ${shares}`}
            </>
          }
        />
        <Figure
          label="P(random clicker)"
          value={f.posteriorSpam !== null ? probability(f.posteriorSpam) : '—'}
          detail={
            <>
              {f.priorSpam !== null && `prior ${probability(f.priorSpam)}`}
              {f.honestAccuracy !== null && ` · honest means ≥ ${percent(f.honestAccuracy)} accurate`}
            </>
          }
        />
        <Figure
          label="Decision"
          value={f.decision ?? '—'}
          detail={
            <>
              {f.items !== null && `${f.items} pairs`}
              {f.itemsAwaitingPeers ? ` · ${f.itemsAwaitingPeers} awaiting peers` : ''}
              {f.waitedSeconds !== null && ` · waited ${seconds(f.waitedSeconds)}`}
            </>
          }
        />
      </dl>
      {f.components.length > 0 && <LlrBreakdown parts={f.components} total={f.logLikelihoodRatio} />}
      <details className="report-raw">
        <summary>All figures{f.model ? ` (${f.model})` : ''}</summary>
        <pre>{JSON.stringify(evidence, null, 2)}</pre>
      </details>
    </div>
  );
}
