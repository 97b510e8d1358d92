import { mockServices } from '@backstage/backend-test-utils';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { storedSummary } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { SnapshotSummary } from './AssessmentStore';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DIMENSIONS = defaultMaturityModel.dimensions.map(d => d.id);

function summary(
  entityRef: string,
  revision: number,
  level: number,
): SnapshotSummary {
  return {
    entityRef,
    revision,
    entityUid: null,
    assessedAt: new Date(Date.UTC(2026, 0, revision)).toISOString(),
    staleAt: new Date(Date.UTC(2026, 6, revision)).toISOString(),
    percentToTarget: null,
    targetSum: 0,
    gapSum: 0,
    lowestMedian: level,
    dimensionMedians: Object.fromEntries(DIMENSIONS.map(d => [d, level])),
    levels: {
      topicLevels: [],
      dimensionMedians: DIMENSIONS.map(() => level),
      notApplicable: [],
    },
  };
}

describe.each(databases.eachSupportedId())('summary writes on %p', id => {
  let knex: Knex;
  let store: DatabaseAssessmentStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  });

  async function held(entityRef: string) {
    const stored = await storedSummary(knex, entityRef);
    return {
      revision: stored?.revision,
      lowest: stored?.lowestMedian,
      medians: [...new Set(Object.values(stored?.medians ?? {}))],
    };
  }

  it('never goes back in revision: an older one leaves the newer summary and its dimensions', async () => {
    const a = 'component:default/a';
    const b = 'component:default/b';
    await store.replaceSummaries([summary(a, 5, 3), summary(b, 1, 1)]);
    // A recompute that read revision 4 before 5 was written; b moves on.
    await store.replaceSummaries([summary(a, 4, 1), summary(b, 2, 2)]);
    expect(await held(a)).toEqual({ revision: 5, lowest: 3, medians: [3] });
    expect(await held(b)).toEqual({ revision: 2, lowest: 2, medians: [2] });
    // The same revision rescored (a new model or settings) is written.
    await store.replaceSummaries([summary(a, 5, 2)]);
    expect(await held(a)).toEqual({ revision: 5, lowest: 2, medians: [2] });
    await store.replaceSummaries([summary(a, 6, 4)]);
    expect(await held(a)).toEqual({ revision: 6, lowest: 4, medians: [4] });
  });
});
