import { ENQUEUE_TIMEOUT_MS, flush, Outbox, type ServiceContext } from '../src/context';

// A committed use case must answer even when Redis does not: its jobs are re-enqueued later by
// the reconciler from PostgreSQL, so flush gives up on a stuck enqueue and only logs.
function ctxWith(enqueue: () => Promise<void>, warnings: string[], published: string[]): ServiceContext {
  return {
    db: undefined as never,
    jobs: { enqueue },
    events: { publish: (events) => void published.push(...events.map((e) => e.name)) },
    now: () => new Date(),
    random: () => 0.5,
    log: { info: () => {}, warn: (_o, msg) => void warnings.push(msg ?? ''), error: () => {} },
  };
}

test('a stuck enqueue is abandoned after the timeout and events still go out', async () => {
  const warnings: string[] = [];
  const published: string[] = [];
  const out = new Outbox();
  out.job({ name: 'score-batch', payload: { batchId: 'b' } });
  out.event({ name: 'work:available', room: 'r', payload: { projectId: 'p' } });
  const started = Date.now();
  await flush(ctxWith(() => new Promise(() => {}), warnings, published), out);
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThanOrEqual(ENQUEUE_TIMEOUT_MS - 50);
  expect(waited).toBeLessThan(ENQUEUE_TIMEOUT_MS + 2000);
  expect(warnings).toEqual(['enqueue failed; the reconciler will pick the work up']);
  expect(published).toEqual(['work:available']);
});

test('a failing enqueue is logged, not thrown', async () => {
  const warnings: string[] = [];
  const out = new Outbox();
  out.job({ name: 'reconcile', payload: {} });
  await expect(flush(ctxWith(() => Promise.reject(new Error('ECONNREFUSED')), warnings, []), out)).resolves.toBeUndefined();
  expect(warnings).toHaveLength(1);
});
