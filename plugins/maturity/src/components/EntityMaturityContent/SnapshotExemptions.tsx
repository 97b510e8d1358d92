import { InfoCard } from '@backstage/core-components';
import {
  approvalOf,
  exemptionsOf,
  MaturityModel,
  MaturitySettings,
  StoredAssessment,
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
import { Assessor, EXPIRED_TEXT, formatDate, topicLabels } from '../shared';

/**
 * The exemptions of a snapshot, below its view: each topic rated entirely not applicable,
 * why, who said so and approved it, and when the exemption ends: at the end
 * of its grant or of its topic's attestation, whichever is first (as
 * `GET /exemptions` says).
 */
export function SnapshotExemptions(props: {
  model: MaturityModel;
  settings: MaturitySettings;
  assessment: StoredAssessment;
}) {
  const { model, settings, assessment } = props;
  if (!settings.exemptions.enabled) return null;
  const exemptions = exemptionsOf(model, {
    ...assessment,
    approval: approvalOf(assessment),
  });
  if (!exemptions.length) return null;
  const titles = topicLabels(model);
  const result = (topicId: string) => assessment.result.topics[topicId];
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
                  {result(exemption.topicId)?.expired ? (
                    <Typography variant="body2" color="error">
                      {EXPIRED_TEXT}
                    </Typography>
                  ) : (
                    formatDate(result(exemption.topicId)?.expiresAt ?? null)
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
