import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CampaignSummary,
  MaturityModel,
  maturityCampaignManagePermission,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Chip,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { maturityApiRef } from '../../api/MaturityApi';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';
import { CampaignView } from './CampaignView';
import { describeTiming } from './text';

/** The Campaigns tab of the maturity page: the list, a campaign, the form. */
export function CampaignsTab(props: { model: MaturityModel }) {
  const { model } = props;
  const api = useApi(maturityApiRef);
  const campaigns = useAsyncRetry(() => api.listCampaigns(), [api]);
  const { allowed: canManage } = usePermission({
    permission: maturityCampaignManagePermission,
  });
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);

  if (creating) {
    return (
      <CampaignForm
        model={model}
        onCancel={() => setCreating(false)}
        onSaved={campaign => {
          setCreating(false);
          campaigns.retry();
          setOpenId(campaign.id);
        }}
      />
    );
  }
  if (openId) {
    return (
      <CampaignView
        model={model}
        campaignId={openId}
        canManage={canManage}
        onBack={() => {
          setOpenId(undefined);
          campaigns.retry();
        }}
      />
    );
  }
  if (campaigns.error) return <ResponseErrorPanel error={campaigns.error} />;
  if (!campaigns.value) return <Progress />;
  return (
    <>
      <Box display="flex" alignItems="center" mb={2}>
        <Typography variant="body1" style={{ flexGrow: 1 }}>
          A campaign sets goals for a set of components and a deadline; owners
          are reminded through notifications while they fall short.
        </Typography>
        {canManage && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setCreating(true)}
          >
            New campaign
          </Button>
        )}
      </Box>
      {campaigns.value.length === 0 ? (
        <Typography>No campaigns yet.</Typography>
      ) : (
        <Table size="small" aria-label="Campaigns">
          <TableHead>
            <TableRow>
              <TableCell>Campaign</TableCell>
              <TableCell>Deadline</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Meeting every goal</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {campaigns.value.map((campaign: CampaignSummary) => (
              <TableRow key={campaign.id}>
                <TableCell>
                  <Link
                    component="button"
                    variant="body2"
                    onClick={() => setOpenId(campaign.id)}
                  >
                    {campaign.title}
                  </Link>
                  {campaign.source === 'config' && (
                    <Box component="span" ml={1}>
                      <Chip size="small" label="from configuration" />
                    </Box>
                  )}
                </TableCell>
                <TableCell>{campaign.deadline}</TableCell>
                <TableCell>{describeTiming(campaign)}</TableCell>
                <TableCell>
                  <CampaignProgressBar
                    count={campaign.progress}
                    label={campaign.title}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
