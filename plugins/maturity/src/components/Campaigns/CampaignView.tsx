import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Chip,
  Grid,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { serverMessage } from '../shared';
import { CampaignBurnUp } from './CampaignBurnUp';
import { CampaignEntityTable } from './CampaignEntityTable';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';
import { campaignInput, describeGoal, describeTiming } from './text';
import { useCampaignProgress } from './useCampaignProgress';

/** One campaign: where it stands per goal, per team and per day, and who is short. */
export function CampaignView(props: {
  model: MaturityModel;
  campaignId: string;
  canManage: boolean;
  onBack: () => void;
}) {
  const { model, campaignId, canManage } = props;
  const api = useApi(maturityApiRef);
  const [show, setShow] = useState<'short' | 'all'>('short');
  const [editing, setEditing] = useState(false);
  const [closeError, setCloseError] = useState<string>();
  const { progress, rows, hasMore, loadMore, loadingMore, loadMoreError } =
    useCampaignProgress(campaignId, show);

  if (progress.error) return <ResponseErrorPanel error={progress.error} />;
  if (!progress.value) return <Progress />;
  const { campaign } = progress.value;
  // A scope that names a group or system the reader cannot see comes back
  // as words: saving it would overwrite the real ref, so it is not editable.
  const hiddenScope = campaign.hiddenScope?.length ?? 0;
  const editable = canManage && campaign.source === 'database' && !hiddenScope;

  if (editing) {
    return (
      <CampaignForm
        model={model}
        campaign={campaign}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          progress.retry();
        }}
      />
    );
  }

  const close = async () => {
    setCloseError(undefined);
    try {
      await api.updateCampaign(campaign.id, {
        ...campaignInput(campaign),
        status: 'closed',
        baseVersion: campaign.version,
      });
      progress.retry();
    } catch (error) {
      setCloseError(serverMessage(error));
    }
  };

  return (
    <>
      <Box display="flex" alignItems="center" mb={1}>
        <Button onClick={props.onBack}>All campaigns</Button>
        <Box flexGrow={1} />
        {editable && campaign.status === 'open' && (
          <>
            <Button variant="outlined" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Box ml={1}>
              <Button variant="outlined" onClick={close}>
                Close campaign
              </Button>
            </Box>
          </>
        )}
      </Box>
      {canManage && campaign.source === 'database' && hiddenScope > 0 && (
        <Box mb={2}>
          <Alert severity="info">
            This campaign's scope names a group or system you cannot see, so you
            cannot edit or close it.
          </Alert>
        </Box>
      )}
      {closeError && (
        <Box mb={2}>
          <Alert severity="error">{closeError}</Alert>
        </Box>
      )}
      <Typography variant="h5" component="h2">
        {campaign.title}
        {campaign.source === 'config' && (
          <Box component="span" ml={1}>
            <Chip size="small" label="from configuration" />
          </Box>
        )}
      </Typography>
      <Typography color="textSecondary" gutterBottom>
        {campaign.startsOn} to {campaign.deadline} · {describeTiming(campaign)}{' '}
        · version {campaign.version}
      </Typography>
      {campaign.description && (
        <Typography paragraph>{campaign.description}</Typography>
      )}
      <Box maxWidth={480} mb={2}>
        <CampaignProgressBar count={progress.value} label={campaign.title} />
      </Box>
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <Paper variant="outlined">
            <Box p={2}>
              <Typography variant="h6" component="h3">
                Per goal
              </Typography>
              <Table size="small" aria-label="Progress per goal">
                <TableBody>
                  {progress.value.byGoal.map(goal => (
                    <TableRow key={goal.goal}>
                      <TableCell>
                        {describeGoal(model, campaign, goal.goal)}
                      </TableCell>
                      <TableCell>
                        <CampaignProgressBar count={goal} label={goal.goal} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <Paper variant="outlined">
            <Box p={2}>
              <Typography variant="h6" component="h3">
                Per team
              </Typography>
              <Table size="small" aria-label="Progress per team">
                <TableBody>
                  {progress.value.byTeam.map(team => (
                    <TableRow key={team.ownerRef ?? 'none'}>
                      <TableCell>
                        {team.ownerRef ? (
                          <EntityRefLink entityRef={team.ownerRef} />
                        ) : (
                          'No owner'
                        )}
                      </TableCell>
                      <TableCell>
                        <CampaignProgressBar
                          count={team}
                          label={team.ownerRef ?? 'No owner'}
                        />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <Typography variant="h6" component="h3">
                Burn-up
              </Typography>
              <CampaignBurnUp burnup={progress.value.burnup} />
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <Box display="flex" alignItems="center">
                <Typography variant="h6" component="h3" style={{ flexGrow: 1 }}>
                  {show === 'short'
                    ? `Still short (${progress.value.entities.totalCount})`
                    : `Every entity (${progress.value.entities.totalCount})`}
                </Typography>
                <Button
                  size="small"
                  onClick={() => setShow(show === 'short' ? 'all' : 'short')}
                >
                  {show === 'short'
                    ? 'Show every entity'
                    : 'Show only those short'}
                </Button>
              </Box>
              <CampaignEntityTable model={model} rows={rows} />
              {loadMoreError && (
                <Box mt={1}>
                  <Alert severity="error">
                    Could not load more entities: {loadMoreError}
                  </Alert>
                </Box>
              )}
              {hasMore && (
                <Box mt={1}>
                  <Button
                    size="small"
                    onClick={loadMore}
                    disabled={loadingMore}
                  >
                    Load more
                  </Button>
                </Box>
              )}
            </Box>
          </Paper>
        </Grid>
      </Grid>
    </>
  );
}
