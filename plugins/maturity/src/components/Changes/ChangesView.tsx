import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityFilter,
  MaturityModel,
  Movement,
  MOVEMENTS,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { saveFile, serverMessage, useCursorPaging } from '../shared';
import { ChangedEntities } from './ChangedEntities';
import { ChangesByTeam } from './ChangesByTeam';
import { ChangesDates } from './changesDates';
import { MOVEMENT_TEXT, movementCount } from './movements';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
  },
  field: { width: 220 },
}));

/**
 * Who improved and who regressed between two dates within a scope: the
 * totals, the entities a page at a time (filtered by movement), the counts
 * per team, and the whole list as CSV.
 */
export function ChangesView(props: {
  model: MaturityModel;
  /** The overview's filters; a minimum level does not apply to changes. */
  scope: EntityFilter;
  dates: ChangesDates;
}) {
  const { model, dates } = props;
  const { minLevel, ...scope } = props.scope;
  const classes = useStyles();
  const api = useApi(maturityApiRef);
  const [movement, setMovement] = useState<Movement | ''>('');
  const [download, setDownload] = useState<{ busy?: boolean; error?: string }>(
    {},
  );
  const query = {
    ...scope,
    from: dates.from,
    to: dates.to,
    movement: movement || undefined,
  };
  const paging = useCursorPaging(JSON.stringify(query));
  const { cursor, pageSize } = paging;
  const page = useAsync(
    () => api.getChanges({ ...query, limit: pageSize, cursor }),
    // The paging key stands for the query and the page size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, paging.key, cursor],
  );

  const downloadCsv = async () => {
    setDownload({ busy: true });
    try {
      const file = await api.exportChanges(query);
      saveFile(file.blob, file.filename);
      setDownload({});
    } catch (error) {
      setDownload({ error: serverMessage(error) });
    }
  };

  const totals = page.value?.totals;
  const body = () => {
    if (page.error) return <ResponseErrorPanel error={page.error} />;
    if (!page.value) return <Progress />;
    if (!page.value.items.length) {
      return (
        <Typography variant="body2" color="textSecondary">
          {movement
            ? 'No entity moved this way between these dates.'
            : 'No entity here was assessed at either date.'}
        </Typography>
      );
    }
    return (
      <>
        <ChangedEntities
          model={model}
          rows={page.value.items}
          fromLabel={dates.fromLabel}
        />
        {paging.pagination(
          page.value,
          movementCount(page.value.totals, movement || undefined),
        )}
      </>
    );
  };

  return (
    <InfoCard title={`Changes from ${dates.fromLabel} to ${dates.toLabel}`}>
      {totals && (
        <Box mb={2}>
          <Typography variant="body1">
            {totals.improved} improved · {totals.regressed} regressed ·{' '}
            {totals.newlyAssessed} newly assessed · {totals.unchanged} unchanged
          </Typography>
        </Box>
      )}
      <Box className={classes.bar}>
        <TextField
          select
          id="maturity-changes-movement"
          className={classes.field}
          label="Movement"
          value={movement}
          onChange={event => setMovement(event.target.value as Movement | '')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">
            All{totals ? ` (${movementCount(totals)})` : ''}
          </option>
          {MOVEMENTS.map(m => (
            <option key={m} value={m}>
              {MOVEMENT_TEXT[m].label}
              {totals ? ` (${movementCount(totals, m)})` : ''}
            </option>
          ))}
        </TextField>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={downloadCsv}
          disabled={download.busy}
        >
          Download CSV
        </Button>
      </Box>
      {download.error && (
        <Box mb={2}>
          <Alert severity="error">Download failed: {download.error}</Alert>
        </Box>
      )}
      {body()}
      {page.value && page.value.teams.length > 0 && (
        <Box mt={3}>
          <Typography variant="h6" component="h3" gutterBottom>
            By team
          </Typography>
          <ChangesByTeam teams={page.value.teams} />
        </Box>
      )}
    </InfoCard>
  );
}
