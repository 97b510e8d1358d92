import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityFilter,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Grid,
  TableCell,
  TableRow,
  TableSortLabel,
  TextField,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert } from '@material-ui/lab';
import { ReactNode, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { maturityApiRef } from '../../api/MaturityApi';
import {
  AssessedAtCell,
  DimensionHeading,
  EntityRefCell,
  formatLevel,
  HeatMapCells,
  HeatMapTable,
  IndexAge,
  NameCell,
  OverviewSort,
  serverMessage,
  useOverviewPages,
} from '../shared';

const FILTER_DELAY_MS = 400;

interface Filters {
  kind: string;
  owner: string;
  system: string;
  lifecycle: string;
  minLevel: string;
}

const NO_FILTERS: Filters = {
  kind: 'component',
  owner: '',
  system: '',
  lifecycle: '',
  minLevel: '',
};

function toEntityFilter(filters: Filters): EntityFilter {
  const text = (value: string) => value.trim() || undefined;
  return {
    kind: text(filters.kind),
    owner: text(filters.owner),
    system: text(filters.system),
    lifecycle: text(filters.lifecycle),
    minLevel: filters.minLevel === '' ? undefined : Number(filters.minLevel),
  };
}

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

/** Every assessed entity, filtered, sorted and paged on the server. */
export function OverviewTab(props: { model: MaturityModel }) {
  const { model } = props;
  const api = useApi(maturityApiRef);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<OverviewSort>({
    sortBy: 'name',
    order: 'asc',
  });
  const [exportError, setExportError] = useState<string>();
  const [exporting, setExporting] = useState(false);

  useDebounce(
    () => {
      if (JSON.stringify(filters) !== JSON.stringify(applied)) {
        setApplied(filters);
      }
    },
    FILTER_DELAY_MS,
    [filters],
  );

  const entityFilter = useMemo(() => toEntityFilter(applied), [applied]);
  const { page, pagination } = useOverviewPages(entityFilter, sort);

  const setFilter = (key: keyof Filters) => (value: string) =>
    setFilters(f => ({ ...f, [key]: value }));

  const sortBy = (column: string) => {
    setSort(s => ({
      sortBy: column,
      order: s.sortBy === column && s.order === 'asc' ? 'desc' : 'asc',
    }));
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const file = await api.exportOverview(toEntityFilter(filters), 'csv');
      saveFile(file.blob, file.filename);
    } catch (error) {
      setExportError(serverMessage(error));
    } finally {
      setExporting(false);
    }
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
        onClick={() => sortBy(column)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );

  const textFilter = (key: keyof Filters, label: string, hint?: string) => (
    <Grid item xs={12} sm={6} md={2}>
      <TextField
        id={`maturity-filter-${key}`}
        label={label}
        placeholder={hint}
        fullWidth
        value={filters[key]}
        onChange={event => setFilter(key)(event.target.value)}
      />
    </Grid>
  );

  return (
    <Box>
      <Grid container spacing={2} alignItems="flex-end">
        {textFilter('owner', 'Owner', 'team-a or group:default/team-a')}
        {textFilter('system', 'System', 'payments')}
        {textFilter('lifecycle', 'Lifecycle', 'production')}
        {textFilter('kind', 'Kind', 'component')}
        <Grid item xs={12} sm={6} md={2}>
          <TextField
            select
            id="maturity-filter-minLevel"
            label="Minimum level"
            fullWidth
            value={filters.minLevel}
            onChange={event => setFilter('minLevel')(event.target.value)}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            <option value="">Any</option>
            {[0, 1, 2, 3, 4, 5].map(level => (
              <option key={level} value={level}>
                {formatLevel(model, level)}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={6} md={2}>
          <Button
            variant="outlined"
            startIcon={<GetAppIcon />}
            onClick={exportCsv}
            disabled={exporting}
          >
            Export CSV
          </Button>
        </Grid>
      </Grid>
      {exportError && (
        <Box mt={2}>
          <Alert severity="error">Export failed: {exportError}</Alert>
        </Box>
      )}

      <Box mt={2}>
        {page.error && <ResponseErrorPanel error={page.error} />}
        {page.loading && <Progress />}
        {page.value && (
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
        )}
      </Box>
    </Box>
  );
}
