import { InfoCard } from '@backstage/core-components';
import {
  MaturityModel,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
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

/** Components × dimensions, each component linking to its page. */
export function EntityHeatMap(props: {
  model: MaturityModel;
  rows: Scorecard['entities'];
}) {
  const { model, rows } = props;
  return (
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
      {rows.map(row => (
        <TableRow key={row.entityRef}>
          <EntityRefCell entityRef={row.entityRef} />
          <HeatMapCells model={model} row={row} />
          <AssessedAtCell row={row} />
        </TableRow>
      ))}
    </HeatMapTable>
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
          {scorecard.entities.length ? (
            <EntityHeatMap model={model} rows={scorecard.entities} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              There are no components here yet.
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
