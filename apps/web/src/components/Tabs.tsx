import type { KeyboardEvent, ReactNode } from 'react';

export type Tab<T extends string> = {
  id: T;
  label: string;
  /** e.g. open appeals; hidden when 0 */
  count?: number;
  /** What the count counts, e.g. "2 open appeals". */
  countLabel?: string;
};

type Props<T extends string> = { tabs: readonly Tab<T>[]; active: T; onChange: (id: T) => void; label: string };

/** A row of tabs (ARIA tabs pattern: ←/→ move between them). Pair with <TabPanel>. */
export function Tabs<T extends string>({ tabs, active, onChange, label }: Props<T>) {
  function onKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(i + step + tabs.length) % tabs.length];
    if (!next) return;
    onChange(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={t.id === active}
          aria-controls={`tabpanel-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {t.label}
          {t.count ? (
            <span className="tab-count" title={t.countLabel} aria-label={t.countLabel}>
              {t.count}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="tabpanel" role="tabpanel" id={`tabpanel-${id}`} aria-labelledby={`tab-${id}`}>
      {children}
    </div>
  );
}
