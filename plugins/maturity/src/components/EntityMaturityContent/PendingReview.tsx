import { InfoCard } from '@backstage/core-components';
import {
  EntityAssessment,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Typography } from '@material-ui/core';
import { ReviewActions, ReviewOutcome, ReviewStatusChip } from '../Review';
import { Assessor, formatDate } from '../shared';
import { RevisionDifferences } from './RevisionComparison';

/**
 * The latest snapshot while it does not count (pending or returned): its
 * status and author, what it changes against the snapshot that counts
 * (shown below it), the reviewer's comment when returned, and the decision
 * for a user who may take it.
 */
export function PendingReview(props: {
  model: MaturityModel;
  entityRef: string;
  assessment: EntityAssessment;
  mayReview: boolean;
  onDecided: (outcome: ReviewOutcome) => void;
}) {
  const { model, entityRef, assessment, mayReview, onDecided } = props;
  const review = assessment.review!;
  const { counted } = assessment;
  const returned = review.status === 'returned';
  const title = returned
    ? `Revision ${assessment.revision} was returned`
    : `Revision ${assessment.revision} awaits review`;
  return (
    <Box mb={3} component="section" aria-label={title}>
      <InfoCard title={title}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <ReviewStatusChip review={review} />
          <Typography variant="body2">
            Submitted by <Assessor userRef={assessment.createdBy} /> on{' '}
            {formatDate(assessment.createdAt)}.
          </Typography>
        </Box>
        {returned && (
          <Box mt={2}>
            <Typography variant="body2">
              Returned by{' '}
              {review.reviewer ? (
                <Assessor userRef={review.reviewer} />
              ) : (
                'a reviewer'
              )}
              {review.decidedAt ? ` on ${formatDate(review.decidedAt)}` : ''}:
            </Typography>
            <Typography
              variant="body2"
              component="blockquote"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              {review.comment}
            </Typography>
            <Typography variant="body2">
              It does not count; an updated assessment goes to review again.
            </Typography>
          </Box>
        )}
        <Box mt={2}>
          {counted ? (
            <>
              <Typography variant="body2">
                Revision {counted.revision} counts meanwhile and is shown below.
                What revision {assessment.revision} changes:
              </Typography>
              <RevisionDifferences
                model={model}
                older={counted}
                newer={assessment}
                label={`Changes of revision ${assessment.revision} against revision ${counted.revision}, which counts`}
              />
            </>
          ) : (
            <Typography variant="body2">
              No earlier assessment counts: revision {assessment.revision} is
              shown below{' '}
              {returned ? 'but does not count.' : 'and counts once approved.'}
            </Typography>
          )}
        </Box>
        {mayReview && (
          <Box mt={2}>
            <ReviewActions
              entityRef={entityRef}
              revision={assessment.revision}
              subject={`revision ${assessment.revision}`}
              onDone={onDecided}
            />
          </Box>
        )}
      </InfoCard>
    </Box>
  );
}
