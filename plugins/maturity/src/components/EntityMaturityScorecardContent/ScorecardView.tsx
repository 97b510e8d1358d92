import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  EntityFilter,
  MaturityModel,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import { useMemo } from 'react';
import { Grid, TableCell, TableRow, Typography } from '@material-ui/core';
import {
  AssessedAtCell,
  ComponentCountCell,
  Coverage,
  DimensionMedians,
  EntityRefCell,
  HeatMapCells,
  HeatMapHeaders,
  HeatMapTable,
  IndexAge,
  OverviewSort,
  useOverviewPages,
  WeakestTopics,
} from '../shared';

/** Child teams × dimensions. */
export function TeamHeatMap(props: {
  model: MaturityModel;
  rows: Scorecard['children'];
}) {
  const { model, rows } = props;
  return (
    <HeatMapTable
      model={model}
      label="Maturity by team"
      header={
        <>
          <TableCell>Team</TableCell>
          <TableCell>Assessed</TableCell>
          <HeatMapHeaders model={model} />
        </>
      }
    >
      {rows.map(row => (
        <TableRow key={row.entityRef}>
          <EntityRefCell entityRef={row.entityRef} />
          <ComponentCountCell components={row.components} />
          <HeatMapCells model={model} row={row} />
        </TableRow>
      ))}
    </HeatMapTable>
  );
}

/** The overview filter that selects a scorecard's components. */
export function scopeFilter(entityRef: string): EntityFilter {
  const kind = parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
  if (kind === 'group') return { group: entityRef };
  if (kind === 'domain') return { domain: entityRef };
  return { system: entityRef };
}

const BY_NAME: OverviewSort = { sortBy: 'name', order: 'asc' };

/**
 * Components × dimensions, each component linking to its page, a page at a
 * time from the server: a whole organisation can hold 100,000 of them.
 */
export function EntityHeatMap(props: {
  model: MaturityModel;
  entityRef: string;
}) {
  const { model, entityRef } = props;
  const filter = useMemo(() => scopeFilter(entityRef), [entityRef]);
  const { page, pagination } = useOverviewPages(filter, BY_NAME);
  if (page.error) return <ResponseErrorPanel error={page.error} />;
  if (!page.value) return <Progress />;
  if (!page.value.totalCount) {
    return (
      <Typography variant="body2" color="textSecondary">
        There are no components here yet.
      </Typography>
    );
  }
  return (
    <>
      <HeatMapTable
        model={model}
        label="Maturity by component"
        header={
          <>
            <TableCell>Component</TableCell>
            <HeatMapHeaders model={model} />
            <TableCell>Assessed</TableCell>
          </>
        }
      >
        {page.value.items.map(row => (
          <TableRow key={row.entityRef}>
            <EntityRefCell entityRef={row.entityRef} />
            <HeatMapCells model={model} row={row} />
            <AssessedAtCell row={row} />
          </TableRow>
        ))}
      </HeatMapTable>
      {pagination}
    </>
  );
}

/** A system's, group's or domain's scorecard. */
export function ScorecardView(props: {
  model: MaturityModel;
  scorecard: Scorecard;
}) {
  const { model, scorecard } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Coverage">
          <Coverage scorecard={scorecard} />
          <IndexAge indexedAt={scorecard.indexedAt} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Dimension medians">
          <DimensionMedians model={model} dimensions={scorecard.dimensions} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Weakest topics">
          <WeakestTopics model={model} scorecard={scorecard} />
        </InfoCard>
      </Grid>
      {scorecard.children.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Teams">
            <TeamHeatMap model={model} rows={scorecard.children} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Components">
          <EntityHeatMap model={model} entityRef={scorecard.entityRef} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
