import { Box, LinearProgress, Typography } from '@material-ui/core';
import { CampaignCount } from '@cnmm/backstage-plugin-maturity-common';
import { percent } from './text';

/** How many entities meet every goal, as a bar and in words. */
export function CampaignProgressBar(props: {
  count: CampaignCount;
  label: string;
}) {
  const { count, label } = props;
  return (
    <Box display="flex" alignItems="center" minWidth={180}>
      <Box flexGrow={1} mr={1}>
        <LinearProgress
          variant="determinate"
          value={percent(count)}
          aria-label={`${label}: ${count.meeting} of ${count.total} meet the goals`}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {count.meeting}/{count.total}
      </Typography>
    </Box>
  );
}
