import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentStore, NewAssessment } from '../database/AssessmentStore';
import { Summaries } from '../services/Summaries';

/** The engine with the bundled model and default settings. */
export const defaultSummaries = new Summaries(defaultMaturityModel, {
  strict: false,
  staleAfterDays: 180,
  targets: {},
});

/** Stores a snapshot with its summary, as the service does. */
export function insert(store: AssessmentStore, assessment: NewAssessment) {
  return store.insert(assessment, record =>
    defaultSummaries.summaryOf(record, record.lifecycle),
  );
}
