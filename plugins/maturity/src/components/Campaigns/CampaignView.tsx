import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CampaignEntityRow,
  CampaignProgress,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Chip,
  Grid,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { maturityApiRef } from '../../api/MaturityApi';
import { serverMessage } from '../shared';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';
import {
  campaignInput,
  describeGoal,
  describeMiss,
  describeTiming,
} from './text';

const PAGE = 50;

function BurnUp(props: { burnup: CampaignProgress['burnup'] }) {
  const theme = useTheme();
  if (props.burnup.length === 0) {
    return <Typography>The campaign has not started yet.</Typography>;
  }
  const last = props.burnup[props.burnup.length - 1];
  return (
    <Box
      height={220}
      role="img"
      aria-label={`Burn-up: ${last.meeting} of ${last.total} meeting every goal on ${last.date}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={props.burnup}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line
            type="stepAfter"
            dataKey="meeting"
            name="meeting every goal"
            stroke={theme.palette.primary.main}
            isAnimationActive={false}
          />
          <Line
            type="stepAfter"
            dataKey="total"
            name="in scope"
            stroke={theme.palette.text.secondary}
            strokeDasharray="4 4"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
}

function EntityRows(props: {
  model: MaturityModel;
  rows: CampaignEntityRow[];
}) {
  return (
    <Table size="small" aria-label="Entities of the campaign">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Still needs</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.entityRef}>
            <TableCell>
              <EntityRefLink entityRef={row.entityRef} />
            </TableCell>
            <TableCell>
              {row.ownerRef && <EntityRefLink entityRef={row.ownerRef} />}
            </TableCell>
            <TableCell>
              {row.meets ? (
                'Meets every goal'
              ) : (
                <Box component="ul" m={0} pl={2}>
                  {row.misses.map(miss => (
                    <li key={miss.goal}>{describeMiss(props.model, miss)}</li>
                  ))}
                </Box>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

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
  const [more, setMore] = useState<CampaignEntityRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [closeError, setCloseError] = useState<string>();
  const progress = useAsyncRetry(async () => {
    const page = await api.getCampaignProgress(campaignId, {
      show,
      limit: PAGE,
    });
    setMore([]);
    setCursor(page.entities.nextCursor);
    return page;
  }, [api, campaignId, show]);

  if (progress.error) return <ResponseErrorPanel error={progress.error} />;
  if (!progress.value) return <Progress />;
  const { campaign } = progress.value;
  const editable = canManage && campaign.source === 'database';

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

  const loadMore = async () => {
    const page = await api.getCampaignProgress(campaignId, {
      show,
      limit: PAGE,
      cursor: cursor ?? undefined,
    });
    setMore(rows => [...rows, ...page.entities.items]);
    setCursor(page.entities.nextCursor);
  };

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
              <BurnUp burnup={progress.value.burnup} />
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
              <EntityRows
                model={model}
                rows={[...progress.value.entities.items, ...more]}
              />
              {cursor && (
                <Box mt={1}>
                  <Button size="small" onClick={loadMore}>
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
