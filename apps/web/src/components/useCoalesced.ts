import { useEffect, useRef } from 'react';

/**
 * Wraps `fn` so that a burst of calls (e.g. one socket event per scored batch) runs it once,
 * `delayMs` after the first call of the burst.
 */
export function useCoalesced(fn: () => void, delayMs = 750): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      fnRef.current();
    }, delayMs);
  };
}
