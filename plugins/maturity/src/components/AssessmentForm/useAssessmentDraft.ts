import {
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { discardDraft, loadDraft, storeDraft } from './draftStorage';
import {
  DraftAction,
  DraftEdit,
  DraftState,
  initialDraftState,
  reduceDraft,
  stepOfKey,
} from './draftReducer';
import { FieldErrors, toSubmission } from './formState';
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
}) {
  const { model, entityRef } = options;
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

  const dirty = useMemo(
    () =>
      JSON.stringify(toSubmission(draft, 0).submission) !==
      JSON.stringify(toSubmission(initial, 0).submission),
    [draft, initial],
  );

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
    changes,
    stepsWithErrors,
    ...actions,
  };
}
