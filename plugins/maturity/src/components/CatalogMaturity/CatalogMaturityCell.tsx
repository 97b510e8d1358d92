import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Chip, Typography } from '@material-ui/core';
import Skeleton from '@material-ui/lab/Skeleton';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import {
  formatDate,
  LevelChip,
  ReadableTheme,
  useMaturityModel,
} from '../shared';
import { catalogRowLoader } from './loader';

/** The Maturity cell of one catalog row, answered with its page's batch. */
export function CatalogMaturityCell(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const row = useAsync(
    () => catalogRowLoader(api).load(entityRef),
    [api, entityRef],
  );
  if (row.error || model.error) {
    return (
      <Typography
        variant="caption"
        color="error"
        title={(row.error ?? model.error)!.message}
      >
        Unavailable
      </Typography>
    );
  }
  if (row.loading || model.loading || !model.value) {
    return <Skeleton variant="text" width={96} aria-label="Loading maturity" />;
  }
  // Unknown to the plugin (or hidden): nothing to say about it.
  if (!row.value) return <Typography variant="caption">–</Typography>;
  const { assessed, level, stale, assessedAt } = row.value;
  if (!assessed) return <LevelChip model={model.value} level={null} />;
  return (
    <Box display="flex" alignItems="center" gridGap={4}>
      {level === null ? (
        <Chip size="small" variant="outlined" label="No rated dimension" />
      ) : (
        <LevelChip model={model.value} level={level} />
      )}
      {stale && (
        <Typography
          variant="caption"
          color="textSecondary"
          title={`Assessed ${formatDate(
            assessedAt ?? null,
          )}: older than the stale limit`}
        >
          stale
        </Typography>
      )}
    </Box>
  );
}

/**
 * A Maturity column for the catalog table (`CatalogIndexPage columns`, or
 * `CatalogTable columns`): the lowest dimension median of each entity's
 * latest assessment as a level chip, "Not assessed", and a stale marker;
 * "–" for other kinds than components. The cells of a page are answered by
 * one request.
 * @public
 */
export function createMaturityColumn<T extends { entity: Entity }>(
  options: { title?: string } = {},
): TableColumn<T> {
  return {
    title: options.title ?? 'Maturity',
    sorting: false,
    // Components are what is assessed: rows of other kinds cost no request.
    render: ({ entity }) =>
      entity.kind.toLocaleLowerCase('en-US') === 'component' ? (
        <ReadableTheme>
          <CatalogMaturityCell entityRef={stringifyEntityRef(entity)} />
        </ReadableTheme>
      ) : (
        <Typography variant="caption">–</Typography>
      ),
  };
}
