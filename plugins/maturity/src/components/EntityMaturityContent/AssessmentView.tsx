import { InfoCard } from '@backstage/core-components';
import {
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Grid, makeStyles, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import {
  Assessor,
  formatDate,
  formatPercent,
  LevelChip,
  plural,
  StaleChip,
} from '../shared';
import { ReviewStatusChip } from '../Review';
import { MaturityRadar } from './charts';
import { TopicTable } from './TopicTable';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  notes: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

/** Who assessed, when, at which revision, and whether it is stale. */
export function AssessmentMeta(props: { assessment: StoredAssessment }) {
  const { assessment } = props;
  const classes = useStyles();
  return (
    <Box className={classes.row}>
      <Typography variant="body2">
        Revision {assessment.revision}, assessed by{' '}
        <Assessor userRef={assessment.createdBy} /> on{' '}
        {formatDate(assessment.createdAt)}
      </Typography>
      {assessment.review && <ReviewStatusChip review={assessment.review} />}
      {assessment.result.stale && <StaleChip />}
    </Box>
  );
}

/** One snapshot: summary and radar first, then the table of topics. */
export function AssessmentView(props: {
  model: MaturityModel;
  assessment: StoredAssessment;
  actions?: ReactNode;
}) {
  const { model, assessment, actions } = props;
  const classes = useStyles();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Maturity" action={actions}>
          <Grid container spacing={2}>
            <Grid item xs={12} md={5}>
              <AssessmentMeta assessment={assessment} />
              <Box mt={2}>
                <Typography variant="body2">
                  Progress to target:{' '}
                  <strong>
                    {formatPercent(assessment.result.percentToTarget)}
                  </strong>
                </Typography>
              </Box>
              <Box mt={2}>
                {model.dimensions.map(dimension => (
                  <Box key={dimension.id} className={classes.row} mb={1}>
                    <Typography variant="body2">{dimension.title}</Typography>
                    <LevelChip
                      model={model}
                      level={
                        assessment.result.dimensions[dimension.id]?.median ??
                        null
                      }
                    />
                    {/* The base of the median: N/A and unrated topics are not in it. */}
                    <Typography variant="caption" color="textSecondary">
                      {assessment.result.dimensions[dimension.id]?.rated ?? 0}{' '}
                      of {plural(dimension.topics.length, 'topic')} rated
                    </Typography>
                  </Box>
                ))}
              </Box>
              {assessment.comment && (
                <Box mt={2}>
                  <Typography variant="subtitle2" component="p">
                    Comment
                  </Typography>
                  <Typography variant="body2" className={classes.notes}>
                    {assessment.comment}
                  </Typography>
                </Box>
              )}
            </Grid>
            <Grid item xs={12} md={7}>
              <MaturityRadar model={model} assessment={assessment} />
            </Grid>
          </Grid>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Topics">
          <TopicTable
            key={assessment.revision}
            model={model}
            assessment={assessment}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
