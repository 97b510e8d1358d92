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
import { ReactNode, useMemo } from 'react';
import { Grid, TableCell, TableRow, Typography } from '@material-ui/core';
import {
  AssessedAtCell,
  ComponentCountCell,
  Coverage,
  DimensionMedians,
  EarlierLevels,
  earlierByRef,
  EntityRefCell,
  HeatMapCells,
  HeatMapHeaders,
  HeatMapTable,
  IndexAge,
  mediansOf,
  OverviewSort,
  PageMoments,
  serverMessage,
  useOverviewPages,
  WeakestTopics,
} from '../shared';

/** An earlier scorecard to compare with, and when it was. */
export interface ScorecardComparison {
  scorecard: Scorecard;
  /** As people read it, e.g. "1 Jun 2026". */
  when: string;
}

/** Child teams × dimensions, marked against their earlier levels. */
export function TeamHeatMap(props: {
  model: MaturityModel;
  rows: Scorecard['children'];
  earlier?: Map<string, EarlierLevels>;
}) {
  const { model, rows, earlier } = props;
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
          <HeatMapCells
            model={model}
            row={row}
            earlier={earlier?.get(row.entityRef)}
          />
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
 * time from the server: a whole organisation can hold 100,000 of them. With
 * a moment to compare with, the same page as it was then marks the cells.
 */
export function EntityHeatMap(props: {
  model: MaturityModel;
  entityRef: string;
  moments?: PageMoments;
  /** The moment compared with, as people read it. */
  compareLabel?: string;
}) {
  const { model, entityRef, moments, compareLabel } = props;
  const filter = useMemo(() => scopeFilter(entityRef), [entityRef]);
  const { page, earlier, pagination } = useOverviewPages(
    filter,
    BY_NAME,
    moments,
  );
  const earlierRows =
    earlier.value && compareLabel
      ? earlierByRef(earlier.value.items, compareLabel)
      : undefined;
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
            <HeatMapCells
              model={model}
              row={row}
              earlier={earlierRows?.get(row.entityRef)}
            />
            <AssessedAtCell row={row} />
          </TableRow>
        ))}
      </HeatMapTable>
      {earlier.error && (
        <Typography color="error" variant="body2">
          The earlier levels could not be read: {serverMessage(earlier.error)}
        </Typography>
      )}
      {pagination}
    </>
  );
}

/**
 * A system's, group's or domain's scorecard; against an earlier one, its
 * medians and its teams' cells marked with how they moved. `children` are
 * further grid items, put after the teams.
 */
export function ScorecardView(props: {
  model: MaturityModel;
  scorecard: Scorecard;
  comparison?: ScorecardComparison;
  moments?: PageMoments;
  children?: ReactNode;
}) {
  const { model, scorecard, comparison, moments } = props;
  const when = comparison?.when;
  const earlierTeams =
    comparison && earlierByRef(comparison.scorecard.children, comparison.when);
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
          <DimensionMedians
            model={model}
            dimensions={scorecard.dimensions}
            earlier={
              comparison && {
                levels: mediansOf(comparison.scorecard.dimensions),
                when: comparison.when,
              }
            }
          />
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
            <TeamHeatMap
              model={model}
              rows={scorecard.children}
              earlier={earlierTeams}
            />
          </InfoCard>
        </Grid>
      )}
      {props.children}
      <Grid item xs={12}>
        <InfoCard title="Components">
          <EntityHeatMap
            model={model}
            entityRef={scorecard.entityRef}
            moments={moments}
            compareLabel={when}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
