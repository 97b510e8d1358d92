import {
  levelStats,
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Theme, useTheme } from '@material-ui/core';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ReactElement } from 'react';
import { formatDate, formatLevel, plural } from '../shared';

/** The median of the targets set on a dimension's topics; null without any. */
export function dimensionTarget(
  model: MaturityModel,
  dimensionId: string,
  assessment: StoredAssessment,
): number | null {
  const dimension = model.dimensions.find(d => d.id === dimensionId);
  return levelStats(
    (dimension?.topics ?? []).map(
      t => assessment.result.topics[t.id]?.target ?? null,
    ),
  ).median;
}

function seriesColors(theme: Theme): string[] {
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
function ChartFrame(props: {
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

function tooltipProps(theme: Theme, model: MaturityModel) {
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

export function MaturityRadar(props: {
  model: MaturityModel;
  assessment: StoredAssessment;
}) {
  const { model, assessment } = props;
  const theme = useTheme();
  const data = model.dimensions.map(dimension => ({
    dimension: dimension.title,
    current: assessment.result.dimensions[dimension.id]?.median ?? 0,
    target: dimensionTarget(model, dimension.id, assessment) ?? 0,
  }));
  const hasTargets = model.dimensions.some(
    d => dimensionTarget(model, d.id, assessment) !== null,
  );
  const summary = model.dimensions
    .map(
      d =>
        `${d.title}: ${formatLevel(
          model,
          assessment.result.dimensions[d.id]?.median ?? null,
        )}`,
    )
    .join(', ');
  return (
    <ChartFrame height={320} label={`Dimension medians. ${summary}`}>
      <RadarChart data={data} outerRadius="70%">
        <PolarGrid stroke={theme.palette.divider} />
        <PolarAngleAxis
          dataKey="dimension"
          tick={{ fill: theme.palette.text.primary, fontSize: 12 }}
        />
        {/* Between the first two axes, so that its numbers do not sit on
            a dimension's axis and its label. */}
        <PolarRadiusAxis
          angle={90 - 180 / Math.max(1, model.dimensions.length)}
          domain={[0, 5]}
          tickCount={6}
          tick={{ fill: theme.palette.text.secondary, fontSize: 10 }}
        />
        <Radar
          name="Current (median)"
          dataKey="current"
          stroke={theme.palette.primary.main}
          fill={theme.palette.primary.main}
          fillOpacity={0.4}
          isAnimationActive={false}
        />
        {hasTargets && (
          <Radar
            name="Target"
            dataKey="target"
            stroke={theme.palette.secondary.main}
            fill={theme.palette.secondary.main}
            fillOpacity={0.1}
            isAnimationActive={false}
          />
        )}
        <Legend wrapperStyle={{ color: theme.palette.text.primary }} />
        <Tooltip {...tooltipProps(theme, model)} />
      </RadarChart>
    </ChartFrame>
  );
}

/** Dimension medians across snapshots, oldest first. */
export function MaturityTrend(props: {
  model: MaturityModel;
  snapshots: StoredAssessment[];
}) {
  const { model, snapshots } = props;
  const theme = useTheme();
  const colors = seriesColors(theme);
  const data = [...snapshots]
    .sort((a, b) => a.revision - b.revision)
    .map(snapshot => ({
      label: `r${snapshot.revision} · ${formatDate(snapshot.createdAt)}`,
      ...Object.fromEntries(
        model.dimensions.map(d => [
          d.id,
          snapshot.result.dimensions[d.id]?.median ?? null,
        ]),
      ),
    }));
  return (
    <ChartFrame
      height={280}
      label={`Dimension medians over ${plural(snapshots.length, 'snapshot')}`}
    >
      <LineChart data={data}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis
          dataKey="label"
          tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
        />
        <YAxis
          domain={[0, 5]}
          allowDecimals={false}
          width={90}
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
        <Tooltip {...tooltipProps(theme, model)} />
      </LineChart>
    </ChartFrame>
  );
}
