import { Kbd } from '../components/Kbd';
import { useHotkeys } from '../components/useHotkeys';

type Props = {
  /** 'idle': not asked yet; 'waiting': asked, no work; 'available': work arrived meanwhile;
   *  'expired': the lease of the batch on screen ran out. */
  mode: 'idle' | 'waiting' | 'available' | 'expired';
  onGetBatch: () => void;
  busy?: boolean;
};

/** Before a batch: ask for one, or wait until the server says there is work. */
export function WaitingPanel({ mode, onGetBatch, busy }: Props) {
  useHotkeys((e) => {
    if (e.key !== 'Enter' && e.key.toLowerCase() !== 'n') return false;
    if (!busy) onGetBatch();
    return true;
  });
  const text = {
    idle: { title: 'Ready when you are', body: 'A batch is a short set of text pairs. Answer each with a key press.', action: 'Get batch' },
    waiting: { title: 'No work right now', body: 'Every open pair already has enough labellers. This page tells you when new pairs arrive.', action: 'Check again' },
    available: { title: 'New work is available', body: 'Fresh pairs just arrived.', action: 'Get batch' },
    expired: {
      title: 'This batch expired',
      body: 'Its time ran out before it was submitted, so its pairs went back to the pool and these answers do not count.',
      action: 'Get a new batch',
    },
  }[mode];
  return (
    <section className={`card state-card ${mode === 'available' ? 'state-card-highlight' : ''}`} aria-label={text.title}>
      <div className={`state-icon state-icon-${mode}`} aria-hidden="true">
        {{ idle: '→', waiting: '…', available: '→', expired: '!' }[mode]}
      </div>
      <h2>{text.title}</h2>
      <p className="muted">{text.body}</p>
      <button type="button" className={`button ${mode === 'waiting' ? 'button-secondary' : 'button-primary'}`} onClick={onGetBatch} disabled={busy} aria-keyshortcuts="N Enter">
        {busy ? 'Asking…' : text.action} <Kbd>N</Kbd>
      </button>
    </section>
  );
}
