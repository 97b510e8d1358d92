import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MaturityModel,
  StoredAssessment,
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
import { useCallback, useEffect, useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { ReviewStatusChip } from '../Review';
import { Assessor, formatDate } from '../shared';
import { MaturityTrend } from './charts';
import { RevisionComparison } from './RevisionComparison';

const PAGE_SIZE = 20;

/** The entity's snapshots, newest first, with a trend of the medians and a comparison of two. */
export function AssessmentHistory(props: {
  model: MaturityModel;
  entityRef: string;
  /** The latest revision; the history reloads when it changes. */
  latestRevision: number;
  viewing?: number;
  onView: (snapshot: StoredAssessment) => void;
}) {
  const { model, entityRef, latestRevision, viewing, onView } = props;
  const api = useApi(maturityApiRef);
  const [items, setItems] = useState<StoredAssessment[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.getHistory(entityRef, {
          limit: PAGE_SIZE,
          cursor,
        });
        setItems(previous =>
          cursor ? [...previous, ...page.items] : page.items,
        );
        setNextCursor(page.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [api, entityRef],
  );

  useEffect(() => {
    load();
  }, [load, latestRevision]);

  return (
    <InfoCard title="History">
      {error && <ResponseErrorPanel error={error} />}
      {items.length > 1 && <MaturityTrend model={model} snapshots={items} />}
      {items.length > 0 && (
        <Table size="small" aria-label="Assessment history">
          <TableHead>
            <TableRow>
              <TableCell>Revision</TableCell>
              <TableCell>Assessed by</TableCell>
              <TableCell>When</TableCell>
              <TableCell>Comment</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(snapshot => (
              <TableRow
                key={snapshot.revision}
                selected={snapshot.revision === viewing}
              >
                <TableCell>
                  {snapshot.revision}
                  {snapshot.review && (
                    <Box component="span" ml={1}>
                      <ReviewStatusChip review={snapshot.review} />
                    </Box>
                  )}
                </TableCell>
                <TableCell>
                  <Assessor userRef={snapshot.createdBy} />
                </TableCell>
                <TableCell>{formatDate(snapshot.createdAt)}</TableCell>
                <TableCell>
                  <Typography variant="body2">
                    {snapshot.comment ?? ''}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    onClick={() => onView(snapshot)}
                    aria-label={`View revision ${snapshot.revision}`}
                  >
                    View
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {items.length > 1 && (
        <RevisionComparison model={model} snapshots={items} />
      )}
      {loading && <Progress />}
      {!loading && nextCursor && (
        <Box mt={1}>
          <Button onClick={() => load(nextCursor)}>Load older snapshots</Button>
        </Box>
      )}
    </InfoCard>
  );
}
