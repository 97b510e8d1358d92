import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { ReviewItem } from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { Assessor, formatDate, plural, useCursorPaging } from '../shared';
import { ReviewActions } from './ReviewActions';

/** The entity's Maturity tab, where its changes are compared with what counts. */
function useMaturityTabLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  // The tab's path in both frontend systems and in the README's layout.
  return (entityRef: string) =>
    `${entityRoute(entityRouteParams(parseEntityRef(entityRef)))}/maturity`;
}

function age(days: number): string {
  return days < 1 ? 'less than a day' : plural(days, 'day');
}

function ReviewRow(props: {
  item: ReviewItem;
  onDone: (message: string) => void;
}) {
  const { item, onDone } = props;
  const tabLink = useMaturityTabLink();
  const name = item.title ?? parseEntityRef(item.entityRef).name;
  return (
    <TableRow>
      <TableCell>
        <EntityRefLink entityRef={item.entityRef} title={name} />
      </TableCell>
      <TableCell>
        {item.ownerRef ? <EntityRefLink entityRef={item.ownerRef} /> : '–'}
      </TableCell>
      <TableCell>
        <Link component={RouterLink} to={tabLink(item.entityRef)}>
          Revision {item.revision} (changes)
        </Link>
      </TableCell>
      <TableCell>
        <Assessor userRef={item.createdBy} />
      </TableCell>
      <TableCell title={formatDate(item.createdAt)}>
        {age(item.ageDays)}
      </TableCell>
      <TableCell>
        <ReviewActions
          entityRef={item.entityRef}
          revision={item.revision}
          subject={`revision ${item.revision} of ${name}`}
          onDone={outcome => onDone(`${name}: ${outcome.message}`)}
        />
      </TableCell>
    </TableRow>
  );
}

/** The `/maturity` page's list of assessments awaiting the user's review. */
export function ReviewsTab() {
  const api = useApi(maturityApiRef);
  const paging = useCursorPaging('reviews');
  const [decided, setDecided] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const page = useAsync(
    () => api.getReviews({ limit: paging.pageSize, cursor: paging.cursor }),
    [api, paging.key, paging.cursor, reloads],
  );
  const items = page.value?.items ?? [];
  const before = paging.page * paging.pageSize;
  // The server pages forward without a total: "more than" until the last page.
  const count = page.value?.nextCursor ? -1 : before + items.length;

  return (
    <>
      <Typography variant="body2" paragraph>
        Assessments waiting for a second pair of eyes that you may decide,
        oldest first. An assessment counts in scorecards, the overview and
        campaigns once approved; a returned one goes back to its author with
        your comment.
      </Typography>
      {decided && (
        <Box mb={2} role="status">
          <Alert severity="success" onClose={() => setDecided(undefined)}>
            {decided}
          </Alert>
        </Box>
      )}
      {page.error && <ResponseErrorPanel error={page.error} />}
      {page.loading && !page.value && <Progress />}
      {page.value && items.length === 0 && (
        <Typography variant="body2">Nothing waits for your review.</Typography>
      )}
      {items.length > 0 && (
        <Table size="small" aria-label="Assessments awaiting review">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Revision</TableCell>
              <TableCell>Submitted by</TableCell>
              <TableCell>Waiting</TableCell>
              <TableCell>Decision</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(item => (
              <ReviewRow
                key={stringifyEntityRef(parseEntityRef(item.entityRef))}
                item={item}
                onDone={message => {
                  setDecided(message);
                  setReloads(n => n + 1);
                }}
              />
            ))}
          </TableBody>
        </Table>
      )}
      {items.length > 0 &&
        paging.pagination(
          page.value && { nextCursor: page.value.nextCursor ?? null },
          count,
        )}
    </>
  );
}
