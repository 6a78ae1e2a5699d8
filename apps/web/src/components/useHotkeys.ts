import { useEffect, useEffectEvent } from 'react';

/** True when the key press belongs to a text field (or other form control), not to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(type);
}

/** Enter and Space on a focused button or link belong to that control (the browser clicks it). */
function isActivation(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  const t = e.target;
  return t instanceof HTMLElement && t.closest('button, a[href], summary, [role="button"]') !== null;
}

/**
 * Page-wide keyboard shortcuts. The handler returns true when it used the key (the browser's
 * default is then prevented). Keys typed into text fields, key repeats, IME composition and
 * presses with Ctrl/Alt/Meta never reach it.
 */
export function useHotkeys(handler: (e: KeyboardEvent) => boolean | void, enabled = true): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing || e.repeat) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTypingTarget(e.target) || isActivation(e)) return;
    if (handler(e) === true) e.preventDefault();
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}

/** 1-based digit shortcut → index into a list of up to nine options, or null. */
export function digitIndex(e: KeyboardEvent, count: number): number | null {
  if (!/^[1-9]$/.test(e.key)) return null;
  const i = Number(e.key) - 1;
  return i < count ? i : null;
}
