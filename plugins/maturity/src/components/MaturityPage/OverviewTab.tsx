import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { changesDates, ChangesView } from '../Changes';
import {
  AsOfControls,
  saveFile,
  serverMessage,
  useAsOfParams,
} from '../shared';
import { ExemptionsView } from './ExemptionsView';
import { OverviewFilterBar } from './OverviewFilterBar';
import { OverviewTable } from './OverviewTable';
import { useOverviewFilters, useResolvedFilters } from './useOverviewFilters';

/**
 * Every assessed entity, filtered, sorted and paged on the server, now or as
 * of a day, and what changed since an earlier moment; the filters and the
 * moments are in the page's address, so a view can be shared.
 */
export function OverviewTab(props: { model: MaturityModel }) {
  const { model } = props;
  const api = useApi(maturityApiRef);
  const { filters, setFilters } = useOverviewFilters();
  const resolved = useResolvedFilters(filters);
  const asOf = useAsOfParams();
  const { view } = asOf;
  const [exportError, setExportError] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const { entityFilter, problems } = resolved;
  const unusable = Object.values(problems);
  const ready = !unusable.length && entityFilter && !view.problems.asOf;
  const dates = changesDates(view);

  const exportCsv = async () => {
    if (!entityFilter) return;
    setExporting(true);
    setExportError(undefined);
    try {
      const file = await api.exportOverview(entityFilter, 'csv', {
        asOf: view.asOf,
      });
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
          disabled={exporting || !ready}
        >
          Export CSV
        </Button>
      </OverviewFilterBar>
      <Box mt={2}>
        <AsOfControls
          params={asOf.params}
          view={view}
          onChange={asOf.setAsOfParams}
        />
      </Box>
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
        {ready && (
          <OverviewTable model={model} filter={entityFilter} view={view} />
        )}
      </Box>
      {ready && dates && (
        <Box mt={3}>
          <ChangesView model={model} scope={entityFilter} dates={dates} />
        </Box>
      )}
      {ready && (
        <Box mt={3}>
          <ExemptionsView model={model} scope={entityFilter} />
        </Box>
      )}
    </Box>
  );
}
