import {
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import { RATING_LABELS } from '../AssessmentForm/TopicEditor';
import { formatLevel, RatingDifference, ratingDifferences } from '../shared';

const ratingLabel = (rating: RatingDifference['before']) =>
  rating ? RATING_LABELS[rating] : 'not rated';

/** Per topic, the level in each revision and the ratings that differ. */
export function compareRevisions(
  model: MaturityModel,
  older: StoredAssessment,
  newer: StoredAssessment,
) {
  return model.dimensions
    .flatMap(d => d.topics)
    .map(topic => ({
      topic,
      before: older.result.topics[topic.id]?.level ?? null,
      after: newer.result.topics[topic.id]?.level ?? null,
      ratings: ratingDifferences(
        topic,
        older.ratings[topic.id],
        newer.ratings[topic.id],
      ),
    }))
    .filter(row => row.before !== row.after || row.ratings.length > 0);
}

function RevisionSelect(props: {
  label: string;
  value: number;
  revisions: number[];
  onChange: (revision: number) => void;
}) {
  return (
    <TextField
      select
      id={`maturity-compare-${props.label.toLocaleLowerCase('en-US')}`}
      label={props.label}
      value={props.value}
      onChange={event => props.onChange(Number(event.target.value))}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {props.revisions.map(revision => (
        <option key={revision} value={revision}>
          Revision {revision}
        </option>
      ))}
    </TextField>
  );
}

/** The topics that differ between two snapshots, as a table named `label`. */
export function RevisionDifferences(props: {
  model: MaturityModel;
  older: StoredAssessment;
  newer: StoredAssessment;
  label: string;
}) {
  const { model, older: a, newer: b, label } = props;
  const rows = compareRevisions(model, a, b);
  return rows.length === 0 ? (
    <Typography variant="body2">
      No topic differs between revision {a.revision} and revision {b.revision}.
    </Typography>
  ) : (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Topic</TableCell>
          <TableCell>Revision {a.revision}</TableCell>
          <TableCell>Revision {b.revision}</TableCell>
          <TableCell>Ratings that differ</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.topic.id}>
            <TableCell>{row.topic.title}</TableCell>
            <TableCell>{formatLevel(model, row.before)}</TableCell>
            <TableCell>{formatLevel(model, row.after)}</TableCell>
            <TableCell>
              {row.ratings
                .map(
                  d =>
                    `Level ${d.level}: ${ratingLabel(d.before)} → ${ratingLabel(
                      d.after,
                    )}`,
                )
                .join('; ')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Two snapshots of the history side by side, topic by topic. */
export function RevisionComparison(props: {
  model: MaturityModel;
  /** Newest first, as the history lists them; at least two. */
  snapshots: StoredAssessment[];
}) {
  const { model, snapshots } = props;
  const revisions = snapshots.map(s => s.revision);
  const [newer, setNewer] = useState(revisions[0]);
  const [older, setOlder] = useState(revisions[1]);
  const find = (revision: number) =>
    snapshots.find(s => s.revision === revision) ?? snapshots[0];
  const a = find(older);
  const b = find(newer);
  return (
    <Box mt={2}>
      <Typography variant="subtitle1" component="h3">
        Compare revisions
      </Typography>
      <Box display="flex" style={{ gap: 16 }} my={1}>
        <RevisionSelect
          label="From"
          value={older}
          revisions={revisions}
          onChange={setOlder}
        />
        <RevisionSelect
          label="To"
          value={newer}
          revisions={revisions}
          onChange={setNewer}
        />
      </Box>
      <RevisionDifferences
        model={model}
        older={a}
        newer={b}
        label={`Revision ${a.revision} compared with revision ${b.revision}`}
      />
    </Box>
  );
}
