import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { asOfView } from './asOfView';

/** The "As of" and "Compare with" choices as the address holds them. */
export interface AsOfParams {
  /** A day (YYYY-MM-DD), empty for now. */
  asOf: string;
  /** 30d, 90d, quarter, a day, "date" while one is chosen, or empty. */
  compare: string;
}

/**
 * A page's "As of" and "Compare with", kept in its address like the
 * overview's filters, so that a view of the past can be shared as a link;
 * a change replaces the history entry rather than adding one.
 */
export function useAsOfParams() {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf')?.trim() ?? '';
  const compare = params.get('compare')?.trim() ?? '';
  const view = useMemo(
    () => asOfView({ asOf, compare }, new Date()),
    [asOf, compare],
  );
  const setAsOfParams = useCallback(
    (changes: Partial<AsOfParams>) =>
      setParams(
        current => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value.trim()) next.set(key, value.trim());
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params: { asOf, compare }, view, setAsOfParams };
}
