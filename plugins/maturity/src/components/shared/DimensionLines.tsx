import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { useTheme } from '@material-ui/core';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame, chartTooltipProps, seriesColors } from './chartParts';
import { formatLevel } from './levels';

/** One point of a DimensionLines chart: its label and a level per dimension. */
export interface DimensionPoint {
  label: string;
  dimensions: Record<string, number | null>;
}

/**
 * A line per dimension of the model over points in time, oldest first, on
 * the level scale; gaps (a dimension unrated then) are bridged.
 */
export function DimensionLines(props: {
  model: MaturityModel;
  points: DimensionPoint[];
  /** The chart's accessible name. */
  label: string;
  height?: number;
}) {
  const { model, points, label, height = 280 } = props;
  const theme = useTheme();
  const colors = seriesColors(theme);
  const data = points.map(point => ({
    label: point.label,
    ...Object.fromEntries(
      model.dimensions.map(d => [d.id, point.dimensions[d.id] ?? null]),
    ),
  }));
  return (
    <ChartFrame height={height} label={label}>
      <LineChart data={data}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis
          dataKey="label"
          tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
        />
        <YAxis
          domain={[0, 5]}
          // Every level named: left to itself, recharts skips some ticks.
          ticks={[0, 1, 2, 3, 4, 5]}
          interval={0}
          // Wide enough for "0 · Not started" on one line.
          width={120}
          tickFormatter={(level: number) => formatLevel(model, level)}
          tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
        />
        {model.dimensions.map((dimension, i) => (
          <Line
            key={dimension.id}
            type="monotone"
            dataKey={dimension.id}
            name={dimension.title}
            stroke={colors[i % colors.length]}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        <Legend wrapperStyle={{ color: theme.palette.text.primary }} />
        <Tooltip {...chartTooltipProps(theme, model)} />
      </LineChart>
    </ChartFrame>
  );
}
