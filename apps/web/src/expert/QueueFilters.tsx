import { useEffect, useRef, useState } from 'react';
import type { ReviewFilters } from '../api/endpoints';
import { Kbd } from '../components/Kbd';
import { prettyLabel } from '../components/labels';
import { useHotkeys } from '../components/useHotkeys';

type Props = { labels: readonly string[]; filters: ReviewFilters; onChange: (f: ReviewFilters) => void };

const DISAGREEMENT_STEPS = [0.5, 0.8, 0.9, 0.95];

/** Filters over the queue: the crowd's leading label, the model's label, disagreement, words. "/" jumps to the search. */
export function QueueFilters({ labels, filters, onChange }: Props) {
  const [text, setText] = useState(filters.q ?? '');
  const search = useRef<HTMLInputElement>(null);
  // Typing waits for a pause before asking the server.
  useEffect(() => {
    if ((filters.q ?? '') === text.trim()) return;
    const t = setTimeout(() => onChange({ ...filters, q: text.trim() || undefined }), 250);
    return () => clearTimeout(t);
  }, [text, filters, onChange]);
  useHotkeys((e) => {
    if (e.key !== '/') return false;
    search.current?.focus();
    return true;
  });
  const set = (patch: ReviewFilters) => onChange({ ...filters, ...patch });
  const labelOptions = labels.map((l) => (
    <option key={l} value={l}>
      {prettyLabel(l)}
    </option>
  ));
  return (
    <div className="queue-filters" role="search" aria-label="Filter the queue">
      <label className="filter filter-search">
        <span className="sr-only">Search the texts</span>
        <input
          ref={search}
          type="search"
          value={text}
          placeholder="Search the texts…"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
        <Kbd>/</Kbd>
      </label>
      <label className="filter">
        <span>Crowd leans</span>
        <select value={filters.crowdLabel ?? ''} onChange={(e) => set({ crowdLabel: e.target.value || undefined })}>
          <option value="">any</option>
          {labelOptions}
        </select>
      </label>
      <label className="filter">
        <span>Model says</span>
        <select value={filters.modelLabel ?? ''} onChange={(e) => set({ modelLabel: e.target.value || undefined })}>
          <option value="">any</option>
          {labelOptions}
        </select>
      </label>
      <label className="filter">
        <span>Disagreement</span>
        <select value={filters.minDisagreement ?? ''} onChange={(e) => set({ minDisagreement: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">any</option>
          {DISAGREEMENT_STEPS.map((s) => (
            <option key={s} value={s}>
              ≥ {s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
