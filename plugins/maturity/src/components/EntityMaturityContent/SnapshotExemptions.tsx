import { InfoCard } from '@backstage/core-components';
import {
  exemptionsOf,
  MaturityModel,
  MaturitySettings,
  NO_EXPIRY,
  StoredAssessment,
  topicExpiries,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EXPIRED_TEXT, formatDate } from '../shared';
import { Assessor } from './AssessmentView';

/**
 * The exemptions of a snapshot, below its view: each topic rated entirely not applicable,
 * why, who said so and approved it, and when the exemption ends (by the
 * rule of -common; the topic may need confirming sooner, see its row).
 */
export function SnapshotExemptions(props: {
  model: MaturityModel;
  settings: MaturitySettings;
  assessment: StoredAssessment;
}) {
  const { model, settings, assessment } = props;
  if (!settings.exemptions.enabled) return null;
  const exemptions = exemptionsOf(model, assessment);
  if (!exemptions.length) return null;
  const ends = topicExpiries(model, assessment, {
    attestation: NO_EXPIRY.attestation,
    exemptions: settings.exemptions,
  });
  const titles = new Map(
    model.dimensions.flatMap(d => d.topics.map(t => [t.id, t.title])),
  );
  return (
    <Box mt={3}>
      <InfoCard title="Exemptions">
        <Table size="small" aria-label="Exemptions">
          <TableHead>
            <TableRow>
              <TableCell>Topic</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Author</TableCell>
              <TableCell>Approver</TableCell>
              <TableCell>Ends</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {exemptions.map(exemption => (
              <TableRow key={exemption.topicId}>
                <TableCell>{titles.get(exemption.topicId)}</TableCell>
                <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                  {exemption.reason || (
                    <Typography variant="body2" color="textSecondary">
                      No reason given (rated before exemptions needed one)
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {exemption.author && <Assessor userRef={exemption.author} />}
                </TableCell>
                <TableCell>
                  {exemption.approver ? (
                    <Assessor userRef={exemption.approver} />
                  ) : (
                    '–'
                  )}
                </TableCell>
                <TableCell>
                  {assessment.result.topics[exemption.topicId]?.expired ? (
                    <Typography variant="body2" color="error">
                      {EXPIRED_TEXT}
                    </Typography>
                  ) : (
                    formatDate(ends[exemption.topicId]?.expiresAt ?? null)
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </InfoCard>
    </Box>
  );
}
