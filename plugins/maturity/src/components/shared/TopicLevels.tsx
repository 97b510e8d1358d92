import { MaturityModel, Topic } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Link, Typography } from '@material-ui/core';
import { formatLevel } from './levels';

/** Every level of a topic with its criteria, and the link to the official text. */
export function TopicLevels(props: {
  model: Pick<MaturityModel, 'levels'>;
  topic: Topic;
  /** The reached level, marked in the list. */
  reached?: number | null;
}) {
  const { model, topic, reached } = props;
  return (
    <Box>
      {topic.levels.map(level => (
        <Box key={level.level} mb={1}>
          <Typography variant="subtitle2" component="p">
            {formatLevel(model, level.level)}: {level.title}
            {reached !== undefined && reached !== null && level.level <= reached
              ? ' (reached)'
              : ''}
          </Typography>
          <ul>
            {level.criteria.map(criterion => (
              <li key={criterion}>
                <Typography variant="body2">{criterion}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      ))}
      <Link href={topic.url} target="_blank" rel="noopener noreferrer">
        Read the official text of “{topic.title}”
      </Link>
    </Box>
  );
}
