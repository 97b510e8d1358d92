import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Dimension,
  MaturityModel,
  StoredAssessment,
  Topic,
  TopicResult,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Chip,
  Grid,
  Link,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import { ReactNode } from 'react';
import {
  formatDate,
  formatLevel,
  formatPercent,
  isHttpUrl,
  LevelChip,
  TopicLevels,
} from '../shared';
import { dimensionTarget, MaturityRadar } from './charts';

const useStyles = makeStyles(theme => ({
  topic: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(2, 0),
  },
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
  evidence: {
    overflowWrap: 'anywhere',
  },
}));

/** A user ref as a link; anything unparsable stays plain text. */
export function Assessor(props: { userRef: string }) {
  try {
    parseEntityRef(props.userRef);
  } catch {
    return <>{props.userRef}</>;
  }
  return <EntityRefLink entityRef={props.userRef} />;
}

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
      {assessment.result.stale && (
        <Chip size="small" color="secondary" label="Stale" />
      )}
    </Box>
  );
}

function TopicResultView(props: {
  model: MaturityModel;
  topic: Topic;
  result: TopicResult | undefined;
  assessment: StoredAssessment;
}) {
  const { model, topic, assessment } = props;
  const classes = useStyles();
  const result: TopicResult = props.result ?? {
    level: null,
    target: null,
    gap: null,
    nextLevel: null,
    inconsistent: false,
    incomplete: false,
    notApplicable: false,
  };
  const next = topic.levels.find(l => l.level === result.nextLevel);
  const notes = assessment.notes[topic.id];
  const evidence = assessment.evidence[topic.id] ?? [];
  return (
    <Box className={classes.topic} component="section" aria-label={topic.title}>
      <Box className={classes.row}>
        <Typography variant="subtitle1" component="h4">
          {topic.title}
        </Typography>
        {result.notApplicable ? (
          <Chip size="small" variant="outlined" label="Not applicable" />
        ) : (
          <LevelChip model={model} level={result.level} />
        )}
        <Typography variant="body2" color="textSecondary">
          Target:{' '}
          {result.target === null ? 'none' : formatLevel(model, result.target)}
          {result.gap !== null && ` · Gap: ${result.gap}`}
        </Typography>
      </Box>
      {result.inconsistent && (
        <Box mt={1}>
          <Alert severity="warning">
            A higher level is rated as met while a lower one is not. The level
            counts only up to the first unmet level; check the ratings.
          </Alert>
        </Box>
      )}
      {result.incomplete && (
        <Box mt={1}>
          <Alert severity="info">
            A level is rated while a lower one is not. The level counts only up
            to the first unrated level; rate the levels below.
          </Alert>
        </Box>
      )}
      {next && (
        <Box mt={1}>
          <Typography variant="body2">
            <strong>Next step</strong>, {formatLevel(model, next.level)}:{' '}
            {next.title}
          </Typography>
          <ul>
            {next.criteria.map(criterion => (
              <li key={criterion}>
                <Typography variant="body2">{criterion}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {notes && (
        <Box mt={1}>
          <Typography variant="subtitle2" component="p">
            Notes
          </Typography>
          <Typography variant="body2" className={classes.notes}>
            {notes}
          </Typography>
        </Box>
      )}
      {evidence.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2" component="p">
            Evidence
          </Typography>
          <ul className={classes.evidence}>
            {evidence.map((item, i) => (
              <li key={`${i}-${item}`}>
                {isHttpUrl(item) ? (
                  <Link href={item} target="_blank" rel="noopener noreferrer">
                    {item}
                  </Link>
                ) : (
                  <Typography variant="body2" component="span">
                    {item}
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Accordion variant="outlined">
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="body2">All levels and criteria</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <TopicLevels model={model} topic={topic} reached={result.level} />
        </AccordionDetails>
      </Accordion>
    </Box>
  );
}

function DimensionView(props: {
  model: MaturityModel;
  dimension: Dimension;
  assessment: StoredAssessment;
}) {
  const { model, dimension, assessment } = props;
  const classes = useStyles();
  const stats = assessment.result.dimensions[dimension.id];
  const target = dimensionTarget(model, dimension.id, assessment);
  const title = (
    <Box className={classes.row}>
      <span>{dimension.title}</span>
      <LevelChip model={model} level={stats?.median ?? null} size="medium" />
    </Box>
  );
  return (
    <InfoCard
      title={title}
      subheader={`Median of ${stats?.rated ?? 0} of ${
        dimension.topics.length
      } topics rated; target ${
        target === null ? 'none' : formatLevel(model, target)
      }`}
    >
      {dimension.topics.map(topic => (
        <TopicResultView
          key={topic.id}
          model={model}
          topic={topic}
          result={assessment.result.topics[topic.id]}
          assessment={assessment}
        />
      ))}
    </InfoCard>
  );
}

/** One snapshot in full: summary, radar, and every dimension's topics. */
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
      {model.dimensions.map(dimension => (
        <Grid item xs={12} key={dimension.id}>
          <DimensionView
            model={model}
            dimension={dimension}
            assessment={assessment}
          />
        </Grid>
      ))}
    </Grid>
  );
}
