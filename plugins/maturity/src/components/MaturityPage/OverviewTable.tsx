import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  EntityFilter,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  TableCell,
  TableRow,
  TableSortLabel,
  Typography,
} from '@material-ui/core';
import { ReactNode, useState } from 'react';
import {
  AssessedAtCell,
  AsOfNotice,
  AsOfView,
  DimensionHeading,
  earlierByRef,
  EntityRefCell,
  HeatMapCells,
  HeatMapTable,
  IndexAge,
  isComparablePage,
  NameCell,
  OverviewSort,
  serverMessage,
  useOverviewPages,
} from '../shared';

const BY_NAME: OverviewSort = { sortBy: 'name', order: 'asc' };

/**
 * The overview's rows, sorted by a heading and paged on the server, now or
 * as of a day; against an earlier moment, each cell marked with how it
 * moved (when the rows of both moments are the same, see isComparablePage).
 */
export function OverviewTable(props: {
  model: MaturityModel;
  filter: EntityFilter;
  view: AsOfView;
}) {
  const { model, filter, view } = props;
  const [chosenSort, setSort] = useState<OverviewSort>(BY_NAME);
  // The server sorts by a dimension only now: its levels as of a day are
  // not indexed.
  const byDimension = model.dimensions.some(d => d.id === chosenSort.sortBy);
  const sort = view.asOf && byDimension ? BY_NAME : chosenSort;
  const { asOf, compareAsOf, compareLabel } = view;
  const { page, earlier, pagination } = useOverviewPages(filter, sort, {
    asOf,
    compareAsOf,
  });
  const earlierRows =
    earlier.value && compareLabel && !earlier.loading
      ? earlierByRef(earlier.value.items, compareLabel)
      : undefined;

  const sortBy = (column: string) => {
    setSort({
      sortBy: column,
      order: sort.sortBy === column && sort.order === 'asc' ? 'desc' : 'asc',
    });
  };

  const header = (column: string, label: ReactNode, align?: 'right') => (
    <TableCell
      key={column}
      align={align}
      sortDirection={sort.sortBy === column ? sort.order : false}
    >
      <TableSortLabel
        active={sort.sortBy === column}
        direction={sort.sortBy === column ? sort.order : 'asc'}
        // An arrow on every heading takes the width of a column at 1400 px.
        hideSortIcon
        onClick={() => sortBy(column)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
  const dimensionHeader = (id: string, title: string) =>
    asOf ? (
      <TableCell key={id}>
        <DimensionHeading title={title} />
      </TableCell>
    ) : (
      header(id, <DimensionHeading title={title} />)
    );

  if (page.error) return <ResponseErrorPanel error={page.error} />;
  if (!page.value) return <Progress />;
  return (
    <>
      <AsOfNotice answer={page.value} view={view} />
      {compareAsOf && !isComparablePage(filter, sort) && (
        <Typography variant="body2" color="textSecondary">
          The ▲ and ▼ marks are shown when sorted by entity, without a minimum
          level: other rows would be compared.
        </Typography>
      )}
      {earlier.error && (
        <Typography color="error" variant="body2">
          The earlier levels could not be read: {serverMessage(earlier.error)}
        </Typography>
      )}
      <Box mt={1}>
        <HeatMapTable
          model={model}
          label="Maturity overview"
          header={
            <>
              {header('name', 'Entity')}
              <TableCell>Owner</TableCell>
              <TableCell>System</TableCell>
              <TableCell>Lifecycle</TableCell>
              {model.dimensions.map(d => dimensionHeader(d.id, d.title))}
              {header('percentToTarget', 'To target', 'right')}
              {header('assessedAt', 'Assessed')}
              {header('revision', 'Revision', 'right')}
            </>
          }
        >
          {page.value.items.map(row => (
            <TableRow key={row.entityRef}>
              <EntityRefCell entityRef={row.entityRef} />
              <EntityRefCell entityRef={row.ownerRef} />
              <EntityRefCell entityRef={row.systemRef} />
              <NameCell>{row.lifecycle}</NameCell>
              <HeatMapCells
                model={model}
                row={row}
                earlier={earlierRows?.get(row.entityRef)}
              />
              <AssessedAtCell row={row} />
              <TableCell align="right">{row.revision ?? ''}</TableCell>
            </TableRow>
          ))}
        </HeatMapTable>
      </Box>
      {pagination}
      <IndexAge indexedAt={page.value.indexedAt} />
    </>
  );
}
