import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { reattachHistory } from '../__testUtils__/reattachHistory';
import {
  insert,
  newAssessment,
  storedSummary,
} from '../__testUtils__/summaries';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const REF = 'component:default/reused';

const submission = (
  baseRevision: number,
  entityUid: string | null,
  entityRef = REF,
) =>
  newAssessment(entityRef, baseRevision, {
    entityUid,
    notes: { 'people.ai': `note of ${entityUid}` },
  });

describe.each(databases.eachSupportedId())('reused refs on %p', id => {
  let knex: Knex;
  let store: DatabaseAssessmentStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  });

  const history = async (ref = REF) =>
    (await store.getHistory(ref, { limit: 10 })).map(r => r.revision);
  const summaryOf = async (ref = REF) => {
    const summary = await storedSummary(knex, ref);
    return (
      summary && { revision: summary.revision, entity_uid: summary.entityUid }
    );
  };

  it('starts a new entity under the ref clean: base 0, its own history, revisions going on', async () => {
    await insert(store, submission(0, 'old'));
    await insert(store, submission(1, 'old'));
    // The new entity saw no assessment: the old base is a conflict for it.
    await expect(insert(store, submission(2, 'new'))).rejects.toThrow(
      ConflictError,
    );
    const first = await insert(store, submission(0, 'new'));
    expect(first.revision).toBe(3);
    expect(first.notes).toEqual({ 'people.ai': 'note of new' });
    expect(await history()).toEqual([3]);
    expect((await store.getLatest([REF])).get(REF)?.revision).toBe(3);
    expect(await summaryOf()).toMatchObject({ revision: 3, entity_uid: 'new' });
    // The old snapshots are kept, hidden.
    expect(
      await knex('maturity_assessment')
        .where({ entity_ref: REF })
        .orderBy('revision')
        .pluck('entity_uid'),
    ).toEqual(['old', 'old', 'new']);
  });

  it('counts snapshots without a uid as the entity’s own', async () => {
    await insert(store, submission(0, null));
    expect((await insert(store, submission(1, 'now'))).revision).toBe(2);
    expect(await history()).toEqual([2, 1]);
  });

  it('retires, at a sync, the refs whose summary names another entity, and only those', async () => {
    const other = 'component:default/kept';
    const legacy = 'component:default/legacy';
    await insert(store, submission(0, 'old'));
    await insert(store, submission(0, 'same', other));
    await insert(store, submission(0, null, legacy));
    expect(
      await store.retireReplaced([
        { entityRef: REF, uid: 'new' },
        { entityRef: other, uid: 'same' },
        { entityRef: legacy, uid: 'any' },
        { entityRef: 'component:default/unassessed', uid: 'x' },
      ]),
    ).toEqual([REF]);
    expect(await history()).toEqual([]);
    expect((await store.getLatest([REF, other, legacy])).size).toBe(2);
    expect(await summaryOf()).toBeUndefined();
    expect(
      await knex('maturity_summary_dimension').where({ entity_ref: REF }),
    ).toEqual([]);
    // Recomputes read on past it, and its first snapshot is numbered on.
    expect(
      (await store.countedAfter('', 10)).map(r => r.entityRef).sort(),
    ).toEqual([other, legacy].sort());
    expect((await insert(store, submission(0, 'new'))).revision).toBe(2);
    // A second sync finds nothing more to retire.
    expect(
      await store.retireReplaced([{ entityRef: REF, uid: 'new' }]),
    ).toEqual([]);
  });

  it('gives the earlier history back with the documented reattach statements', async () => {
    await insert(store, submission(0, 'old'));
    await insert(store, submission(1, 'old'));
    await store.retireReplaced([{ entityRef: REF, uid: 'new' }]);
    expect(await history()).toEqual([]);
    await reattachHistory(knex, REF);
    expect(await history()).toEqual([2, 1]);
    // The new entity writes on from the history it now sees, and the next
    // sync leaves it attached.
    expect((await insert(store, submission(2, 'new'))).revision).toBe(3);
    expect(
      await store.retireReplaced([{ entityRef: REF, uid: 'new' }]),
    ).toEqual([]);
    expect(await history()).toEqual([3, 2, 1]);
  });
});
