import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Button,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import {
  DimensionLines,
  HeatCell,
  HeatMapHeaders,
  serverMessage,
  StickyTable,
} from '../shared';

const MONTHS = 12;

/** A month's end (YYYY-MM-DD) as people read its month: "Jun 2026". */
function formatMonth(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/**
 * A team's dimension medians at each month's end over the last twelve
 * months, as a chart and, for those who cannot see it, as a table.
 */
export function TeamTrend(props: { model: MaturityModel; groupRef: string }) {
  const { model, groupRef } = props;
  const api = useApi(maturityApiRef);
  const [asTable, setAsTable] = useState(false);
  const trend = useAsync(
    () => api.getGroupTrend(groupRef, { months: MONTHS }),
    [api, groupRef],
  );
  if (trend.error) {
    return (
      <Typography color="error" variant="body2">
        The trend could not be read: {serverMessage(trend.error)}
      </Typography>
    );
  }
  if (!trend.value) return <Progress />;
  const { points } = trend.value;
  if (!points.some(point => point.assessed > 0)) {
    return (
      <Typography variant="body2" color="textSecondary">
        None of this team's components was assessed in the last {MONTHS} months.
      </Typography>
    );
  }
  const label = `Dimension medians at each month's end, ${formatMonth(
    points[0].date,
  )} to ${formatMonth(points[points.length - 1].date)}`;
  return (
    <Box component="figure" m={0}>
      <DimensionLines
        model={model}
        label={label}
        points={points.map(point => ({
          label: formatMonth(point.date),
          dimensions: point.dimensions,
        }))}
      />
      <Box
        component="figcaption"
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="caption" color="textSecondary">
          {label}; the last point is today. The team's components are those of
          today's catalog.
        </Typography>
        <Button
          size="small"
          aria-expanded={asTable}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Hide the table' : 'Show as a table'}
        </Button>
      </Box>
      {asTable && (
        <Box mt={1}>
          <StickyTable
            label="Dimension medians by month"
            header={
              <>
                <TableCell>Month</TableCell>
                <TableCell>Assessed</TableCell>
                <HeatMapHeaders model={model} withTarget={false} />
              </>
            }
          >
            {points.map(point => (
              <TableRow key={point.date}>
                <TableCell>{formatMonth(point.date)}</TableCell>
                <TableCell>
                  {point.assessed}/{point.components}
                </TableCell>
                {model.dimensions.map(d => (
                  <HeatCell
                    key={d.id}
                    model={model}
                    level={point.dimensions[d.id] ?? null}
                  />
                ))}
              </TableRow>
            ))}
          </StickyTable>
        </Box>
      )}
    </Box>
  );
}
