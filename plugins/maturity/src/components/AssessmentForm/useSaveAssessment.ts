import { useApi } from '@backstage/core-plugin-api';
import {
  ExemptionSettings,
  MaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import { useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { invalidateCatalogMaturity } from '../CatalogMaturity/loader';
import { responseStatus, serverMessage } from '../shared';
import { discardDraft } from './draftStorage';
import {
  Draft,
  errorsFromServerMessage,
  FieldErrors,
  toSubmission,
  validate,
} from './formState';

/** Why the last save or reload did not go through. */
export type SaveProblem =
  | { kind: 'conflict' }
  | { kind: 'invalid'; message: string; details?: string[] }
  | { kind: 'error'; message: string };

/**
 * Saving a draft: validated as the server will first, then sent with the
 * revision it started from. What goes wrong is a problem to show, and the
 * fields it names get their errors.
 */
export function useSaveAssessment(options: {
  model: MaturityModel;
  entityRef: string;
  draft: Draft;
  baseRevision: number;
  /** The topics whose exemption reasons are sent (`exemptTopicsOf`). */
  exemptTopics?: ReadonlySet<string>;
  /** The backend's exemption settings, to validate as it will; off if absent. */
  exemptions?: ExemptionSettings;
  /** Shows errors at the fields they name. */
  showErrors: (errors: FieldErrors) => void;
  /** The latest snapshot, fetched after a conflict. */
  onReloaded: (latest: StoredAssessment | undefined) => void;
  onSaved: (assessment: StoredAssessment) => void;
}) {
  const { model, entityRef, draft, baseRevision, showErrors } = options;
  const api = useApi(maturityApiRef);
  const [problem, setProblem] = useState<SaveProblem>();
  const [busy, setBusy] = useState<'saving' | 'reloading'>();

  /** Saves the draft, or one derived from it (e.g. with confirmations). */
  const save = async (saved: Draft = draft) => {
    const { submission, evidenceIndex } = toSubmission(
      saved,
      baseRevision,
      options.exemptTopics,
    );
    const local = validate(
      model,
      submission,
      evidenceIndex,
      options.exemptions,
    );
    if (Object.keys(local.fieldErrors).length || local.general.length) {
      showErrors(local.fieldErrors);
      setProblem({
        kind: 'invalid',
        message:
          'Some fields need attention before the assessment can be saved.',
        details: local.general,
      });
      return;
    }
    setBusy('saving');
    setProblem(undefined);
    try {
      const stored = await api.submitAssessment(entityRef, submission);
      setBusy(undefined);
      discardDraft(entityRef);
      // The catalog's Maturity column shows the new level, not the one kept.
      invalidateCatalogMaturity(api, entityRef);
      options.onSaved(stored);
    } catch (error) {
      setBusy(undefined);
      const status = responseStatus(error);
      if (status === 409) {
        setProblem({ kind: 'conflict' });
      } else if (status === 400) {
        const message = serverMessage(error);
        showErrors(errorsFromServerMessage(model, message, evidenceIndex));
        setProblem({ kind: 'invalid', message });
      } else if (status === 403) {
        setProblem({
          kind: 'error',
          message:
            'You are not allowed to record an assessment for this entity.',
        });
      } else {
        setProblem({ kind: 'error', message: serverMessage(error) });
      }
    }
  };

  /** Fetches the latest snapshot, to continue from it after a conflict. */
  const reload = async () => {
    setBusy('reloading');
    try {
      const latest = await api.getAssessment(entityRef);
      options.onReloaded(latest);
      setProblem(undefined);
    } catch (error) {
      setProblem({ kind: 'error', message: serverMessage(error) });
    } finally {
      setBusy(undefined);
    }
  };

  return { save, reload, problem, busy };
}
