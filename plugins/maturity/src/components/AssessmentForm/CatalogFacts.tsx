import {
  CatalogFact,
  MaturityModel,
  SUBMISSION_LIMITS,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button, Link, makeStyles, Typography } from '@material-ui/core';
import { formatLevel } from '../shared';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(3) },
  fact: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

export interface CatalogFactsProps {
  model: MaturityModel;
  topicId: string;
  topicTitle: string;
  facts: CatalogFact[];
  /** The topic's evidence links now, so that a fact is not added twice. */
  evidence: string[];
  onAdd: (url: string) => void;
}

/**
 * What the catalog already records that speaks to a topic, at the level it
 * speaks to. A rater may add a fact's link as evidence; the rating stays
 * theirs to set.
 */
export function CatalogFacts(props: CatalogFactsProps) {
  const { model, topicId, topicTitle, facts, evidence } = props;
  const classes = useStyles();
  const full = evidence.length >= SUBMISSION_LIMITS.evidencePerTopic;
  return (
    <Box
      mt={2}
      component="section"
      aria-label={`The catalog says about ${topicTitle}`}
    >
      <Typography variant="subtitle2" component="p">
        The catalog says…
      </Typography>
      <ul className={classes.list}>
        {facts.map((fact, i) => {
          const added = !!fact.url && evidence.includes(fact.url);
          const textId = `maturity-${topicId}-fact-${i}`;
          return (
            <li key={`${fact.ruleId}:${fact.value}:${fact.level}`}>
              <Box className={classes.fact}>
                <Typography variant="body2" component="span" id={textId}>
                  {fact.label}:{' '}
                  {fact.url ? (
                    // Underlined: inside a sentence, colour alone does not
                    // tell a link apart (WCAG 1.4.1).
                    <Link
                      underline="always"
                      href={fact.url}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {fact.value}
                    </Link>
                  ) : (
                    fact.value
                  )}{' '}
                  (evidence for level {formatLevel(model, fact.level)})
                </Typography>
                {fact.url && (
                  <Button
                    size="small"
                    variant="outlined"
                    disabled={added || full}
                    aria-describedby={textId}
                    onClick={() => props.onAdd(fact.url!)}
                  >
                    {added ? 'Added as evidence' : 'Add as evidence'}
                  </Button>
                )}
              </Box>
            </li>
          );
        })}
      </ul>
    </Box>
  );
}
