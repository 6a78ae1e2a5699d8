import type { TProjectSummary } from '@quorum/contracts';
import { useHotkeys, digitIndex } from './useHotkeys';
import { Kbd } from './Kbd';
import { prettyLabel } from './labels';

/** The caller's projects; digits pick one. */
export function ProjectPicker({ projects, onPick }: { projects: readonly TProjectSummary[]; onPick: (p: TProjectSummary) => void }) {
  useHotkeys((e) => {
    const i = digitIndex(e, projects.length);
    const p = i === null ? undefined : projects[i];
    if (!p) return false;
    onPick(p);
    return true;
  });
  if (projects.length === 0) {
    return (
      <div className="empty">
        <h2>No projects yet</h2>
        <p className="muted">You are not a member of any project. Ask an engineer to add you.</p>
      </div>
    );
  }
  return (
    <section className="picker" aria-labelledby="picker-title">
      <h1 id="picker-title" className="page-title">
        Choose a project
      </h1>
      <ul className="picker-list">
        {projects.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="picker-item" onClick={() => onPick(p)} aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}>
              {i < 9 && <Kbd>{String(i + 1)}</Kbd>}
              <span className="picker-name">{p.name}</span>
              <span className="muted picker-meta">
                {p.labels.map(prettyLabel).join(' · ')} — batches of {p.batchSize}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
