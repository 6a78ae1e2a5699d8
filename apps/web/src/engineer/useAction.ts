import { useState } from 'react';
import { errorMessage } from '../api/errors';

/** One action at a time per screen: which id is busy, and the last error as a message. */
export function useAction() {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function act(id: string, work: () => Promise<unknown>): Promise<boolean> {
    setBusyId(id);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusyId(null);
    }
  }
  return { busyId, error, setError, act };
}
