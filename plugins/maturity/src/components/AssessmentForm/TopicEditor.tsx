import {
  CatalogFact,
  MaturityModel,
  Rating,
  RATINGS,
  scoreTopic,
  Topic,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  IconButton,
  Link,
  makeStyles,
  Paper,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { Alert } from '@material-ui/lab';
import { memo } from 'react';
import { formatLevel, LevelChip } from '../shared';
import { CatalogFacts } from './CatalogFacts';
import { DraftEdit } from './draftReducer';
import { FieldErrors } from './formState';

export const RATING_LABELS: Record<Rating, string> = {
  'not-yet': 'Not yet',
  partially: 'Partially',
  largely: 'Largely',
  fully: 'Fully',
  'not-applicable': 'Not applicable',
};

const useStyles = makeStyles(theme => ({
  topic: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(3),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  level: {
    marginTop: theme.spacing(2),
    width: '100%',
  },
  evidence: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
}));

export interface TopicEditorProps {
  model: MaturityModel;
  topic: Topic;
  ratings: Record<string, Rating> | undefined;
  target: number | undefined;
  notes: string | undefined;
  evidence: string[] | undefined;
  /** What the catalog says about the entity for this topic. */
  facts?: CatalogFact[];
  errors: FieldErrors;
  /** Every change to a field of the topic. */
  onEdit: (edit: DraftEdit) => void;
}

function TopicFields(props: TopicEditorProps) {
  const { model, topic, ratings, target, notes, errors } = props;
  const evidence = props.evidence ?? [];
  const classes = useStyles();
  const { level, inconsistent } = scoreTopic(ratings, topic.maxLevel);
  const id = (suffix: string) => `maturity-${topic.id}-${suffix}`;
  const error = (key: string) => errors[key];
  const editEvidence = (value: string[]) =>
    props.onEdit({ field: 'evidence', topicId: topic.id, value });

  return (
    <Paper
      variant="outlined"
      className={classes.topic}
      component="section"
      aria-labelledby={id('title')}
    >
      <Box className={classes.header}>
        <Typography variant="h6" component="h3" id={id('title')}>
          {topic.title}
        </Typography>
        <Typography variant="body2" role="status" component="div">
          Computed level: <LevelChip model={model} level={level} />
        </Typography>
        <TextField
          select
          id={id('set-level')}
          label="Set level"
          value={level ?? ''}
          onChange={event => {
            if (event.target.value !== '') {
              props.onEdit({
                field: 'level',
                topicId: topic.id,
                value: Number(event.target.value),
              });
            }
          }}
          SelectProps={{
            native: true,
            inputProps: {
              'aria-label': `Set level of ${topic.title}`,
              'data-set-level': topic.id,
            },
          }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">Not rated</option>
          {Array.from({ length: topic.maxLevel + 1 }, (_, l) => (
            <option key={l} value={l}>
              {formatLevel(model, l)}
            </option>
          ))}
        </TextField>
      </Box>
      {topic.summary && (
        <Typography variant="body2" color="textSecondary">
          {topic.summary}
        </Typography>
      )}
      <Link href={topic.url} target="_blank" rel="noopener noreferrer">
        Official text
      </Link>
      {inconsistent && (
        <Box mt={1}>
          <Alert severity="warning">
            A higher level is rated as met while a lower one is not; the level
            stops at the first unmet level.
          </Alert>
        </Box>
      )}
      {error(`ratings/${topic.id}`) && (
        <FormHelperText error>{error(`ratings/${topic.id}`)}</FormHelperText>
      )}

      {topic.levels.map(topicLevel => {
        const key = `ratings/${topic.id}/${topicLevel.level}`;
        return (
          <FormControl
            key={topicLevel.level}
            component="fieldset"
            className={classes.level}
            error={!!error(key)}
          >
            <FormLabel component="legend">
              Level {formatLevel(model, topicLevel.level)}: {topicLevel.title}
            </FormLabel>
            <ul>
              {topicLevel.criteria.map(criterion => (
                <li key={criterion}>
                  <Typography variant="body2">{criterion}</Typography>
                </li>
              ))}
            </ul>
            <RadioGroup
              row
              name={id(`level-${topicLevel.level}`)}
              value={ratings?.[String(topicLevel.level)] ?? ''}
              onChange={event =>
                props.onEdit({
                  field: 'rating',
                  topicId: topic.id,
                  level: topicLevel.level,
                  value: (event.target.value || undefined) as
                    | Rating
                    | undefined,
                })
              }
            >
              <FormControlLabel
                value=""
                control={<Radio />}
                label="Not rated"
              />
              {RATINGS.map(rating => (
                <FormControlLabel
                  key={rating}
                  value={rating}
                  control={<Radio />}
                  label={RATING_LABELS[rating]}
                />
              ))}
            </RadioGroup>
            {error(key) && <FormHelperText>{error(key)}</FormHelperText>}
          </FormControl>
        );
      })}

      <Box mt={2}>
        <TextField
          select
          id={id('target')}
          label="Target level"
          value={target ?? ''}
          onChange={event =>
            props.onEdit({
              field: 'target',
              topicId: topic.id,
              value:
                event.target.value === ''
                  ? undefined
                  : Number(event.target.value),
            })
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          error={!!error(`targets/${topic.id}`)}
          helperText={
            error(`targets/${topic.id}`) ??
            'Without a target, the configured default applies.'
          }
        >
          <option value="">Default</option>
          {Array.from({ length: topic.maxLevel + 1 }, (_, l) => (
            <option key={l} value={l}>
              {formatLevel(model, l)}
            </option>
          ))}
        </TextField>
      </Box>

      <Box mt={2}>
        <TextField
          id={id('notes')}
          label="Notes"
          multiline
          minRows={2}
          fullWidth
          variant="outlined"
          value={notes ?? ''}
          onChange={event =>
            props.onEdit({
              field: 'notes',
              topicId: topic.id,
              value: event.target.value,
            })
          }
          error={!!error(`notes/${topic.id}`)}
          helperText={error(`notes/${topic.id}`)}
        />
      </Box>

      {props.facts?.length ? (
        <CatalogFacts
          model={model}
          topicId={topic.id}
          topicTitle={topic.title}
          facts={props.facts}
          evidence={evidence}
          // A blank link left open is filled rather than kept beside it.
          onAdd={url =>
            editEvidence([...evidence.filter(u => u.trim() !== ''), url])
          }
        />
      ) : null}

      <Box mt={2}>
        <Typography variant="subtitle2" component="p">
          Evidence links
        </Typography>
        {error(`evidence/${topic.id}`) && (
          <FormHelperText error>{error(`evidence/${topic.id}`)}</FormHelperText>
        )}
        {evidence.map((url, i) => (
          <Box key={i} className={classes.evidence} mt={1}>
            <TextField
              id={id(`evidence-${i}`)}
              label={`Evidence link ${i + 1}`}
              type="url"
              fullWidth
              value={url}
              onChange={event =>
                editEvidence(
                  evidence.map((u, j) => (j === i ? event.target.value : u)),
                )
              }
              error={!!error(`evidence/${topic.id}/${i}`)}
              helperText={error(`evidence/${topic.id}/${i}`)}
            />
            <IconButton
              aria-label={`Remove evidence link ${i + 1}`}
              onClick={() => editEvidence(evidence.filter((_, j) => j !== i))}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        ))}
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => editEvidence([...evidence, ''])}
        >
          Add evidence link
        </Button>
      </Box>
    </Paper>
  );
}

// Memoised so that typing in one topic does not re-render the others.
/** Ratings per level, target, notes and evidence of one topic. */
export const TopicEditor = memo(TopicFields);
