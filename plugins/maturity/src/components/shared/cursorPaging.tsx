import { TablePagination } from '@material-ui/core';
import { ReactElement, useState } from 'react';

const PAGE_SIZES = [10, 25, 50, 100];

/**
 * Pages of a list the server pages forward only, by cursor: the cursor of
 * each visited page is kept for "Previous", and a new query (its text, e.g.
 * JSON of its filters) or page size starts again from the first page.
 */
export function useCursorPaging(query: string) {
  const [pageSize, setPageSize] = useState(25);
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const key = JSON.stringify([query, pageSize]);
  const [pagedKey, setPagedKey] = useState(key);
  if (key !== pagedKey) {
    setPagedKey(key);
    setCursors([undefined]);
  }
  const cursor = cursors[cursors.length - 1];

  /**
   * The paging controls under a page of `count` items in all; without a
   * count (a list the server does not count), "more than" until the last.
   */
  const pagination = (
    page: { nextCursor?: string | null; items?: unknown[] } | undefined,
    count?: number,
  ): ReactElement | undefined =>
    page && (
      <TablePagination
        component="div"
        count={
          count ??
          (page.nextCursor
            ? -1
            : (cursors.length - 1) * pageSize + (page.items?.length ?? 0))
        }
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
              ? [...c, page.nextCursor ?? undefined]
              : c.slice(0, -1),
          )
        }
        onRowsPerPageChange={event => setPageSize(Number(event.target.value))}
      />
    );
  return { cursor, pageSize, key, page: cursors.length - 1, pagination };
}
