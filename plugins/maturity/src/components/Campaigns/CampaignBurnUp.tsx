import { CampaignProgress } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Typography, useTheme } from '@material-ui/core';
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

/** Per day since the start: how many meet every goal, of how many in scope. */
export function CampaignBurnUp(props: { burnup: CampaignProgress['burnup'] }) {
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
