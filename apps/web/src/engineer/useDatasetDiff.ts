import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { DatasetDiff, DiffKind } from './datasetTypes';

export const DIFF_PAGE_SIZE = 50;

/**
 * One page of a version's diff against another (the parent when `against` is undefined), one
 * kind or all. Pages follow the server's cursors; the cursors already used are kept, so
 * "previous" goes back without the server having to page backwards. While the next page loads
 * the current one stays on screen, so the list does not collapse and jump.
 */
export function useDatasetDiff(versionId: string, against: string | undefined, kind: DiffKind | undefined) {
  const query = `${versionId}|${against ?? ''}|${kind ?? ''}`;
  const [cursors, setCursors] = useState<{ query: string; stack: (string | undefined)[] }>({ query, stack: [undefined] });
  // A new question starts again at its first page (adjusting state while rendering, as React advises, so no stale page is fetched).
  const stack = cursors.query === query ? cursors.stack : [undefined];
  if (cursors.query !== query) setCursors({ query, stack });
  const cursor = stack[stack.length - 1];

  const [state, setState] = useState<{ data: DatasetDiff | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.datasetDiff(versionId, { against, kind, cursor, limit: DIFF_PAGE_SIZE }).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ ...s, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [versionId, against, kind, cursor]);

  const nextCursor = state.loading ? null : (state.data?.nextCursor ?? null);
  return {
    ...state,
    /** 1-based. */
    page: stack.length,
    next: nextCursor ? () => setCursors({ query, stack: [...stack, nextCursor] }) : undefined,
    previous: stack.length > 1 && !state.loading ? () => setCursors({ query, stack: stack.slice(0, -1) }) : undefined,
  };
}
