import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Link,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Attribution, formatLevel, plural, TopicLevels } from '../shared';

/** The model to read: levels, then dimensions → topics → levels → criteria. */
export function ModelTab(props: { model: MaturityModel }) {
  const { model } = props;
  return (
    <Box>
      <Typography variant="h5" component="h2">
        {model.title} {model.version}
      </Typography>
      <Link href={model.url} target="_blank" rel="noopener noreferrer">
        {model.url}
      </Link>

      <Box mt={2} mb={2}>
        <Typography variant="h6" component="h3">
          Levels
        </Typography>
        {model.levels.map(level => (
          <Typography key={level.level} variant="body2">
            <strong>{formatLevel(model, level.level)}</strong>:{' '}
            {level.description}
          </Typography>
        ))}
      </Box>

      <Typography variant="h6" component="h3">
        Dimensions
      </Typography>
      {model.dimensions.map(dimension => (
        <Accordion key={dimension.id}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="subtitle1">
              {dimension.title} ({plural(dimension.topics.length, 'topic')})
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Box width="100%">
              <Typography variant="body2">{dimension.overview}</Typography>
              <Link
                href={dimension.url}
                target="_blank"
                rel="noopener noreferrer"
              >
                Official text of “{dimension.title}”
              </Link>
              <Box mt={2}>
                {dimension.topics.map(topic => (
                  <Accordion key={topic.id} variant="outlined">
                    <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                      <Typography variant="body1">{topic.title}</Typography>
                    </AccordionSummary>
                    <AccordionDetails>
                      <Box width="100%">
                        {topic.summary && (
                          <Box mb={1}>
                            <Typography variant="body2" color="textSecondary">
                              {topic.summary}
                            </Typography>
                          </Box>
                        )}
                        <TopicLevels model={model} topic={topic} />
                      </Box>
                    </AccordionDetails>
                  </Accordion>
                ))}
              </Box>
            </Box>
          </AccordionDetails>
        </Accordion>
      ))}
      <Attribution model={model} />
    </Box>
  );
}
