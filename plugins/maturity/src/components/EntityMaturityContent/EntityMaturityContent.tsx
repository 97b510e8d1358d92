import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  maturityAssessmentCreatePermission,
  MaturityModel,
  snapshotCounts,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { maturityApiRef } from '../../api/MaturityApi';
import { AssessmentForm } from '../AssessmentForm';
import { EntityCampaigns } from '../Campaigns';
import { useMayReview } from '../Review';
import {
  Attribution,
  formatDate,
  ReadableTheme,
  useMaturityModel,
  useMaturitySettings,
} from '../shared';
import { describeImport, V3ImportButton } from '../V3Import';
import { AssessmentHistory } from './AssessmentHistory';
import { AssessmentView } from './AssessmentView';
import { PendingReview } from './PendingReview';
import { SnapshotExemptions } from './SnapshotExemptions';

function modelSummary(model: MaturityModel): string {
  const topics = model.dimensions.reduce((n, d) => n + d.topics.length, 0);
  return (
    `The ${model.title} describes ${model.levels.length} levels ` +
    `(${model.levels.map(l => l.name).join(', ')}) across ` +
    `${model.dimensions.length} dimensions ` +
    `(${model.dimensions.map(d => d.title).join(', ')}), ` +
    `in ${topics} topics. An assessment rates each level of each topic, ` +
    'shows where this component stands against its targets and what to do next.'
  );
}

/** The Maturity tab of a component: latest snapshot, history and the form. @public */
export function EntityMaturityContent() {
  return (
    <ReadableTheme>
      <MaturityTab />
    </ReadableTheme>
  );
}

function MaturityTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const settings = useMaturitySettings();
  const latest = useAsyncRetry(
    () => api.getAssessment(entityRef),
    [api, entityRef],
  );
  const { allowed: canAssess } = usePermission({
    permission: maturityAssessmentCreatePermission,
    resourceRef: entityRef,
  });
  const mayReview = useMayReview(entityRef, latest.value);
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<StoredAssessment>();
  // What the last save or import did, confirmed above the assessment.
  const [saved, setSaved] = useState<string>();

  if (model.error) return <ResponseErrorPanel error={model.error} />;
  if (settings.error) return <ResponseErrorPanel error={settings.error} />;
  if (latest.error) return <ResponseErrorPanel error={latest.error} />;
  if (!model.value || !settings.value || (latest.loading && !latest.value)) {
    return <Progress />;
  }

  if (editing) {
    return (
      <AssessmentForm
        model={model.value}
        entityRef={entityRef}
        base={latest.value}
        settings={settings.value}
        onCancel={() => setEditing(false)}
        onSaved={stored => {
          setEditing(false);
          setViewing(undefined);
          setSaved(
            stored.review?.status === 'pending'
              ? `Assessment saved as revision ${stored.revision}. Awaiting review: it counts once someone else approves it.`
              : `Assessment saved as revision ${stored.revision}.`,
          );
          latest.retry();
        }}
      />
    );
  }

  const actions = canAssess ? (
    <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
      <Button
        variant="contained"
        color="primary"
        onClick={() => setEditing(true)}
      >
        {latest.value ? 'Update assessment' : 'Assess'}
      </Button>
      <V3ImportButton
        entityRef={entityRef}
        baseRevision={latest.value?.revision ?? 0}
        onImported={result => {
          setViewing(undefined);
          setSaved(describeImport(result));
          latest.retry();
        }}
      />
    </Box>
  ) : undefined;

  if (!latest.value) {
    return (
      <>
        <EntityCampaigns model={model.value} entityRef={entityRef} />
        <EmptyState
          missing="content"
          title="No maturity assessment yet"
          description={modelSummary(model.value)}
          action={actions}
        />
        <Attribution model={model.value} />
      </>
    );
  }

  // Under review, what counts is the main view; the latest snapshot, while
  // pending or returned, is shown above it with its changes.
  const awaiting = snapshotCounts(latest.value) ? undefined : latest.value;
  const main = latest.value.counted ?? latest.value;
  const mainRevision = main.revision;
  const shown = viewing ?? main;
  return (
    <>
      {saved && (
        <Box mb={2}>
          <Alert severity="success" onClose={() => setSaved(undefined)}>
            {saved}
          </Alert>
        </Box>
      )}
      {!viewing && (
        // Keyed by revision: a new assessment changes what is still needed.
        <EntityCampaigns
          key={latest.value.revision}
          model={model.value}
          entityRef={entityRef}
        />
      )}
      {awaiting && !viewing && (
        <PendingReview
          model={model.value}
          entityRef={entityRef}
          assessment={awaiting}
          mayReview={mayReview}
          onDecided={outcome => {
            setSaved(outcome.message);
            latest.retry();
          }}
        />
      )}
      {viewing && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              <Button color="inherit" onClick={() => setViewing(undefined)}>
                Back to latest
              </Button>
            }
          >
            You are viewing revision {viewing.revision} from{' '}
            {formatDate(viewing.createdAt)}, not the latest assessment.
          </Alert>
        </Box>
      )}
      <AssessmentView
        model={model.value}
        assessment={shown}
        actions={viewing ? undefined : actions}
      />
      <SnapshotExemptions
        model={model.value}
        settings={settings.value}
        assessment={shown}
      />
      <Box mt={3}>
        <AssessmentHistory
          model={model.value}
          entityRef={entityRef}
          latestRevision={latest.value.revision}
          viewing={viewing?.revision}
          onView={snapshot =>
            setViewing(
              snapshot.revision === mainRevision ? undefined : snapshot,
            )
          }
        />
      </Box>
      <Attribution model={model.value} />
    </>
  );
}
