import { AsOfView, formatDay } from '../shared';

/** The two moments changes are read between, and how people read them. */
export interface ChangesDates {
  from: string;
  fromLabel: string;
  /** Now when undefined. */
  to?: string;
  toLabel: string;
}

/**
 * The changes of a page's comparison: from the moment compared with to the
 * as-of day (or now); none without a comparison.
 */
export function changesDates(view: AsOfView): ChangesDates | undefined {
  if (!view.compareAsOf || !view.compareLabel) return undefined;
  return {
    from: view.compareAsOf,
    fromLabel: view.compareLabel,
    to: view.asOf,
    toLabel: view.asOf ? formatDay(view.asOf) : 'today',
  };
}
