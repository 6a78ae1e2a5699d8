import type { TBatchOutcome, TLabellerBatch } from '@quorum/contracts';
import { useCallback, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, isApiError } from '../api/errors';

export type LabellerPhase =
  | { kind: 'idle' }
  | { kind: 'waiting'; workAvailable: boolean }
  | { kind: 'labelling'; batch: TLabellerBatch }
  | { kind: 'submitted'; outcome: TBatchOutcome }
  | { kind: 'expired' }
  | { kind: 'paused'; reason: string };

/** "you are paused from new batches: 2 of your last 3…" (a 403) or the event's reason → "2 of your last 3…". */
export function pauseReasonText(message: string): string {
  const reason = message.replace(/^you are paused from new batches:\s*/i, '').trim() || 'Paused by the project.';
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

const answersOf = (batch: TLabellerBatch) => Object.fromEntries(batch.assignments.filter((a) => a.label).map((a) => [a.id, a.label as string]));

/**
 * The labeller's working state for one project. Answers are shown at once and written in order
 * through one queue, so a changed answer never overtakes the first one and submit waits for
 * every write.
 */
export function useLabellerBatch(projectId: string, onSubmitted: (outcome: TBatchOutcome) => void) {
  const [phase, setPhaseState] = useState<LabellerPhase>({ kind: 'idle' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Paused while a batch or its outcome is on screen: it stays, the next batch is refused. */
  const [pausedReason, setPausedReason] = useState<string | null>(null);
  const phaseRef = useRef(phase);
  const answersRef = useRef(answers);
  const writes = useRef<Promise<void>>(Promise.resolve());

  const setPhase = useCallback((p: LabellerPhase) => {
    phaseRef.current = p;
    setPhaseState(p);
  }, []);
  const updateAnswers = (f: (a: Record<string, string>) => Record<string, string>) => {
    answersRef.current = f(answersRef.current);
    setAnswers(answersRef.current);
  };

  /** Lease expiry and pauses change the screen; anything else is shown as a message. */
  const fail = useCallback(
    (e: unknown) => {
      if (isApiError(e) && e.code === 'lease_expired') setPhase({ kind: 'expired' });
      else if (isApiError(e) && e.code === 'paused') setPhase({ kind: 'paused', reason: pauseReasonText(e.details?.find((d) => d.field === 'pauseReason')?.message ?? e.message) });
      else setError(errorMessage(e));
    },
    [setPhase],
  );

  const startBatch = useCallback(
    (batch: TLabellerBatch | null) => {
      if (!batch) return setPhase({ kind: 'waiting', workAvailable: false });
      answersRef.current = answersOf(batch);
      setAnswers(answersRef.current);
      setPhase({ kind: 'labelling', batch: { ...batch, assignments: [...batch.assignments].sort((a, b) => a.position - b.position) } });
    },
    [setPhase],
  );

  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const requestBatch = useCallback(() => run(async () => startBatch(await api.requestBatch(projectId))), [run, startBatch, projectId]);
  /** Reopens a batch still open after a reload; one that lapsed meanwhile is simply left. */
  const resumeBatch = useCallback(
    (batchId: string) =>
      run(async () => {
        const batch = await api.getBatch(batchId);
        if (batch.status === 'open' && Date.parse(batch.expiresAt) > Date.now() && phaseRef.current.kind === 'idle') startBatch(batch);
      }),
    [run, startBatch],
  );

  const answer = (assignmentId: string, label: string, clientMs: number) => {
    const previous = answersRef.current[assignmentId];
    updateAnswers((a) => ({ ...a, [assignmentId]: label }));
    writes.current = writes.current.then(
      () =>
        api.recordLabel(assignmentId, label, clientMs).then(
          () => undefined,
          (e: unknown) => {
            // Undo only if no later answer replaced this one meanwhile.
            if (answersRef.current[assignmentId] === label) {
              updateAnswers((a) => {
                const { [assignmentId]: _dropped, ...rest } = a;
                return previous ? { ...rest, [assignmentId]: previous } : rest;
              });
            }
            fail(e);
          },
        ),
    );
  };

  const submit = () =>
    run(async () => {
      await writes.current;
      const p = phaseRef.current;
      if (p.kind !== 'labelling') return;
      if (!p.batch.assignments.every((a) => answersRef.current[a.id])) return;
      const outcome = await api.submitBatch(p.batch.id);
      setPhase({ kind: 'submitted', outcome });
      onSubmitted(outcome);
    });

  /** `batch:decided` for the batch on screen. */
  const decided = (batchId: string, status: TBatchOutcome['status'], reasons: string[]) => {
    const p = phaseRef.current;
    if (p.kind === 'labelling' && p.batch.id === batchId && status === 'expired') setPhase({ kind: 'expired' });
    if (p.kind === 'submitted' && p.outcome.id === batchId) setPhase({ kind: 'submitted', outcome: { ...p.outcome, status, reasons } });
  };

  const workAvailable = () => {
    if (phaseRef.current.kind === 'waiting') setPhase({ kind: 'waiting', workAvailable: true });
  };

  /** `labeller:paused`: a reason pauses (a batch or outcome on screen stays there); null lifts it. */
  const pauseChanged = (reason: string | null) => {
    const kind = phaseRef.current.kind;
    if (reason === null) {
      setPausedReason(null);
      if (kind === 'paused') setPhase({ kind: 'idle' });
    } else if (kind === 'labelling' || kind === 'submitted') setPausedReason(pauseReasonText(reason));
    else setPhase({ kind: 'paused', reason: pauseReasonText(reason) });
  };

  /** A newer view of the batch on the submitted panel, e.g. after an appeal. */
  const outcomeChanged = (outcome: TBatchOutcome) => {
    const p = phaseRef.current;
    if (p.kind === 'submitted' && p.outcome.id === outcome.id) setPhase({ kind: 'submitted', outcome });
  };

  return {
    phase,
    answers,
    busy,
    error,
    pausedReason,
    dismissError: () => setError(null),
    requestBatch,
    resumeBatch,
    answer,
    submit,
    decided,
    workAvailable,
    pauseChanged,
    outcomeChanged,
  };
}
