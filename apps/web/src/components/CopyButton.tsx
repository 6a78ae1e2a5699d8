import { useEffect, useState } from 'react';

/**
 * Copies `text` to the clipboard. It says "Copied" for a moment where it stands, in a button of
 * fixed width so nothing around it moves; `label` names what is copied for screen readers.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    // No clipboard outside a secure context (plain http on another host): say so instead of failing silently.
    if (!navigator.clipboard) return setState('failed');
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button type="button" className="copy-button" onClick={copy} aria-label={label} title={state === 'failed' ? 'Copying is not available here; select the text instead' : label}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Failed' : 'Copy'}</span>
    </button>
  );
}
