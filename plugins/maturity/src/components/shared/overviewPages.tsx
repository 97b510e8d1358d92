import { useApi } from '@backstage/core-plugin-api';
import { EntityFilter } from '@cnmm/backstage-plugin-maturity-common';
import { TablePagination } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';

const PAGE_SIZES = [10, 25, 50, 100];

/** A column of the overview to sort by, and its order. */
export type OverviewSort = { sortBy: string; order: 'asc' | 'desc' };

/**
 * One page at a time of the overview for a filter and a sort, paged by the
 * server. The server only pages forward, so the cursor of each visited page
 * is kept for "Previous"; a new filter, sort or page size starts again.
 */
export function useOverviewPages(filter: EntityFilter, sort: OverviewSort) {
  const api = useApi(maturityApiRef);
  const [pageSize, setPageSize] = useState(25);
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const query = JSON.stringify([filter, sort, pageSize]);
  const [pagedQuery, setPagedQuery] = useState(query);
  if (query !== pagedQuery) {
    setPagedQuery(query);
    setCursors([undefined]);
  }
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(
    () => api.getOverview({ ...filter, ...sort, limit: pageSize, cursor }),
    // The query's text stands for the filter, sort and page size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, query, cursor],
  );
  const pagination = page.value && (
    <TablePagination
      component="div"
      count={page.value.totalCount}
      page={cursors.length - 1}
      rowsPerPage={pageSize}
      rowsPerPageOptions={PAGE_SIZES}
      SelectProps={{
        native: true,
        inputProps: { 'aria-label': 'Rows per page' },
      }}
      onPageChange={(_event, next) =>
        setCursors(c =>
          next > c.length - 1
            ? [...c, page.value?.nextCursor ?? undefined]
            : c.slice(0, -1),
        )
      }
      onRowsPerPageChange={event => setPageSize(Number(event.target.value))}
    />
  );
  return { page, pagination };
}
