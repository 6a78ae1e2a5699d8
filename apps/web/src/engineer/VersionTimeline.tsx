import type { KeyboardEvent } from 'react';
import type { DatasetVersion } from './datasetTypes';
import { TimelineEntry } from './TimelineEntry';

type Props = {
  versions: readonly DatasetVersion[] | undefined;
  selectedId: string | null;
  onSelect: (versionId: string) => void;
  now: number;
};

/** Every version of the project, newest first, as a vertical timeline; ↑/↓ move between them. */
export function VersionTimeline({ versions, selectedId, onSelect, now }: Props) {
  if (versions === undefined) return <p className="muted timeline-empty">Loading…</p>;
  if (versions.length === 0) return <p className="muted timeline-empty">No versions yet. Settled items are merged into a candidate version you can read, approve and export.</p>;
  const numbers = new Map(versions.map((v) => [v.id, v.number]));

  const move = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    const next = step ? versions[i + step] : undefined;
    if (!next) return;
    e.preventDefault();
    onSelect(next.id);
    document.getElementById(`version-${next.id}`)?.focus();
  };

  return (
    <ol className="timeline" aria-label="Dataset versions, newest first">
      {versions.map((v, i) => (
        <TimelineEntry
          key={v.id}
          version={v}
          parentNumber={v.parentId ? (numbers.get(v.parentId) ?? null) : null}
          selected={v.id === selectedId}
          onSelect={() => onSelect(v.id)}
          onSelectParent={() => {
            if (!v.parentId) return;
            onSelect(v.parentId);
            document.getElementById(`version-${v.parentId}`)?.focus();
          }}
          onKeyDown={(e) => move(e, i)}
          now={now}
        />
      ))}
    </ol>
  );
}
