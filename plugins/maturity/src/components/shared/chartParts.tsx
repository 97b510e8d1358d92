import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Theme } from '@material-ui/core';
import { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';
import { formatLevel } from './levels';

/** A colour per series, from the theme. */
export function seriesColors(theme: Theme): string[] {
  const p = theme.palette;
  return [
    p.primary.main,
    p.secondary.main,
    p.success.main,
    p.warning.main,
    p.info.main,
    p.error.main,
  ];
}

/**
 * The box a chart is drawn in: recharts' ResponsiveContainer needs a parent of
 * fixed height to measure, and the chart is one image to screen readers,
 * described by its label.
 */
export function ChartFrame(props: {
  height: number;
  label: string;
  children: ReactElement;
}) {
  return (
    <Box height={props.height} role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height="100%">
        {props.children}
      </ResponsiveContainer>
    </Box>
  );
}

/** recharts' Tooltip showing levels by name, in the theme's colours. */
export function chartTooltipProps(theme: Theme, model: MaturityModel) {
  return {
    formatter: (value: unknown) =>
      formatLevel(model, typeof value === 'number' ? value : null),
    contentStyle: {
      backgroundColor: theme.palette.background.paper,
      borderColor: theme.palette.divider,
      color: theme.palette.text.primary,
    },
  };
}
