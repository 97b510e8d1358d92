import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityFilter,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  TableCell,
  TableRow,
  TableSortLabel,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert, AlertTitle } from '@material-ui/lab';
import { ReactNode, useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import {
  AssessedAtCell,
  DimensionHeading,
  EntityRefCell,
  HeatMapCells,
  HeatMapTable,
  IndexAge,
  NameCell,
  OverviewSort,
  serverMessage,
  useOverviewPages,
} from '../shared';
import { OverviewFilterBar } from './OverviewFilterBar';
import { useOverviewFilters, useResolvedFilters } from './useOverviewFilters';

// A link is the only way to hand a fetched file to the browser's download.
function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking in the same tick can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function OverviewTable(props: { model: MaturityModel; filter: EntityFilter }) {
  const { model, filter } = props;
  const [sort, setSort] = useState<OverviewSort>({
    sortBy: 'name',
    order: 'asc',
  });
  const { page, pagination } = useOverviewPages(filter, sort);

  const sortBy = (column: string) => {
    setSort(s => ({
      sortBy: column,
      order: s.sortBy === column && s.order === 'asc' ? 'desc' : 'asc',
    }));
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

  if (page.error) return <ResponseErrorPanel error={page.error} />;
  if (!page.value) return <Progress />;
  return (
    <>
      <HeatMapTable
        model={model}
        label="Maturity overview"
        header={
          <>
            {header('name', 'Entity')}
            <TableCell>Owner</TableCell>
            <TableCell>System</TableCell>
            <TableCell>Lifecycle</TableCell>
            {model.dimensions.map(d =>
              header(d.id, <DimensionHeading title={d.title} />),
            )}
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
            <HeatMapCells model={model} row={row} />
            <AssessedAtCell row={row} />
            <TableCell align="right">{row.revision ?? ''}</TableCell>
          </TableRow>
        ))}
      </HeatMapTable>
      {pagination}
      <IndexAge indexedAt={page.value.indexedAt} />
    </>
  );
}

/**
 * Every assessed entity, filtered, sorted and paged on the server; the
 * filters are in the page's address, so a filtered view can be shared.
 */
export function OverviewTab(props: { model: MaturityModel }) {
  const { model } = props;
  const api = useApi(maturityApiRef);
  const { filters, setFilters } = useOverviewFilters();
  const resolved = useResolvedFilters(filters);
  const [exportError, setExportError] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const { entityFilter, problems } = resolved;
  const unusable = Object.values(problems);

  const exportCsv = async () => {
    if (!entityFilter) return;
    setExporting(true);
    setExportError(undefined);
    try {
      const file = await api.exportOverview(entityFilter, 'csv');
      saveFile(file.blob, file.filename);
    } catch (error) {
      setExportError(serverMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Box>
      <OverviewFilterBar
        model={model}
        filters={filters}
        resolved={resolved}
        onChange={setFilters}
      >
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={exportCsv}
          disabled={exporting || !entityFilter || unusable.length > 0}
        >
          Export CSV
        </Button>
      </OverviewFilterBar>
      {exportError && (
        <Box mt={2}>
          <Alert severity="error">Export failed: {exportError}</Alert>
        </Box>
      )}

      <Box mt={2}>
        {unusable.length > 0 && (
          <Alert severity="warning">
            <AlertTitle>
              These filters name nothing the overview can list
            </AlertTitle>
            {unusable.map(problem => (
              <div key={problem}>{problem}</div>
            ))}
          </Alert>
        )}
        {!unusable.length && !entityFilter && <Progress />}
        {!unusable.length && entityFilter && (
          <OverviewTable model={model} filter={entityFilter} />
        )}
      </Box>
    </Box>
  );
}
