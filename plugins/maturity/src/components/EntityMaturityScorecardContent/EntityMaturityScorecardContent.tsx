import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { EntityCampaigns } from '../Campaigns';
import { changesDates, ChangesView } from '../Changes';
import {
  AsOfControls,
  AsOfNotice,
  AsOfView,
  Attribution,
  ReadableTheme,
  useAsOfParams,
  useMaturityModel,
} from '../shared';
import { scopeFilter, ScorecardView } from './ScorecardView';
import { TeamTrend } from './TeamTrend';

/**
 * The Maturity tab of a system, group or domain: the roll-up of its
 * components (for a group, of all its teams' components), now or as of a
 * day, compared with an earlier moment if chosen.
 * @public
 */
export function EntityMaturityScorecardContent() {
  return (
    <ReadableTheme>
      <ScorecardTab />
    </ReadableTheme>
  );
}

/** Who moved between the compared moments, or how to ask for it. */
function ChangesSection(props: {
  model: MaturityModel;
  entityRef: string;
  view: AsOfView;
}) {
  const { model, entityRef, view } = props;
  const dates = changesDates(view);
  if (!dates) {
    return (
      <InfoCard title="Changes">
        <Typography variant="body2" color="textSecondary">
          Choose a moment to compare with to see who improved and who regressed
          since.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <ChangesView model={model} scope={scopeFilter(entityRef)} dates={dates} />
  );
}

function ScorecardTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const { params, view, setAsOfParams } = useAsOfParams();
  const { asOf, compareAsOf, compareLabel } = view;
  const scorecard = useAsync(
    () => api.getScorecard(entityRef, { entities: 'none', asOf }),
    [api, entityRef, asOf],
  );
  const earlier = useAsync(
    async () =>
      compareAsOf
        ? api.getScorecard(entityRef, { entities: 'none', asOf: compareAsOf })
        : undefined,
    [api, entityRef, compareAsOf],
  );

  if (model.error) return <ResponseErrorPanel error={model.error} />;
  if (!model.value) return <Progress />;
  const error = scorecard.error ?? earlier.error;
  const comparing = Boolean(compareAsOf);
  let content;
  if (view.problems.asOf) {
    // The field says why; a scorecard of now would pass for that day's.
    content = null;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!scorecard.value || (comparing && !earlier.value)) {
    content = <Progress />;
  } else {
    content = (
      <>
        <AsOfNotice answer={scorecard.value} view={view} />
        <Box mt={2}>
          <ScorecardView
            model={model.value}
            scorecard={scorecard.value}
            comparison={
              earlier.value && compareLabel && !earlier.loading
                ? { scorecard: earlier.value, when: compareLabel }
                : undefined
            }
            moments={{ asOf, compareAsOf }}
          >
            {isGroup && (
              <Grid item xs={12}>
                <InfoCard title="Trend">
                  <TeamTrend model={model.value} groupRef={entityRef} />
                </InfoCard>
              </Grid>
            )}
            <Grid item xs={12}>
              <ChangesSection
                model={model.value}
                entityRef={entityRef}
                view={view}
              />
            </Grid>
          </ScorecardView>
        </Box>
      </>
    );
  }
  return (
    <>
      {isGroup && <EntityCampaigns model={model.value} entityRef={entityRef} />}
      <Box mb={2}>
        <AsOfControls params={params} view={view} onChange={setAsOfParams} />
      </Box>
      {content}
      <Attribution model={model.value} />
    </>
  );
}
