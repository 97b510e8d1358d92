import {
  levelStats,
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { useTheme } from '@material-ui/core';
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  Tooltip,
} from 'recharts';
import {
  ChartFrame,
  chartTooltipProps,
  DimensionLines,
  formatDate,
  formatLevel,
  plural,
} from '../shared';

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
        <Tooltip {...chartTooltipProps(theme, model)} />
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
  const points = [...snapshots]
    .sort((a, b) => a.revision - b.revision)
    .map(snapshot => ({
      label: `r${snapshot.revision} · ${formatDate(snapshot.createdAt)}`,
      dimensions: Object.fromEntries(
        model.dimensions.map(d => [
          d.id,
          snapshot.result.dimensions[d.id]?.median ?? null,
        ]),
      ),
    }));
  return (
    <DimensionLines
      model={model}
      points={points}
      label={`Dimension medians over ${plural(snapshots.length, 'snapshot')}`}
    />
  );
}
