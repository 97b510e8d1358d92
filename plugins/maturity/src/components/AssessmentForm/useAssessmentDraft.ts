import {
  MaturityModel,
  MaturitySettings,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { exemptTopicsOf, unchangedTopicsOf } from './attestation';
import { discardDraft, loadDraft, storeDraft } from './draftStorage';
import {
  DraftAction,
  DraftEdit,
  DraftState,
  initialDraftState,
  reduceDraft,
  stepOfKey,
} from './draftReducer';
import { Draft, FieldErrors, toSubmission } from './formState';
import { changesBetween } from './quickFill';

/**
 * The draft of an assessment form and the step it shows, kept in the
 * browser while it has unsaved changes so that a reload or a closed tab
 * loses nothing.
 */
export function useAssessmentDraft(options: {
  model: MaturityModel;
  entityRef: string;
  /** The snapshot the draft starts from; none for a first assessment. */
  base?: StoredAssessment;
  /** The backend's settings; attestation and exemptions off without them. */
  settings?: MaturitySettings;
}) {
  const { model, entityRef, settings } = options;
  const reducer = useCallback(
    (state: DraftState, action: DraftAction) =>
      reduceDraft(model, state, action),
    [model],
  );
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialDraftState(
      options.base,
      loadDraft(entityRef, options.base?.revision ?? 0),
    ),
  );
  const { draft, initial, fieldErrors } = state;
  const baseRevision = state.base?.revision ?? 0;
  const reviewStep = model.dimensions.length;

  const exemptTopics = useMemo(
    () => exemptTopicsOf(model, settings, draft.ratings),
    [model, settings, draft.ratings],
  );
  const unchangedTopics = useMemo(
    () => unchangedTopicsOf(model, initial.ratings, draft.ratings),
    [model, initial.ratings, draft.ratings],
  );

  const { dirty, edited } = useMemo(() => {
    const initialExempt = exemptTopicsOf(model, settings, initial.ratings);
    const sent = (d: Draft, exempt: ReadonlySet<string>) =>
      JSON.stringify(toSubmission(d, 0, exempt).submission);
    const before = sent(initial, initialExempt);
    return {
      dirty: sent(draft, exemptTopics) !== before,
      edited: sent({ ...draft, confirmed: [] }, exemptTopics) !== before,
    };
  }, [model, settings, draft, initial, exemptTopics]);

  useEffect(() => {
    if (dirty) storeDraft(entityRef, baseRevision, draft);
    else discardDraft(entityRef);
  }, [entityRef, baseRevision, draft, dirty]);

  const changes = useMemo(
    () => changesBetween(model, initial, draft),
    [model, initial, draft],
  );

  const stepsWithErrors = useMemo(
    () => new Set(Object.keys(fieldErrors).map(key => stepOfKey(model, key))),
    [fieldErrors, model],
  );

  // Stable, so that a memoised topic editor re-renders only for its topic.
  const actions = useMemo(
    () => ({
      edit: (edit: DraftEdit) => dispatch({ type: 'edit', edit }),
      goTo: (step: number) => dispatch({ type: 'goTo', step }),
      showErrors: (errors: FieldErrors) =>
        dispatch({ type: 'showErrors', errors }),
      restart: () => dispatch({ type: 'restart' }),
      reload: (latest: StoredAssessment | undefined) =>
        dispatch({ type: 'reload', latest }),
    }),
    [],
  );

  return {
    ...state,
    baseRevision,
    /** The step after the dimensions: review and save. */
    reviewStep,
    /** Whether the draft differs from its base in what would be sent. */
    dirty,
    /** Whether it does in more than confirmations of unchanged topics. */
    edited,
    changes,
    stepsWithErrors,
    /** The topics rated entirely N/A that need a reason, by the settings. */
    exemptTopics,
    /** The topics rated in the base whose ratings are kept as they are. */
    unchangedTopics,
    ...actions,
  };
}
