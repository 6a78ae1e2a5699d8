import { useEffect, useEffectEvent, useRef } from 'react';

/** Renew this often while the expert is active; well inside the server's 10-minute lease. */
export const RENEW_EVERY_MS = 2 * 60_000;
/** Activity within this long counts as "working on it". An idle screen lets the claim lapse. */
export const ACTIVE_WITHIN_MS = 3 * 60_000;

/**
 * Keeps the claim on `reviewId` alive while the expert is active on the page (keys, pointer,
 * scrolling), so a careful read of a long pair never loses the item; an abandoned tab lets the
 * lease run out and the item returns to the queue for others.
 */
export function useClaimRenewal(reviewId: string | null, renew: (reviewId: string) => void): void {
  const lastActive = useRef(Date.now());
  const onTick = useEffectEvent(() => {
    if (reviewId && Date.now() - lastActive.current < ACTIVE_WITHIN_MS) renew(reviewId);
  });
  useEffect(() => {
    const mark = () => {
      lastActive.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'scroll'] as const;
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, mark);
    };
  }, []);
  useEffect(() => {
    if (!reviewId) return;
    const t = setInterval(() => onTick(), RENEW_EVERY_MS);
    return () => clearInterval(t);
  }, [reviewId]);
}
