import {
  MaturityModel,
  StoredAssessment,
  Topic,
  TopicResult,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Chip,
  FormControlLabel,
  IconButton,
  Link,
  makeStyles,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { formatLevel, isHttpUrl, LevelChip, TopicLevels } from '../shared';
import {
  AttestationCells,
  AttestationHeaders,
  ExpiredChip,
  ExpiredNotice,
  showsAttestation,
} from './TopicAttestation';

const useStyles = makeStyles(theme => ({
  table: {
    '& th, & td': { whiteSpace: 'nowrap' },
  },
  nextStep: {
    maxWidth: 360,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  details: {
    backgroundColor: theme.palette.background.default,
  },
  notes: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  evidence: {
    overflowWrap: 'anywhere',
  },
}));

const NO_RESULT: TopicResult = {
  level: null,
  target: null,
  gap: null,
  nextLevel: null,
  inconsistent: false,
  incomplete: false,
  notApplicable: false,
};

/** A topic's next step's criteria, the assessor's notes and evidence, and every level. */
function TopicDetails(props: {
  model: MaturityModel;
  topic: Topic;
  result: TopicResult;
  assessment: StoredAssessment;
}) {
  const { model, topic, result, assessment } = props;
  const classes = useStyles();
  const next = topic.levels.find(l => l.level === result.nextLevel);
  const notes = assessment.notes[topic.id];
  const evidence = assessment.evidence[topic.id] ?? [];
  return (
    <Box py={1}>
      <ExpiredNotice result={result} />
      {result.inconsistent && (
        <Box mb={1}>
          <Alert severity="warning">
            A higher level is rated as met while a lower one is not. The level
            counts only up to the first unmet level; check the ratings.
          </Alert>
        </Box>
      )}
      {result.incomplete && (
        <Box mb={1}>
          <Alert severity="info">
            A level is rated while a lower one is not. The level counts only up
            to the first unrated level; rate the levels below.
          </Alert>
        </Box>
      )}
      {next && (
        <Box>
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
      <Box mt={1}>
        <Typography variant="subtitle2" component="p">
          All levels and criteria
        </Typography>
        <TopicLevels model={model} topic={topic} reached={result.level} />
      </Box>
    </Box>
  );
}

function TopicRow(props: {
  model: MaturityModel;
  topic: Topic;
  assessment: StoredAssessment;
  attestation: boolean;
}) {
  const { model, topic, assessment, attestation } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const result = assessment.result.topics[topic.id] ?? NO_RESULT;
  const next = topic.levels.find(l => l.level === result.nextLevel);
  const detailsId = `maturity-topic-${topic.id}`;
  return (
    <>
      <TableRow aria-label={topic.title}>
        <TableCell>
          <IconButton
            size="small"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`${open ? 'Hide' : 'Show'} details of ${topic.title}`}
            onClick={() => setOpen(!open)}
          >
            {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          </IconButton>
          {topic.title}
          {result.inconsistent && ' ⚠'}
        </TableCell>
        <TableCell>
          {result.expired && <ExpiredChip />}
          {!result.expired && result.notApplicable && (
            <Chip size="small" variant="outlined" label="Not applicable" />
          )}
          {!result.expired && !result.notApplicable && (
            <LevelChip model={model} level={result.level} />
          )}
        </TableCell>
        <TableCell>
          {result.target === null ? '–' : formatLevel(model, result.target)}
        </TableCell>
        <TableCell align="right">{result.gap ?? '–'}</TableCell>
        <TableCell className={classes.nextStep} title={next?.title}>
          {next ? next.title : '–'}
        </TableCell>
        {attestation && <AttestationCells result={result} />}
      </TableRow>
      {open && (
        <TableRow id={detailsId} className={classes.details}>
          <TableCell
            colSpan={attestation ? 7 : 5}
            style={{ whiteSpace: 'normal' }}
          >
            <TopicDetails
              model={model}
              topic={topic}
              result={result}
              assessment={assessment}
            />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

/**
 * Every topic of a snapshot in one compact table, each row expandable to its
 * details; by default only the topics below their target, when there are any.
 */
export function TopicTable(props: {
  model: MaturityModel;
  assessment: StoredAssessment;
}) {
  const { model, assessment } = props;
  const classes = useStyles();
  const topics = model.dimensions.flatMap(d => d.topics);
  const below = (topic: Topic) =>
    (assessment.result.topics[topic.id]?.gap ?? 0) > 0;
  const anyBelow = topics.some(below);
  const [onlyBelow, setOnlyBelow] = useState(anyBelow);
  const shown = onlyBelow ? topics.filter(below) : topics;
  const attestation = showsAttestation(assessment);
  return (
    <Box>
      <FormControlLabel
        control={
          <Switch
            checked={onlyBelow}
            onChange={event => setOnlyBelow(event.target.checked)}
            color="primary"
          />
        }
        label={`Show only topics below target (${
          topics.filter(below).length
        } of ${topics.length})`}
      />
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Topics" className={classes.table}>
          <TableHead>
            <TableRow>
              <TableCell>Topic</TableCell>
              <TableCell>Level</TableCell>
              <TableCell>Target</TableCell>
              <TableCell align="right">Gap</TableCell>
              <TableCell>Next step</TableCell>
              {attestation && <AttestationHeaders />}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(topic => (
              <TopicRow
                key={topic.id}
                model={model}
                topic={topic}
                assessment={assessment}
                attestation={attestation}
              />
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
