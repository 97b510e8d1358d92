import { Chip, useTheme } from '@material-ui/core';
import { readableTextOn } from './contrast';

/**
 * "Stale" on the theme's secondary colour, in black or white, whichever
 * reads: MUI writes white on it, 4.2:1 on Backstage's pink, below the 4.5:1
 * a 12px label needs.
 */
export function StaleChip() {
  const { main } = useTheme().palette.secondary;
  return (
    <Chip
      size="small"
      label="Stale"
      style={{ backgroundColor: main, color: readableTextOn(main) }}
    />
  );
}
