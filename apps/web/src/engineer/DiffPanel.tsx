import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { count } from '../components/format';
import { Notice } from '../components/Notice';
import { DIFF_KINDS, type DatasetVersion, type DiffKind } from './datasetTypes';
import { DiffRows, KIND_NAMES } from './DiffRows';
import { DIFF_PAGE_SIZE, useDatasetDiff } from './useDatasetDiff';

type Props = {
  version: DatasetVersion;
  /** Every version of the project, to compare against any of them. */
  versions: readonly DatasetVersion[];
  labels: readonly string[];
};

const SIGN: Record<DiffKind, string> = { added: '+', removed: '−', relabelled: '', moved: '' };

/** What changed from another version (the parent unless another is picked) to this one, a page at a time, one kind or all. */
export function DiffPanel({ version, versions, labels }: Props) {
  const [against, setAgainst] = useState<string>('');
  const [kind, setKind] = useState<DiffKind | undefined>(undefined);
  const diff = useDatasetDiff(version.id, against || undefined, kind);
  const parent = versions.find((v) => v.id === version.parentId);
  // A rejected version keeps no rows, so there is nothing to compare with.
  const others = versions.filter((v) => v.id !== version.id && v.id !== version.parentId && v.status !== 'rejected');
  const summary = diff.data?.summary;
  const shownTotal = summary ? (kind ? summary[kind] : DIFF_KINDS.reduce((n, k) => n + summary[k], 0)) : 0;
  const first = (diff.page - 1) * DIFF_PAGE_SIZE + 1;
  const rows = diff.data?.rows ?? [];

  return (
    <div className="diff" aria-busy={diff.loading || undefined}>
      <div className="diff-controls">
        <label className="filter">
          <span>Compare with</span>
          <select value={against} onChange={(e) => setAgainst(e.target.value)}>
            <option value="">{version.parentId ? `its parent, version ${parent?.number ?? '?'}` : 'nothing (first version)'}</option>
            {others.map((v) => (
              <option key={v.id} value={v.id}>
                version {v.number} · {v.status}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label="Show changes of kind">
          <button type="button" className="segment" aria-pressed={kind === undefined} onClick={() => setKind(undefined)}>
            All
          </button>
          {DIFF_KINDS.map((k) => (
            <button key={k} type="button" className={`segment segment-${k}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {KIND_NAMES[k]}{' '}
              <span className="segment-count">
                {summary ? `${SIGN[k]}${count(summary[k])}` : '…'}
              </span>
            </button>
          ))}
        </div>
      </div>
      {diff.error !== null && diff.error !== undefined && <Notice tone="error">{errorMessage(diff.error)}</Notice>}
      <div className="diff-body">
        {diff.data === undefined ? (
          <p className="muted">Loading the diff…</p>
        ) : rows.length === 0 ? (
          <p className="muted">{kind ? `No ${KIND_NAMES[kind].toLowerCase()} rows.` : 'No row differs: the two versions hold the same rows.'}</p>
        ) : (
          <DiffRows rows={rows} labels={labels} />
        )}
      </div>
      {(diff.page > 1 || Boolean(diff.data?.nextCursor)) && (
        <nav className="pager" aria-label="Diff pages">
          <button type="button" className="button button-ghost button-small" disabled={!diff.previous} onClick={diff.previous}>
            ← Previous
          </button>
          <span className="muted" role="status">
            Rows {count(first)}–{count(first + rows.length - 1)} of {count(shownTotal)}
          </span>
          <button type="button" className="button button-ghost button-small" disabled={!diff.next} onClick={diff.next}>
            Next →
          </button>
        </nav>
      )}
    </div>
  );
}
