import {
  levelName,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Chip,
  darken,
  lighten,
  makeStyles,
  TableCell,
  Theme,
  useTheme,
} from '@material-ui/core';
import { readableTextOn } from './contrast';
import type { LevelChange } from './levelChange';

type LevelNames = Pick<MaturityModel, 'levels'>;

/** "3 · Scale", or "Not assessed" without a level. */
export function formatLevel(model: LevelNames, level: number | null): string {
  if (level === null) return levelName(model, null);
  return `${level} · ${levelName(model, level)}`;
}

/**
 * A colour per level, from pale (level 0) to the theme's primary colour
 * (level 5) in a light theme, from dark to it in a dark one. Text on it is
 * black or white, whichever reads better (readableTextOn).
 */
export function levelColor(theme: Theme, level: number): string {
  const weakness = 1 - Math.max(0, Math.min(5, level)) / 5;
  const base = theme.palette.primary.main;
  return theme.palette.type === 'dark'
    ? darken(base, 0.75 * weakness)
    : lighten(base, 0.85 * weakness);
}

export function LevelChip(props: {
  model: LevelNames;
  level: number | null;
  size?: 'small' | 'medium';
}) {
  const { model, level, size = 'small' } = props;
  const theme = useTheme();
  if (level === null) {
    return (
      <Chip size={size} variant="outlined" label={formatLevel(model, null)} />
    );
  }
  const background = levelColor(theme, level);
  return (
    <Chip
      size={size}
      label={formatLevel(model, level)}
      style={{
        backgroundColor: background,
        color: readableTextOn(background),
      }}
    />
  );
}

const useStyles = makeStyles({
  // Hidden from sight but read by screen readers, so a cell is not just a number.
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  arrow: { marginLeft: 2 },
});

/**
 * A heat-map cell: the level number on its colour, with its name for
 * tooltips and screen readers; against an earlier level, ▲ or ▼ and the
 * earlier level in words too, so that no move is told by colour alone.
 */
export function HeatCell(props: {
  model: LevelNames;
  level: number | null;
  change?: LevelChange;
}) {
  const { model, level, change } = props;
  const theme = useTheme();
  const classes = useStyles();
  const label = formatLevel(model, level);
  const moved = change ? `, ${change.text}` : '';
  const arrow = change?.arrow && (
    <span aria-hidden="true" className={classes.arrow}>
      {change.arrow}
    </span>
  );
  if (level === null) {
    return (
      <TableCell align="center" title={`${label}${moved}`}>
        –{arrow}
        <span className={classes.srOnly}>
          {label}
          {moved}
        </span>
      </TableCell>
    );
  }
  const background = levelColor(theme, level);
  return (
    <TableCell
      align="center"
      title={`${label}${moved}`}
      style={{
        backgroundColor: background,
        color: readableTextOn(background),
        fontWeight: 'bold',
      }}
    >
      {level}
      {arrow}
      <span className={classes.srOnly}>
        {' '}
        · {levelName(model, level)}
        {moved}
      </span>
    </TableCell>
  );
}
