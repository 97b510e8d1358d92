import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { EntityCampaigns } from '../Campaigns';
import { Attribution, ReadableTheme, useMaturityModel } from '../shared';
import { ScorecardView } from './ScorecardView';

/**
 * The Maturity tab of a system, group or domain: the roll-up of its
 * components (for a group, of all its teams' components).
 * @public
 */
export function EntityMaturityScorecardContent() {
  return (
    <ReadableTheme>
      <ScorecardTab />
    </ReadableTheme>
  );
}

function ScorecardTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const scorecard = useAsync(
    () => api.getScorecard(entityRef, { entities: 'none' }),
    [api, entityRef],
  );

  const error = model.error ?? scorecard.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!model.value || !scorecard.value) return <Progress />;
  return (
    <>
      {entity.kind.toLocaleLowerCase('en-US') === 'group' && (
        <EntityCampaigns model={model.value} entityRef={entityRef} />
      )}
      <ScorecardView model={model.value} scorecard={scorecard.value} />
      <Attribution model={model.value} />
    </>
  );
}
