import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Box, TextField, Typography } from '@material-ui/core';
import { DraftEdit } from './draftReducer';
import { TopicChange } from './quickFill';
import { ReviewChanges } from './ReviewChanges';

/** The last step: what changed against the base, and a comment on why. */
export function ReviewStep(props: {
  model: MaturityModel;
  changes: TopicChange[];
  baseRevision: number;
  comment: string;
  error: string | undefined;
  onEdit: (edit: DraftEdit) => void;
}) {
  const { onEdit } = props;
  return (
    <Box>
      <Typography variant="h5" component="h2">
        Review and save
      </Typography>
      <Box my={2}>
        <ReviewChanges
          model={props.model}
          changes={props.changes}
          baseRevision={props.baseRevision}
        />
      </Box>
      <TextField
        id="maturity-comment"
        label="Comment"
        placeholder="What changed, and why?"
        multiline
        minRows={3}
        fullWidth
        variant="outlined"
        value={props.comment}
        onChange={event =>
          onEdit({ field: 'comment', value: event.target.value })
        }
        error={!!props.error}
        helperText={props.error}
      />
    </Box>
  );
}
