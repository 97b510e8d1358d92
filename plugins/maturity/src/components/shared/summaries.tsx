import {
  MaturityModel,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  LinearProgress,
  Link,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { formatPercent } from './format';
import { plural } from './plural';
import { EarlierLevels, levelChange } from './levelChange';
import { formatLevel, LevelChip } from './levels';

const WEAKEST_TOPICS = 5;

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/** The median of each dimension of a roll-up, by dimension id. */
export function mediansOf(
  dimensions: Scorecard['dimensions'],
): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(dimensions).map(([id, stats]) => [id, stats.median]),
  );
}

/** Assessed, total and stale components, and the progress to target. */
export function Coverage(props: { scorecard: Scorecard }) {
  const { components, percentToTarget } = props.scorecard;
  const ratio = components.total ? components.assessed / components.total : 0;
  return (
    <Box>
      <Typography variant="body1">
        {components.assessed} of {plural(components.total, 'component')}{' '}
        assessed
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

/**
 * Each dimension's median over the components' medians; against earlier
 * medians, how each moved since, in an arrow and in words.
 */
export function DimensionMedians(props: {
  model: MaturityModel;
  dimensions: Scorecard['dimensions'];
  earlier?: EarlierLevels;
}) {
  const { model, dimensions, earlier } = props;
  const classes = useStyles();
  return (
    <Box>
      {model.dimensions.map(dimension => {
        const stats = dimensions[dimension.id];
        const median = stats?.median ?? null;
        const change =
          earlier &&
          levelChange(
            model,
            median,
            earlier.levels[dimension.id] ?? null,
            earlier.when,
          );
        return (
          <Box key={dimension.id} className={classes.row}>
            <Typography variant="body2">{dimension.title}</Typography>
            <LevelChip model={model} level={median} />
            <Typography variant="caption" color="textSecondary">
              {stats?.rated ?? 0} rated
              {stats?.min !== null &&
                stats?.min !== undefined &&
                ` · range ${stats.min}–${stats.max}`}
            </Typography>
            {change && (
              <Typography variant="caption">
                {change.arrow && (
                  <span aria-hidden="true">{change.arrow} </span>
                )}
                {change.text}
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

/** The lowest-rated topics by median, ties broken by their lowest rating. */
export function WeakestTopics(props: {
  model: MaturityModel;
  scorecard: Scorecard;
}) {
  const { model, scorecard } = props;
  const classes = useStyles();
  const topics = model.dimensions.flatMap(d =>
    d.topics.map(t => ({
      dimension: d,
      topic: t,
      stats: scorecard.topics[t.id],
    })),
  );
  const weakest = topics
    .filter(t => t.stats && t.stats.median !== null)
    .sort(
      (a, b) =>
        a.stats!.median! - b.stats!.median! ||
        (a.stats!.min ?? 0) - (b.stats!.min ?? 0),
    )
    .slice(0, WEAKEST_TOPICS);
  if (!weakest.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No topic has been rated yet.
      </Typography>
    );
  }
  return (
    <Box component="ol" pl={2} m={0}>
      {weakest.map(({ dimension, topic, stats }) => (
        <li key={topic.id}>
          <Box className={classes.row}>
            <Link href={topic.url} target="_blank" rel="noopener noreferrer">
              {topic.title}
            </Link>
            <Typography variant="caption" color="textSecondary">
              {dimension.title}
            </Typography>
            <LevelChip model={model} level={stats!.median} />
            <Typography variant="caption" color="textSecondary">
              lowest {formatLevel(model, stats!.min)}
            </Typography>
          </Box>
        </li>
      ))}
    </Box>
  );
}
