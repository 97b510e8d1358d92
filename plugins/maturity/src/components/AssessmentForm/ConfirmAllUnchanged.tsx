import { StoredAssessment } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button, makeStyles, Typography } from '@material-ui/core';
import { plural } from '../shared';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * Confirms in one step every topic whose ratings the draft keeps, and saves:
 * the way to re-attest an assessment that is still right. Says how many
 * topics of the base have expired and count as unrated until then.
 */
export function ConfirmAllUnchanged(props: {
  base: StoredAssessment;
  unchanged: number;
  /** Whether the draft changes more than confirmations, saved with them. */
  edited: boolean;
  busy: boolean;
  onConfirmAll: () => void;
}) {
  const { base, unchanged, edited, busy, onConfirmAll } = props;
  const classes = useStyles();
  const expired = Object.values(base.result.topics).filter(
    t => t.expired,
  ).length;
  return (
    <Box className={classes.bar}>
      <Button
        variant="outlined"
        color="primary"
        disabled={busy || unchanged === 0}
        onClick={onConfirmAll}
      >
        Confirm all unchanged
      </Button>
      <Typography variant="body2">
        {expired > 0 &&
          `${plural(expired, 'topic')} expired: ${
            expired === 1 ? 'it counts' : 'they count'
          } as unrated until confirmed. `}
        Saves a new revision with the {plural(unchanged, 'topic')} rated as in
        revision {base.revision} confirmed unchanged
        {edited ? ', and your changes' : ''}.
      </Typography>
    </Box>
  );
}
