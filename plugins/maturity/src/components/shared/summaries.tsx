import {
  MaturityModel,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, LinearProgress, makeStyles, Typography } from '@material-ui/core';
import { formatPercent } from './format';
import { LevelChip } from './levels';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/** Assessed, total and stale components, and the progress to target. */
export function Coverage(props: { scorecard: Scorecard }) {
  const { components, percentToTarget } = props.scorecard;
  const ratio = components.total ? components.assessed / components.total : 0;
  return (
    <Box>
      <Typography variant="body1">
        {components.assessed} of {components.total} components assessed
      </Typography>
      <Box my={1}>
        <LinearProgress
          variant="determinate"
          value={ratio * 100}
          aria-label="Assessed components"
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {components.stale} stale · progress to target{' '}
        {formatPercent(percentToTarget)}
      </Typography>
    </Box>
  );
}

/** Each dimension's median over the components' medians. */
export function DimensionMedians(props: {
  model: MaturityModel;
  dimensions: Scorecard['dimensions'];
}) {
  const { model, dimensions } = props;
  const classes = useStyles();
  return (
    <Box>
      {model.dimensions.map(dimension => {
        const stats = dimensions[dimension.id];
        return (
          <Box key={dimension.id} className={classes.row}>
            <Typography variant="body2">{dimension.title}</Typography>
            <LevelChip model={model} level={stats?.median ?? null} />
            {stats?.min !== null && stats?.min !== undefined && (
              <Typography variant="caption" color="textSecondary">
                range {stats.min}–{stats.max}
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
