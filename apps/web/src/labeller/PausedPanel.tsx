type Props = {
  /** Why the labeller is paused, in the server's words. */
  reason: string;
  onRetry: () => void;
  busy?: boolean;
};

/** The labeller is paused from new batches: why, and that an engineer can lift it. */
export function PausedPanel({ reason, onRetry, busy }: Props) {
  return (
    <section className="card state-card state-card-paused" aria-label="Labelling is paused">
      <div className="state-icon state-icon-expired" aria-hidden="true">
        ‖
      </div>
      <h2>Labelling is paused</h2>
      <p className="paused-reason">{reason}</p>
      <p className="muted">
        You cannot take new batches for now. An engineer of this project can lift the pause; this page goes back to normal as soon as they do. If a rejection
        was wrong, appeal it from Recent batches.
      </p>
      <button type="button" className="button button-secondary" onClick={onRetry} disabled={busy}>
        {busy ? 'Checking…' : 'Check again'}
      </button>
    </section>
  );
}
