import { Knex } from 'knex';
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

/** A snapshot of a level in one topic, as a writer submits it. */
export function newAssessment(
  entityRef: string,
  baseRevision: number,
  fields: Partial<NewAssessment> & { level?: number } = {},
): NewAssessment {
  const { level = 1, ...rest } = fields;
  return {
    entityRef,
    baseRevision,
    modelId: 'cnmm',
    modelVersion: '4.0',
    createdBy: 'user:default/sam',
    entityUid: null,
    ownerRef: null,
    systemRef: null,
    lifecycle: null,
    ratings: {
      'people.ai': Object.fromEntries(
        Array.from({ length: level }, (_, i) => [String(i + 1), 'fully']),
      ),
    },
    targets: {},
    notes: {},
    evidence: {},
    comment: null,
    ...rest,
  };
}

/**
 * Writes a snapshot of `level` in one topic at `time` through the store, on
 * the latest revision of the entity holding the ref (a new entity, another
 * `uid`, saw none). The clock must be faked (`fakeClock`).
 */
export async function writeAt(
  store: AssessmentStore,
  entityRef: string,
  time: Date,
  level: number,
  uid: string | null = null,
) {
  jest.setSystemTime(time);
  const latest = (await store.getLatest([entityRef])).get(entityRef);
  return insert(
    store,
    newAssessment(entityRef, latest?.entityUid === uid ? latest.revision : 0, {
      level,
      entityUid: uid,
    }),
  );
}

/** An entity's summary as stored: its revision and its dimension medians. */
export async function storedSummary(knex: Knex, entityRef: string) {
  const row = await knex('maturity_summary')
    .where({ entity_ref: entityRef })
    .first('revision', 'lowest_median', 'entity_uid');
  if (!row) return undefined;
  const dimensions: Array<{ dimension_id: string; median: number | null }> =
    await knex('maturity_summary_dimension')
      .where({ entity_ref: entityRef })
      .select('dimension_id', 'median');
  return {
    // PostgreSQL answers the bigint revision as a string.
    revision: Number(row.revision),
    lowestMedian: row.lowest_median,
    entityUid: row.entity_uid,
    medians: Object.fromEntries(
      dimensions.map(d => [d.dimension_id, d.median]),
    ),
  };
}
