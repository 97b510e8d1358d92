import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MaturityModel,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Chip,
  Grid,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  Coverage,
  DimensionMedians,
  formatDate,
  formatLevel,
  formatPercent,
  HeatCell,
  LevelChip,
} from '../shared';

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

function WeakestTopics(props: { model: MaturityModel; scorecard: Scorecard }) {
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

function DimensionHeaders(props: { model: MaturityModel }) {
  return (
    <>
      {props.model.dimensions.map(d => (
        <TableCell key={d.id} align="center">
          {d.title}
        </TableCell>
      ))}
    </>
  );
}

/** Child teams × dimensions. */
export function TeamHeatMap(props: {
  model: MaturityModel;
  rows: Scorecard['children'];
}) {
  const { model, rows } = props;
  return (
    <TableContainer>
      <Table size="small" aria-label="Maturity by team">
        <TableHead>
          <TableRow>
            <TableCell>Team</TableCell>
            <TableCell>Assessed</TableCell>
            <DimensionHeaders model={model} />
            <TableCell align="right">To target</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={row.entityRef} />
              </TableCell>
              <TableCell>
                {row.components.assessed}/{row.components.total}
                {row.components.stale > 0 && ` (${row.components.stale} stale)`}
              </TableCell>
              {model.dimensions.map(d => (
                <HeatCell
                  key={d.id}
                  model={model}
                  level={row.dimensions[d.id] ?? null}
                />
              ))}
              <TableCell align="right">
                {formatPercent(row.percentToTarget)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** Components × dimensions, each component linking to its page. */
export function EntityHeatMap(props: {
  model: MaturityModel;
  rows: Scorecard['entities'];
}) {
  const { model, rows } = props;
  return (
    <TableContainer>
      <Table size="small" aria-label="Maturity by component">
        <TableHead>
          <TableRow>
            <TableCell>Component</TableCell>
            <DimensionHeaders model={model} />
            <TableCell align="right">To target</TableCell>
            <TableCell>Assessed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={row.entityRef} />
              </TableCell>
              {model.dimensions.map(d => (
                <HeatCell
                  key={d.id}
                  model={model}
                  level={row.dimensions[d.id] ?? null}
                />
              ))}
              <TableCell align="right">
                {formatPercent(row.percentToTarget)}
              </TableCell>
              <TableCell>
                {row.assessedAt ? formatDate(row.assessedAt) : 'Not assessed'}
                {row.stale && (
                  <>
                    {' '}
                    <Chip size="small" color="secondary" label="Stale" />
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** A system's, group's or domain's scorecard. */
export function ScorecardView(props: {
  model: MaturityModel;
  scorecard: Scorecard;
}) {
  const { model, scorecard } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Coverage">
          <Coverage scorecard={scorecard} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Dimension medians">
          <DimensionMedians model={model} dimensions={scorecard.dimensions} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Weakest topics">
          <WeakestTopics model={model} scorecard={scorecard} />
        </InfoCard>
      </Grid>
      {scorecard.children.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Teams">
            <TeamHeatMap model={model} rows={scorecard.children} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Components">
          {scorecard.entities.length ? (
            <EntityHeatMap model={model} rows={scorecard.entities} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              There are no components here yet.
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
