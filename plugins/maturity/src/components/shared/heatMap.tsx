// The tables that set entities or teams against the model's dimensions (a
// scorecard's teams and components, the Teams tab, the overview) are built
// from these pieces, so that their columns read and look the same everywhere.
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  EntityMaturityRow,
  MaturityModel,
  ScorecardChild,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { ReactNode } from 'react';
import { formatDate, formatPercent } from './format';
import { HeatCell } from './levels';

/** A small table with one heading row; its rows are the children. */
export function HeatMapTable(props: {
  /** The table's accessible name. */
  label: string;
  /** The cells of the heading row. */
  header: ReactNode;
  children: ReactNode;
}) {
  return (
    <TableContainer>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>{props.header}</TableRow>
        </TableHead>
        <TableBody>{props.children}</TableBody>
      </Table>
    </TableContainer>
  );
}

/** The headings of HeatMapCells: each dimension's title, then "To target". */
export function HeatMapHeaders(props: { model: MaturityModel }) {
  return (
    <>
      {props.model.dimensions.map(d => (
        <TableCell key={d.id} align="center">
          {d.title}
        </TableCell>
      ))}
      <TableCell align="right">To target</TableCell>
    </>
  );
}

/** One heat cell per dimension of the model, then the progress to target. */
export function HeatMapCells(props: {
  model: MaturityModel;
  row: Pick<EntityMaturityRow, 'dimensions' | 'percentToTarget'>;
}) {
  const { model, row } = props;
  return (
    <>
      {model.dimensions.map(d => (
        <HeatCell
          key={d.id}
          model={model}
          level={row.dimensions[d.id] ?? null}
        />
      ))}
      <TableCell align="right">{formatPercent(row.percentToTarget)}</TableCell>
    </>
  );
}

/** A cell linking to an entity's page; empty when there is no entity. */
export function EntityRefCell(props: { entityRef: string | null }) {
  return (
    <TableCell>
      {props.entityRef && <EntityRefLink entityRef={props.entityRef} />}
    </TableCell>
  );
}

/** How many of a team's components are assessed, and how many are stale. */
export function ComponentCountCell(props: {
  components: ScorecardChild['components'];
}) {
  const { assessed, total, stale } = props.components;
  return (
    <TableCell>
      {assessed}/{total}
      {stale > 0 && ` (${stale} stale)`}
    </TableCell>
  );
}

/** When an entity was last assessed, flagged when that assessment is stale. */
export function AssessedAtCell(props: {
  row: Pick<EntityMaturityRow, 'assessedAt' | 'stale'>;
}) {
  const { assessedAt, stale } = props.row;
  return (
    <TableCell>
      {assessedAt ? formatDate(assessedAt) : 'Not assessed'}
      {stale && (
        <>
          {' '}
          <Chip size="small" color="secondary" label="Stale" />
        </>
      )}
    </TableCell>
  );
}
