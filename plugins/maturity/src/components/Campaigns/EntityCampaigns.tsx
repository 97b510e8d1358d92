import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityCampaign,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, List, ListItem, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { serverMessage } from '../shared';
import { CampaignProgressBar } from './CampaignProgressBar';
import { describeMiss, describeTiming } from './text';

function CampaignItem(props: { model: MaturityModel; item: EntityCampaign }) {
  const { campaign, evaluation, team } = props.item;
  return (
    <ListItem divider style={{ display: 'block' }}>
      <Box display="flex" alignItems="baseline">
        <Typography variant="subtitle1" style={{ flexGrow: 1 }}>
          {campaign.title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Deadline {campaign.deadline} · {describeTiming(campaign)}
        </Typography>
      </Box>
      {team && (
        <Box maxWidth={420}>
          <CampaignProgressBar count={team} label={campaign.title} />
        </Box>
      )}
      {evaluation &&
        (evaluation.meets ? (
          <Typography variant="body2">Meets every goal.</Typography>
        ) : (
          <>
            <Typography variant="body2">Still needs:</Typography>
            <Box component="ul" mt={0}>
              {evaluation.misses.map(miss => (
                <li key={miss.goal}>
                  <Typography variant="body2">
                    {describeMiss(props.model, miss)}
                  </Typography>
                </li>
              ))}
            </Box>
          </>
        ))}
    </ListItem>
  );
}

/**
 * The open campaigns an entity is in and what it still needs for each; for
 * a group, its teams' progress in each. Nothing is shown when there is none.
 */
export function EntityCampaigns(props: {
  model: MaturityModel;
  entityRef: string;
}) {
  const api = useApi(maturityApiRef);
  const campaigns = useAsync(
    () => api.getEntityCampaigns(props.entityRef),
    [api, props.entityRef],
  );
  if (campaigns.error) {
    return (
      <Alert severity="warning">
        Campaigns could not be loaded: {serverMessage(campaigns.error)}
      </Alert>
    );
  }
  if (!campaigns.value?.items.length) return null;
  return (
    <Box mb={2}>
      <InfoCard title="Campaigns" noPadding>
        <List aria-label="Campaigns">
          {campaigns.value.items.map(item => (
            <CampaignItem
              key={item.campaign.id}
              model={props.model}
              item={item}
            />
          ))}
        </List>
      </InfoCard>
    </Box>
  );
}
