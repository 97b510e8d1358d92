import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { formatLevel } from '../shared';
import { TopicChange } from './quickFill';

const arrow = (before: string, after: string) =>
  before === after ? after : `${before} → ${after}`;

/** The topics a draft changes against the revision it started from. */
export function ReviewChanges(props: {
  model: MaturityModel;
  changes: TopicChange[];
  baseRevision: number;
}) {
  const { model, changes, baseRevision } = props;
  const against =
    baseRevision > 0 ? `revision ${baseRevision}` : 'no assessment';
  if (changes.length === 0) {
    return (
      <Typography variant="body2">
        No ratings or targets change against {against}.
      </Typography>
    );
  }
  const target = (level: number | null) =>
    level === null ? 'default' : formatLevel(model, level);
  return (
    <Table size="small" aria-label={`Changes against ${against}`}>
      <TableHead>
        <TableRow>
          <TableCell>Topic</TableCell>
          <TableCell>Level</TableCell>
          <TableCell align="right">Ratings changed</TableCell>
          <TableCell>Target</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map(change => (
          <TableRow key={change.topicId}>
            <TableCell>{change.title}</TableCell>
            <TableCell>
              {arrow(
                formatLevel(model, change.oldLevel),
                formatLevel(model, change.newLevel),
              )}
            </TableCell>
            <TableCell align="right">{change.ratingsChanged}</TableCell>
            <TableCell>
              {arrow(target(change.oldTarget), target(change.newTarget))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
