import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { AssessmentStepper } from './AssessmentStepper';
import { DiscardChangesDialog } from './DiscardChangesDialog';
import { discardDraft } from './draftStorage';
import { ReviewStep } from './ReviewStep';
import { SaveProblemAlert } from './SaveProblemAlert';
import { TopicEditor } from './TopicEditor';
import { useAssessmentDraft } from './useAssessmentDraft';
import { useSaveAssessment } from './useSaveAssessment';
import { useStepFocus } from './useStepFocus';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

/** @public */
export interface AssessmentFormProps {
  model: MaturityModel;
  entityRef: string;
  /** The snapshot the new one starts from; none for a first assessment. */
  base?: StoredAssessment;
  onSaved: (assessment: StoredAssessment) => void;
  onCancel: () => void;
}

/** A new snapshot, one step per dimension, sent with the revision it started from. */
export function AssessmentForm(props: AssessmentFormProps) {
  const { model, entityRef, onSaved, onCancel } = props;
  const form = useAssessmentDraft({ model, entityRef, base: props.base });
  const { base, draft, step, reviewStep, fieldErrors, goTo } = form;
  const { save, reload, problem, busy } = useSaveAssessment({
    model,
    entityRef,
    draft,
    baseRevision: form.baseRevision,
    showErrors: form.showErrors,
    onReloaded: form.reload,
    onSaved,
  });
  const guard = useUnsavedChangesGuard({
    dirty: form.dirty,
    leave: () => {
      discardDraft(entityRef);
      onCancel();
    },
  });
  const { stepRef, actionRef, onStepKeyDown } = useStepFocus(step);
  const api = useApi(maturityApiRef);
  // Offered, never required: without it the form is the form as it was.
  const catalog = useAsync(
    () => api.getEntityEvidence(entityRef),
    [api, entityRef],
  );

  const dimension = model.dimensions[step];
  return (
    <InfoCard
      title={base ? 'Update assessment' : 'New assessment'}
      subheader={
        base
          ? `Starts from revision ${base.revision}. Saving records a new snapshot; earlier ones stay in the history.`
          : 'Rate each level of each topic; the level of a topic is the highest level met without a gap below it.'
      }
    >
      {form.restored && form.dirty && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              <Button color="inherit" onClick={form.restart}>
                Start over
              </Button>
            }
          >
            Your unsaved changes from this browser are restored.
          </Alert>
        </Box>
      )}
      <SaveProblemAlert problem={problem} onReload={reload} busy={!!busy} />

      <AssessmentStepper
        model={model}
        step={step}
        stepsWithErrors={form.stepsWithErrors}
        onStep={goTo}
      />

      {dimension ? (
        // The keys come from the "Set level" selects inside; the step itself
        // is not a control.
        // eslint-disable-next-line jsx-a11y/no-static-element-interactions
        <div ref={stepRef} onKeyDown={onStepKeyDown}>
          <Typography variant="h5" component="h2">
            {dimension.title}
          </Typography>
          <Box mb={2}>
            <Typography variant="body2" color="textSecondary">
              {dimension.overview}
            </Typography>
          </Box>
          {dimension.topics.map(topic => (
            <TopicEditor
              key={topic.id}
              model={model}
              topic={topic}
              ratings={draft.ratings[topic.id]}
              target={draft.targets[topic.id]}
              notes={draft.notes[topic.id]}
              evidence={draft.evidence[topic.id]}
              facts={catalog.value?.topics[topic.id]}
              errors={fieldErrors}
              onEdit={form.edit}
            />
          ))}
        </div>
      ) : (
        <ReviewStep
          model={model}
          changes={form.changes}
          baseRevision={form.baseRevision}
          comment={draft.comment}
          error={fieldErrors.comment}
          onEdit={form.edit}
        />
      )}

      <Box display="flex" justifyContent="space-between" mt={2}>
        <Button onClick={guard.requestLeave} disabled={!!busy}>
          Cancel
        </Button>
        <Box display="flex" style={{ gap: 8 }}>
          <Button disabled={step === 0} onClick={() => goTo(step - 1)}>
            Back
          </Button>
          {step < reviewStep ? (
            <>
              <Button
                ref={step < reviewStep - 1 ? actionRef : undefined}
                onClick={() => goTo(step + 1)}
              >
                Next
              </Button>
              <Button
                ref={step === reviewStep - 1 ? actionRef : undefined}
                variant="contained"
                color="primary"
                onClick={() => goTo(reviewStep)}
              >
                Review changes
              </Button>
            </>
          ) : (
            <Button
              ref={actionRef}
              variant="contained"
              color="primary"
              onClick={save}
              disabled={!!busy}
            >
              {busy === 'saving' ? 'Saving…' : 'Save assessment'}
            </Button>
          )}
        </Box>
      </Box>

      <DiscardChangesDialog
        open={guard.confirming}
        onKeepEditing={guard.keepEditing}
        onDiscard={guard.leave}
      />
    </InfoCard>
  );
}
