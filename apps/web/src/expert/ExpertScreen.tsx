import type { TProjectSummary, TUser } from '@quorum/contracts';
import { useState } from 'react';
import type { ReviewFilters } from '../api/endpoints';
import { errorMessage } from '../api/errors';
import { Kbd } from '../components/Kbd';
import { Notice } from '../components/Notice';
import { TabPanel, Tabs } from '../components/Tabs';
import { useHotkeys } from '../components/useHotkeys';
import { useNow } from '../components/useNow';
import { HistoryView } from './HistoryView';
import { ReviewDetailView } from './ReviewDetailView';
import { ReviewQueue } from './ReviewQueue';
import { useExpertSession } from './useExpertSession';

type Tab = 'queue' | 'history';

/**
 * Container: the queue or the one review the expert holds, and their history. Opening claims;
 * a decision opens the next review at once; J/K skip, Esc releases, U undoes the last decision.
 */
export function ExpertScreen({ project }: { project: TProjectSummary; user?: TUser }) {
  const now = useNow();
  const [tab, setTab] = useState<Tab>('queue');
  const [filters, setFilters] = useState<ReviewFilters>({});
  const s = useExpertSession(project.id, filters);
  const undoable = s.last && Date.parse(s.last.until) > now ? s.last : null;

  const undo = async (reviewId?: string) => {
    if (await s.undo(reviewId)) setTab('queue');
  };

  useHotkeys((e) => {
    const key = e.key.toLowerCase();
    if (key === 'u' && undoable) void undo();
    else if (s.current && tab === 'queue' && (key === 'j' || e.key === 'ArrowRight')) s.move(1);
    else if (s.current && tab === 'queue' && (key === 'k' || e.key === 'ArrowLeft')) s.move(-1);
    else if (!s.current && key === 'h') setTab('history');
    else if (!s.current && key === 'q') setTab('queue');
    else return false;
    return true;
  });

  const notice = s.message && (
    <Notice
      tone={s.message.tone}
      action={
        <span className="notice-actions">
          {undoable && s.message.tone === 'success' && (
            <button type="button" className="button button-secondary button-small" onClick={() => void undo()}>
              Undo <Kbd>U</Kbd>
            </button>
          )}
          <button type="button" className="link-button" onClick={() => s.setMessage(null)}>
            Dismiss
          </button>
        </span>
      }
    >
      {s.message.text}
    </Notice>
  );

  if (s.current && tab === 'queue') {
    return (
      <main className="main-column main-wide expert">
        {notice}
        <button type="button" className="link-button back-link" onClick={() => void s.release()} disabled={s.busy}>
          ← Back to queue (releases the claim)
        </button>
        <ReviewDetailView
          key={s.current.id}
          review={s.current}
          onDecide={(d, n) => void s.decide(d, n)}
          onRelease={() => void s.release()}
          busy={s.busy || s.claiming}
          now={now}
          position={s.index >= 0 ? { index: s.index, total: s.queue.total ?? s.queue.reviews?.length ?? 0 } : undefined}
        />
      </main>
    );
  }

  return (
    <main className="main-column main-wide expert">
      <Tabs<Tab>
        label="Expert review"
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'queue', label: 'Queue', count: s.queue.total, countLabel: `${s.queue.total ?? 0} reviews waiting` },
          { id: 'history', label: 'History' },
        ]}
      />
      {notice}
      {tab === 'queue' ? (
        <TabPanel id="queue">
          {s.queue.error !== null && <Notice tone="error">{errorMessage(s.queue.error)}</Notice>}
          <ReviewQueue reviews={s.queue.reviews} total={s.queue.total} labels={project.labels} filters={filters} onFilters={setFilters} onOpen={s.open} busyId={s.claiming ? 'claiming' : null} now={now} />
        </TabPanel>
      ) : (
        <TabPanel id="history">
          <HistoryView projectId={project.id} labels={project.labels} onUndo={(id) => void undo(id)} now={now} />
        </TabPanel>
      )}
    </main>
  );
}
