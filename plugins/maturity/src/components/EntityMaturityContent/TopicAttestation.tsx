import {
  StoredAssessment,
  TopicResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Chip, TableCell, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { EXPIRED_TEXT, formatDate } from '../shared';

/**
 * Whether the snapshot's topics carry their attestation: the backend adds
 * it to every topic result when it ends topics or exemptions.
 */
export function showsAttestation(assessment: StoredAssessment): boolean {
  return Object.values(assessment.result.topics).some(
    topic => topic.attestedAt !== undefined,
  );
}

/** The headings of the attestation columns of the topic table. */
export function AttestationHeaders() {
  return (
    <>
      <TableCell>Attested</TableCell>
      <TableCell>Counts until</TableCell>
    </>
  );
}

/** When a topic was attested and until when it counts, or that it expired. */
export function AttestationCells(props: { result: TopicResult }) {
  const { result } = props;
  return (
    <>
      <TableCell>{formatDate(result.attestedAt ?? null)}</TableCell>
      <TableCell>
        {result.expired ? (
          <Typography variant="body2" color="error" component="span">
            {EXPIRED_TEXT}
          </Typography>
        ) : (
          formatDate(result.expiresAt ?? null)
        )}
      </TableCell>
    </>
  );
}

/** The level cell's chip of an expired topic: words, not a colour. */
export function ExpiredChip() {
  return <Chip size="small" variant="outlined" label="Expired" />;
}

/** In a topic's details: what its expiry means for its level. */
export function ExpiredNotice(props: { result: TopicResult }) {
  const { result } = props;
  if (!result.expired) return null;
  return (
    <Box mb={1}>
      <Alert severity="warning">
        {EXPIRED_TEXT}: its ratings, last attested on{' '}
        {formatDate(result.attestedAt ?? null)}, stopped counting on{' '}
        {formatDate(result.expiresAt ?? null)}. Confirm them unchanged, or rate
        them anew, in an update of the assessment.
      </Alert>
    </Box>
  );
}
