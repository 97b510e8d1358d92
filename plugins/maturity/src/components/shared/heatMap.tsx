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
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  useTheme,
} from '@material-ui/core';
import { ReactNode } from 'react';
import { formatDate, formatPercent } from './format';
import { EarlierLevels, levelChange } from './levelChange';
import { formatLevel, HeatCell, levelColor } from './levels';
import { StaleChip } from './StaleChip';

const NAME_MAX_WIDTH = 200;

const useStyles = makeStyles(theme => ({
  // Cells never wrap: a word broken over two lines ("Pe / opl / e") is
  // harder to read than a table that scrolls sideways inside its container.
  container: {
    maxHeight: '75vh',
    overflowX: 'auto',
  },
  table: {
    '& th, & td': {
      whiteSpace: 'nowrap',
      paddingLeft: theme.spacing(1),
      paddingRight: theme.spacing(1),
    },
    '& th': {
      backgroundColor: theme.palette.background.paper,
    },
  },
  name: {
    maxWidth: NAME_MAX_WIDTH,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  legendSwatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
    border: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * A table with a sticky heading row that scrolls inside its own container;
 * its rows are the children.
 */
export function StickyTable(props: {
  /** The table's accessible name. */
  label: string;
  /** The cells of the heading row. */
  header: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <TableContainer className={classes.container}>
      <Table
        stickyHeader
        size="small"
        aria-label={props.label}
        className={classes.table}
      >
        <TableHead>
          <TableRow>{props.header}</TableRow>
        </TableHead>
        <TableBody>{props.children}</TableBody>
      </Table>
    </TableContainer>
  );
}

/** A StickyTable of heat cells, followed by the legend of their colours. */
export function HeatMapTable(props: {
  model: Pick<MaturityModel, 'levels'>;
  /** The table's accessible name. */
  label: string;
  /** The cells of the heading row. */
  header: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <StickyTable label={props.label} header={props.header}>
        {props.children}
      </StickyTable>
      <HeatMapLegend model={props.model} />
    </>
  );
}

/** What each heat-map colour means. */
export function HeatMapLegend(props: { model: Pick<MaturityModel, 'levels'> }) {
  const classes = useStyles();
  const theme = useTheme();
  const levels = [0, 1, 2, 3, 4, 5];
  return (
    <Box
      component="ul"
      aria-label="Legend"
      display="flex"
      flexWrap="wrap"
      p={0}
      mt={1}
      mb={0}
      style={{ listStyle: 'none', gap: 16 }}
    >
      {levels.map(level => (
        <Typography
          key={level}
          component="li"
          variant="caption"
          color="textSecondary"
        >
          <span
            className={classes.legendSwatch}
            style={{ backgroundColor: levelColor(theme, level) }}
          />
          {formatLevel(props.model, level)}
        </Typography>
      ))}
      <Typography component="li" variant="caption" color="textSecondary">
        – {formatLevel(props.model, null)}
      </Typography>
    </Box>
  );
}

/**
 * A dimension's short heading ("Tech."), so that five dimensions fit beside
 * the names; the full title is in the tooltip and the accessible name.
 */
export function shortDimensionTitle(title: string): string {
  const words = title.split(/\s+/).filter(Boolean);
  if (words.length > 1) return words.map(w => w[0].toUpperCase()).join('');
  return title.length > 8 ? `${title.slice(0, 4)}.` : title;
}

/** A dimension's heading: its short title, the full one on hover. */
export function DimensionHeading(props: { title: string }) {
  const short = shortDimensionTitle(props.title);
  if (short === props.title) return <>{props.title}</>;
  return (
    <Tooltip title={props.title}>
      <abbr aria-label={props.title} style={{ textDecoration: 'none' }}>
        {short}
      </abbr>
    </Tooltip>
  );
}

/**
 * The headings of HeatMapCells: each dimension's title, then "To target"
 * unless `withTarget` is false.
 */
export function HeatMapHeaders(props: {
  model: MaturityModel;
  withTarget?: boolean;
}) {
  const { model, withTarget = true } = props;
  return (
    <>
      {model.dimensions.map(d => (
        <TableCell key={d.id} align="center">
          <DimensionHeading title={d.title} />
        </TableCell>
      ))}
      {withTarget && <TableCell align="right">To target</TableCell>}
    </>
  );
}

/**
 * One heat cell per dimension of the model, then the progress to target;
 * against the row's earlier levels, each cell marked with how it moved.
 */
export function HeatMapCells(props: {
  model: MaturityModel;
  row: Pick<EntityMaturityRow, 'dimensions' | 'percentToTarget'>;
  earlier?: EarlierLevels;
}) {
  const { model, row, earlier } = props;
  return (
    <>
      {model.dimensions.map(d => {
        const level = row.dimensions[d.id] ?? null;
        return (
          <HeatCell
            key={d.id}
            model={model}
            level={level}
            change={
              earlier &&
              levelChange(
                model,
                level,
                earlier.levels[d.id] ?? null,
                earlier.when,
              )
            }
          />
        );
      })}
      <TableCell align="right">{formatPercent(row.percentToTarget)}</TableCell>
    </>
  );
}

/**
 * A cell linking to an entity's page, cut with an ellipsis when too long (the
 * full reference on hover); empty when there is no entity.
 */
export function EntityRefCell(props: { entityRef: string | null }) {
  const classes = useStyles();
  return (
    <TableCell className={classes.name} title={props.entityRef ?? undefined}>
      {props.entityRef && <EntityRefLink entityRef={props.entityRef} />}
    </TableCell>
  );
}

/** A plain text cell, cut with an ellipsis when too long (in full on hover). */
export function NameCell(props: { children: string | null | undefined }) {
  const classes = useStyles();
  return (
    <TableCell className={classes.name} title={props.children ?? undefined}>
      {props.children ?? ''}
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
          <StaleChip />
        </>
      )}
    </TableCell>
  );
}
