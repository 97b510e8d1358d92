import { useApi } from '@backstage/core-plugin-api';
import { EntityFilter } from '@cnmm/backstage-plugin-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { useCursorPaging } from './cursorPaging';

/** A column of the overview to sort by, and its order. */
export type OverviewSort = { sortBy: string; order: 'asc' | 'desc' };

/** The moments a page is read at: now or `asOf`, and one to compare with. */
export interface PageMoments {
  asOf?: string;
  compareAsOf?: string;
}

/**
 * Whether the same page read at another moment holds the same rows: the
 * scope is today's catalog at any moment, so rows in name order keep their
 * places, but a minimum level or a sort by a level picks others.
 */
export function isComparablePage(
  filter: EntityFilter,
  sort: OverviewSort,
): boolean {
  return sort.sortBy === 'name' && filter.minLevel === undefined;
}

/**
 * One page at a time of the overview for a filter and a sort, paged by the
 * server, and, with a moment to compare with, the same page as it was then
 * (when comparable). A new filter, sort, page size or moment starts again
 * from the first page.
 */
export function useOverviewPages(
  filter: EntityFilter,
  sort: OverviewSort,
  moments: PageMoments = {},
) {
  const api = useApi(maturityApiRef);
  const { asOf } = moments;
  const compareAsOf = isComparablePage(filter, sort)
    ? moments.compareAsOf
    : undefined;
  const paging = useCursorPaging(JSON.stringify([filter, sort, asOf]));
  const { cursor, pageSize } = paging;
  const read = (at: string | undefined) =>
    api.getOverview({ ...filter, ...sort, limit: pageSize, cursor, asOf: at });
  // The paging key stands for the filter, sort, page size and moment.
  /* eslint-disable react-hooks/exhaustive-deps */
  const page = useAsync(() => read(asOf), [api, paging.key, cursor]);
  const earlier = useAsync(
    async () => (compareAsOf ? read(compareAsOf) : undefined),
    [api, paging.key, cursor, compareAsOf],
  );
  /* eslint-enable react-hooks/exhaustive-deps */
  const pagination = paging.pagination(page.value, page.value?.totalCount ?? 0);
  return { page, earlier, pagination };
}
