import { TopicResult } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import { describeAttestation } from '../shared';
import { DraftEdit } from './draftReducer';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/**
 * A topic's attestation in the snapshot the draft starts from, and the
 * toggle that confirms its ratings unchanged: saved with the next snapshot,
 * the topic counts as attested then. A topic whose ratings changed needs
 * none: the new ratings attest it.
 */
export function ConfirmUnchanged(props: {
  topicId: string;
  /** The topic in the snapshot the draft starts from. */
  base: TopicResult;
  /** Whether the draft keeps the topic's ratings of the base. */
  unchanged: boolean;
  confirmed: boolean;
  onEdit: (edit: DraftEdit) => void;
}) {
  const { topicId, base, unchanged, confirmed, onEdit } = props;
  const classes = useStyles();
  const status = describeAttestation(base);
  if (!status) return null;
  if (!unchanged) {
    return (
      <Box className={classes.row}>
        <Typography variant="body2" color="textSecondary">
          {status}. The ratings changed: saving attests them anew.
        </Typography>
      </Box>
    );
  }
  return (
    <Box className={classes.row}>
      <Typography variant="body2" color={base.expired ? 'error' : 'initial'}>
        {status}.
      </Typography>
      <Button
        size="small"
        variant={confirmed ? 'contained' : 'outlined'}
        color="primary"
        aria-pressed={confirmed}
        startIcon={confirmed ? <CheckIcon /> : undefined}
        onClick={() =>
          onEdit({ field: 'confirmed', topicIds: [topicId], value: !confirmed })
        }
      >
        Confirm unchanged
      </Button>
      {confirmed && (
        <Typography variant="body2">
          Confirmed: attested anew when saved.
        </Typography>
      )}
    </Box>
  );
}
