import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityFilter,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import {
  EntityRefCell,
  formatDate,
  topicLabels,
  saveFile,
  serverMessage,
  useCursorPaging,
  useMaturitySettings,
} from '../shared';

/**
 * The exempted topics within the overview's scope (its filters of who and
 * what; levels do not apply), today: why, who said so and approved it, and
 * when each ends; a page at a time, or all as CSV. Nothing while exemptions
 * are off.
 */
export function ExemptionsView(props: {
  model: MaturityModel;
  scope: EntityFilter;
}) {
  const settings = useMaturitySettings();
  if (settings.error) return <ResponseErrorPanel error={settings.error} />;
  if (!settings.value?.exemptions.enabled) return null;
  return <ExemptionsList {...props} />;
}

function ExemptionsList(props: { model: MaturityModel; scope: EntityFilter }) {
  const { model } = props;
  const { kind, owner, group, system, domain, lifecycle } = props.scope;
  const scope = { kind, owner, group, system, domain, lifecycle };
  const api = useApi(maturityApiRef);
  const paging = useCursorPaging(JSON.stringify(scope));
  const { cursor, pageSize } = paging;
  const page = useAsync(
    () => api.getExemptions({ ...scope, limit: pageSize, cursor }),
    // The paging key stands for the scope and the page size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, paging.key, cursor],
  );
  const [download, setDownload] = useState<{ busy?: boolean; error?: string }>(
    {},
  );
  const titles = topicLabels(model);

  const downloadCsv = async () => {
    setDownload({ busy: true });
    try {
      const file = await api.exportExemptions(scope);
      saveFile(file.blob, file.filename);
      setDownload({});
    } catch (error) {
      setDownload({ error: serverMessage(error) });
    }
  };

  const body = () => {
    if (page.error) return <ResponseErrorPanel error={page.error} />;
    if (!page.value) return <Progress />;
    if (!page.value.items.length) {
      return (
        <Typography variant="body2" color="textSecondary">
          No topic is exempted here.
        </Typography>
      );
    }
    return (
      <>
        <Box style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Exemptions">
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Topic</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Author</TableCell>
                <TableCell>Approver</TableCell>
                <TableCell>Ends</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {page.value.items.map(row => (
                <TableRow key={`${row.entityRef} ${row.topicId}`}>
                  <EntityRefCell entityRef={row.entityRef} />
                  <EntityRefCell entityRef={row.ownerRef} />
                  <TableCell>
                    {titles.get(row.topicId) ?? row.topicId}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                    {row.reason}
                  </TableCell>
                  <EntityRefCell entityRef={row.author} />
                  {row.approver ? (
                    <EntityRefCell entityRef={row.approver} />
                  ) : (
                    <TableCell>–</TableCell>
                  )}
                  <TableCell>{formatDate(row.endsAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
        {paging.pagination(page.value)}
      </>
    );
  };

  return (
    <Box component="section" aria-labelledby="maturity-exemptions-title">
      <InfoCard
        title={<span id="maturity-exemptions-title">Exemptions</span>}
        subheader="Topics rated entirely not applicable, in this scope, today. Each ends on the day shown unless confirmed before; an ended one counts as unrated."
      >
        <Box mb={2}>
          <Button
            variant="outlined"
            startIcon={<GetAppIcon />}
            onClick={downloadCsv}
            disabled={download.busy}
          >
            Download exemptions CSV
          </Button>
        </Box>
        {download.error && (
          <Box mb={2}>
            <Alert severity="error">Download failed: {download.error}</Alert>
          </Box>
        )}
        {body()}
      </InfoCard>
    </Box>
  );
}
