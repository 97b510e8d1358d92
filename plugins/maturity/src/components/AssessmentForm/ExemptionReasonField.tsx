import { Box, TextField } from '@material-ui/core';
import { DraftEdit } from './draftReducer';

/**
 * The reason of an exemption: a topic rated entirely not applicable needs
 * one while exemptions are on (the rule of -common, which the server
 * applies too), and the exemption ends after `maxDays` unless confirmed.
 */
export function ExemptionReasonField(props: {
  topicId: string;
  value: string | undefined;
  maxDays: number;
  error: string | undefined;
  onEdit: (edit: DraftEdit) => void;
}) {
  const { topicId, value, maxDays, error, onEdit } = props;
  return (
    <Box mt={2}>
      <TextField
        id={`maturity-${topicId}-exemption`}
        label="Reason for the exemption"
        required
        multiline
        minRows={2}
        fullWidth
        variant="outlined"
        value={value ?? ''}
        onChange={event =>
          onEdit({ field: 'exemption', topicId, value: event.target.value })
        }
        error={!!error}
        helperText={
          error ??
          `Every level is rated not applicable, which makes the topic an exemption: say why. It ends after ${maxDays} days unless confirmed.`
        }
      />
    </Box>
  );
}
