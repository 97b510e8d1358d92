import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { ReviewStatusChip } from '../Review';
import {
  Coverage,
  DimensionMedians,
  formatDate,
  formatPercent,
  ReadableTheme,
  StaleChip,
  useMaturityModel,
} from '../shared';

function ComponentSummary(props: { entityRef: string }) {
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const assessment = useAsync(
    () => api.getAssessment(props.entityRef),
    [api, props.entityRef],
  );
  const error = model.error ?? assessment.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!model.value || assessment.loading) return <Progress />;
  if (!assessment.value) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not assessed yet. Open the Maturity tab to assess it.
      </Typography>
    );
  }
  // Under review the card shows what counts, as the scorecards do, and
  // says when a later revision waits or was returned.
  const latest = assessment.value;
  const { result, createdAt } = latest.counted ?? latest;
  return (
    <>
      <DimensionMedians model={model.value} dimensions={result.dimensions} />
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2" color="textSecondary">
          Assessed {formatDate(createdAt)} · progress to target{' '}
          {formatPercent(result.percentToTarget)}
        </Typography>
        {result.stale && <StaleChip />}
        {latest.review && latest.review.status !== 'approved' && (
          <ReviewStatusChip review={latest.review} />
        )}
      </Box>
    </>
  );
}

function ScorecardSummary(props: { entityRef: string }) {
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const scorecard = useAsync(
    () => api.getScorecard(props.entityRef, { entities: 'none' }),
    [api, props.entityRef],
  );
  const error = model.error ?? scorecard.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!model.value || !scorecard.value) return <Progress />;
  return (
    <>
      <Coverage scorecard={scorecard.value} />
      <Box mt={2}>
        <DimensionMedians
          model={model.value}
          dimensions={scorecard.value.dimensions}
        />
      </Box>
    </>
  );
}

/**
 * A maturity summary for an entity's overview page: a component's dimension
 * medians, or a system's or group's coverage and medians.
 * @public
 */
export function EntityMaturityCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const isComponent = entity.kind.toLocaleLowerCase('en-US') === 'component';
  return (
    <ReadableTheme>
      <InfoCard title="Maturity">
        {isComponent ? (
          <ComponentSummary entityRef={entityRef} />
        ) : (
          <ScorecardSummary entityRef={entityRef} />
        )}
      </InfoCard>
    </ReadableTheme>
  );
}
