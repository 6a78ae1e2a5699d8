import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again; overlapping reloads keep only the newest answer. */
  reload: () => Promise<void>;
  /** Local update, e.g. from a socket event, without a round trip. */
  setData: (update: (prev: T | undefined) => T | undefined) => void;
};

/** Loads `fetcher()` when `key` changes. */
export function useResource<T>(key: string | null, fetcher: () => Promise<T>): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(key !== null);
  const seq = useRef(0);
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await fetcherRef.current();
      if (mine === seq.current) {
        setDataState(value);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (key === null) return;
    setDataState(undefined);
    void reload();
    return () => {
      seq.current++;
    };
  }, [key, reload]);

  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
