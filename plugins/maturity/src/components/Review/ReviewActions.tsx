import { useApi } from '@backstage/core-plugin-api';
import {
  StoredAssessment,
  SUBMISSION_LIMITS,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { responseStatus, serverMessage } from '../shared';

/** What a decision came to, said by the screen that reloads after it. */
export interface ReviewOutcome {
  /** The decided snapshot; absent when someone else was first. */
  snapshot?: StoredAssessment;
  message: string;
}

function decidedMessage(snapshot: StoredAssessment): string {
  return snapshot.review?.status === 'returned'
    ? `Revision ${snapshot.revision} returned to its author with your comment.`
    : `Revision ${snapshot.revision} approved: it counts now.`;
}

/**
 * Approve and Return of one pending snapshot. A return asks why first (the
 * author reads the comment); a decision that came too late (409: decided
 * already, or a newer revision saved) is an outcome, not an error, so the
 * screen reloads and says so.
 */
export function ReviewActions(props: {
  entityRef: string;
  revision: number;
  /** Completes the buttons' names, e.g. "revision 2 of payments-api". */
  subject: string;
  onDone: (outcome: ReviewOutcome) => void;
}) {
  const { entityRef, revision, subject, onDone } = props;
  const api = useApi(maturityApiRef);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const decide = async (decision: 'approve' | 'return') => {
    setBusy(true);
    setError(undefined);
    try {
      const snapshot = await api.reviewAssessment(entityRef, revision, {
        decision,
        ...(decision === 'return' ? { comment } : {}),
      });
      setReturning(false);
      onDone({ snapshot, message: decidedMessage(snapshot) });
    } catch (e) {
      if (responseStatus(e) === 409) {
        setReturning(false);
        onDone({
          message: `Revision ${revision} no longer waits for a decision: someone decided it or saved a newer revision.`,
        });
      } else {
        setError(serverMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
        <Button
          variant="contained"
          color="primary"
          size="small"
          disabled={busy}
          aria-label={`Approve ${subject}`}
          onClick={() => decide('approve')}
        >
          Approve
        </Button>
        <Button
          variant="outlined"
          size="small"
          disabled={busy}
          aria-label={`Return ${subject}`}
          onClick={() => setReturning(true)}
        >
          Return
        </Button>
      </Box>
      {error && !returning && (
        <Box mt={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      <Dialog
        open={returning}
        onClose={() => setReturning(false)}
        aria-labelledby={`maturity-return-${revision}`}
        fullWidth
      >
        <DialogTitle id={`maturity-return-${revision}`}>
          Return {subject}
        </DialogTitle>
        <DialogContent>
          <TextField
            id={`maturity-return-comment-${revision}`}
            label="Why is it returned?"
            helperText="Required. The author reads it with the returned assessment."
            required
            multiline
            minRows={3}
            fullWidth
            value={comment}
            onChange={event => setComment(event.target.value)}
            inputProps={{ maxLength: SUBMISSION_LIMITS.commentLength }}
          />
          {error && (
            <Box mt={1}>
              <Alert severity="error">{error}</Alert>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReturning(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            disabled={busy || !comment.trim()}
            onClick={() => decide('return')}
          >
            Return assessment
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
