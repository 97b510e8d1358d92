import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import type {
  AssessmentRecord,
  AssessmentStore,
  NewAssessment,
  SnapshotSummary,
} from '../database/AssessmentStore';
import { AssessmentService, IndexRefresher } from './AssessmentService';
import { encodeCursor } from './cursor';
import type { CatalogEntity } from './EntityLookup';
import { Summaries } from './Summaries';

const model = defaultMaturityModel;
const TOPIC = model.dimensions[0].topics[0].id;
const NOW = new Date('2026-07-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const REF = 'component:default/api';
const UID = 'uid-of-api';
const reader = { credentials: mockCredentials.user('user:default/sam') };

const fully = (level: number) =>
  Object.fromEntries(
    Array.from({ length: level }, (_, i) => [String(i + 1), 'fully' as const]),
  );

function record(
  revision: number,
  fields: Partial<AssessmentRecord> = {},
): AssessmentRecord {
  return {
    entityRef: REF,
    revision,
    modelId: model.id,
    modelVersion: model.version,
    createdAt: new Date(NOW.getTime() - 10 * DAY).toISOString(),
    createdBy: 'user:default/sam',
    ownerRef: 'group:default/payments',
    systemRef: null,
    lifecycle: null,
    entityUid: UID,
    ratings: { [TOPIC]: fully(2) },
    targets: {},
    notes: {},
    evidence: {},
    comment: null,
    ...fields,
  };
}

type Store = jest.Mocked<
  Pick<AssessmentStore, 'getLatest' | 'getHistory' | 'insert'>
>;

function setup() {
  const store: Store = {
    getLatest: jest.fn<
      ReturnType<AssessmentStore['getLatest']>,
      Parameters<AssessmentStore['getLatest']>
    >(async () => new Map()),
    getHistory: jest.fn<
      ReturnType<AssessmentStore['getHistory']>,
      Parameters<AssessmentStore['getHistory']>
    >(async () => []),
    insert: jest.fn(
      async (
        assessment: NewAssessment,
        summarize: (r: AssessmentRecord) => SnapshotSummary,
      ) => {
        const { baseRevision, ...rest } = assessment;
        const stored = {
          ...rest,
          revision: baseRevision + 1,
          createdAt: NOW.toISOString(),
        };
        summarize(stored);
        return stored;
      },
    ),
  };
  const indexer: jest.Mocked<IndexRefresher> = { refresh: jest.fn() };
  // The catalog shows the caller the entity, with this lifecycle and uid.
  const shown: CatalogEntity = { ref: REF, lifecycle: null, uid: UID };
  const entities = {
    confirmEntity: jest.fn(async (_ref: string, _reader: unknown) => shown),
  };
  // A lifecycle's default target, so that the lifecycle used can be seen.
  const summaries = new Summaries(model, {
    strict: false,
    staleAfterDays: 30,
    targets: { byLifecycle: { production: 3 } },
  });
  const service = new AssessmentService({
    model,
    store: {
      ...store,
      replaceSummaries: jest.fn(),
      replaceHistory: jest.fn(),
      snapshotsAfter: jest.fn(),
      countedAfter: jest.fn(),
      getCounted: jest.fn(),
      getRevision: jest.fn(),
      getMeta: jest.fn(),
      setMeta: jest.fn(),
      listEntityRefs: jest.fn(),
      reconcileOrphans: jest.fn(),
      retireReplaced: jest.fn(),
    },
    entities,
    indexer,
    summaries,
    scoring: { staleAfterDays: 30 },
    now: () => NOW,
  });
  return { store, indexer, summaries, service, entities, shown };
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'API', namespace: 'default', uid: 'uid-in-the-catalog' },
  spec: { lifecycle: 'production' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/Payments' },
    { type: 'partOf', targetRef: 'system:default/Shop' },
  ],
};

describe('AssessmentService', () => {
  describe('getLatest', () => {
    it('answers NotFoundError for an entity without a snapshot', async () => {
      const { service } = setup();
      await expect(service.getLatest(REF, reader)).rejects.toThrow(
        NotFoundError,
      );
    });

    it('asks the catalog as the caller beside the snapshot read, not before it', async () => {
      const { store, service, entities, shown } = setup();
      let show: (entity: CatalogEntity) => void = () => {};
      entities.confirmEntity.mockReturnValue(
        new Promise(resolve => {
          show = resolve;
        }),
      );
      store.getLatest.mockResolvedValue(new Map([[REF, record(3)]]));
      const answer = service.getLatest(REF, reader);
      // The catalog has not answered, and the snapshot is being read.
      await new Promise(resolve => setImmediate(resolve));
      expect(store.getLatest).toHaveBeenCalledWith([REF], undefined);
      expect(entities.confirmEntity).toHaveBeenCalledWith(REF, reader);
      show(shown);
      await expect(answer).resolves.toMatchObject({ revision: 3 });
    });

    it('answers the catalog’s 404 for a hidden entity, whatever is stored', async () => {
      const { store, service, entities } = setup();
      entities.confirmEntity.mockRejectedValue(new NotFoundError('No entity'));
      store.getLatest.mockResolvedValue(new Map([[REF, record(3)]]));
      await expect(service.getLatest(REF, reader)).rejects.toThrow('No entity');
    });

    it('answers none for a snapshot written for an earlier entity under the ref', async () => {
      const { store, service } = setup();
      store.getLatest.mockResolvedValue(
        new Map([[REF, record(3, { entityUid: 'uid-of-the-deleted-one' })]]),
      );
      await expect(service.getLatest(REF, reader)).rejects.toThrow(
        'has no maturity assessment yet',
      );
      // One written before uids were recorded is the entity's own.
      store.getLatest.mockResolvedValue(
        new Map([[REF, record(3, { entityUid: null })]]),
      );
      await expect(service.getLatest(REF, reader)).resolves.toMatchObject({
        revision: 3,
      });
    });

    it('answers the latest snapshot with its result, without the lifecycle and uid fields', async () => {
      const { store, service } = setup();
      store.getLatest.mockResolvedValue(new Map([[REF, record(3)]]));
      const stored = await service.getLatest(REF, reader);
      expect(store.getLatest).toHaveBeenCalledWith([REF], undefined);
      expect(stored.revision).toBe(3);
      expect(stored.result.topics[TOPIC].level).toBe(2);
      expect(stored).not.toHaveProperty('lifecycle');
      expect(stored).not.toHaveProperty('entityUid');
    });

    it('scores with the targets of the entity’s lifecycle in the catalog now', async () => {
      const { store, service, entities, shown } = setup();
      store.getLatest.mockResolvedValue(new Map([[REF, record(1)]]));
      entities.confirmEntity.mockResolvedValueOnce({
        ...shown,
        lifecycle: 'production',
      });
      const now = await service.getLatest(REF, reader);
      const none = await service.getLatest(REF, reader);
      expect(now.result.topics[TOPIC].target).toBe(3);
      expect(none.result.topics[TOPIC].target).toBeNull();
    });

    it('is not stale within staleAfterDays', async () => {
      const { store, service } = setup();
      store.getLatest.mockResolvedValue(new Map([[REF, record(1)]]));
      const stored = await service.getLatest(REF, reader);
      expect(stored.result.stale).toBe(false);
    });

    it('is stale past staleAfterDays at the service’s clock', async () => {
      const { store, service } = setup();
      const createdAt = new Date(NOW.getTime() - 31 * DAY).toISOString();
      store.getLatest.mockResolvedValue(
        new Map([[REF, record(1, { createdAt })]]),
      );
      const stored = await service.getLatest(REF, reader);
      expect(stored.result.stale).toBe(true);
    });

    describe('as of a moment', () => {
      const asOf = new Date(NOW.getTime() - 20 * DAY);

      it('reads the latest snapshot written by then, stale as of then, and says so', async () => {
        const { store, service } = setup();
        // Written 45 days before now: 25 days old at asOf, within 30.
        const createdAt = new Date(NOW.getTime() - 45 * DAY).toISOString();
        store.getLatest.mockResolvedValue(
          new Map([[REF, record(2, { createdAt })]]),
        );
        const stored = await service.getLatest(REF, { ...reader, asOf });
        expect(store.getLatest).toHaveBeenCalledWith([REF], asOf);
        expect(stored).toMatchObject({
          revision: 2,
          asOf: asOf.toISOString(),
          scopeAsOf: 'now',
          result: { stale: false },
        });
        // The same snapshot read now is stale.
        const now = await service.getLatest(REF, reader);
        expect(now.result.stale).toBe(true);
        expect(now).not.toHaveProperty('asOf');
      });

      it('answers a 404 that names the moment when nothing was written by then', async () => {
        const { service } = setup();
        await expect(
          service.getLatest(REF, { ...reader, asOf }),
        ).rejects.toThrow(
          `${REF} has no maturity assessment at ${asOf.toISOString()}`,
        );
      });

      it('answers InputError for a moment to come, reading nothing', async () => {
        const { store, service, entities } = setup();
        const later = new Date(NOW.getTime() + 60_000);
        await expect(
          service.getLatest(REF, { ...reader, asOf: later }),
        ).rejects.toThrow(InputError);
        expect(store.getLatest).not.toHaveBeenCalled();
        expect(entities.confirmEntity).not.toHaveBeenCalled();
      });

      it('reads today’s date as now', async () => {
        const { store, service } = setup();
        store.getLatest.mockResolvedValue(new Map([[REF, record(1)]]));
        const endOfToday = new Date('2026-07-01T23:59:59.999Z');
        const stored = await service.getLatest(REF, {
          ...reader,
          asOf: endOfToday,
        });
        expect(stored.asOf).toBe(NOW.toISOString());
      });
    });
  });

  describe('submit', () => {
    const submission = { baseRevision: 2, ratings: { [TOPIC]: fully(1) } };

    it('refreshes the entity’s index row before storing the snapshot', async () => {
      const { store, indexer, service } = setup();
      await service.submit(entity, submission, 'user:default/sam');
      expect(indexer.refresh).toHaveBeenCalledWith(entity);
      expect(indexer.refresh.mock.invocationCallOrder[0]).toBeLessThan(
        store.insert.mock.invocationCallOrder[0],
      );
    });

    it('stores nothing when the index cannot be refreshed', async () => {
      const { store, indexer, service } = setup();
      indexer.refresh.mockRejectedValue(new Error('catalog gone'));
      await expect(
        service.submit(entity, submission, 'user:default/sam'),
      ).rejects.toThrow('catalog gone');
      expect(store.insert).not.toHaveBeenCalled();
    });

    it('records the entity as the catalog has it, with empty defaults', async () => {
      const { store, service } = setup();
      await service.submit(entity, submission, 'user:default/sam');
      expect(store.insert.mock.calls[0][0]).toEqual({
        entityRef: 'component:default/api',
        baseRevision: 2,
        modelId: model.id,
        modelVersion: model.version,
        createdBy: 'user:default/sam',
        entityUid: 'uid-in-the-catalog',
        ownerRef: 'group:default/payments',
        systemRef: 'system:default/shop',
        lifecycle: 'production',
        ratings: submission.ratings,
        targets: {},
        notes: {},
        evidence: {},
        comment: null,
      });
    });

    it('writes the summary of the new snapshot under the entity’s lifecycle', async () => {
      const { store, service, summaries } = setup();
      const summaryOf = jest.spyOn(summaries, 'summaryOf');
      await service.submit(entity, submission, 'user:default/sam');
      expect(summaryOf).toHaveBeenCalledWith(
        expect.objectContaining({ entityRef: REF, revision: 3 }),
        'production',
      );
      expect(store.insert).toHaveBeenCalledTimes(1);
    });

    it('answers the stored snapshot with its result', async () => {
      const { service } = setup();
      const stored = await service.submit(entity, submission, 'u');
      expect(stored.revision).toBe(3);
      expect(stored.result.topics[TOPIC]).toMatchObject({
        level: 1,
        target: 3,
        gap: 2,
      });
      expect(stored.result.stale).toBe(false);
    });
  });

  describe('getHistory', () => {
    it('asks the catalog as the caller, and answers its 404 for a hidden entity', async () => {
      const { store, service, entities } = setup();
      entities.confirmEntity.mockRejectedValue(new NotFoundError('No entity'));
      store.getHistory.mockResolvedValue([record(1)]);
      await expect(
        service.getHistory(REF, reader, { limit: 2 }),
      ).rejects.toThrow('No entity');
      expect(entities.confirmEntity).toHaveBeenCalledWith(REF, reader);
    });

    it('ends at the first snapshot written for an earlier entity under the ref', async () => {
      const { store, service } = setup();
      store.getHistory.mockResolvedValue([
        record(5),
        record(4, { entityUid: null }),
        record(3, { entityUid: 'uid-of-the-deleted-one' }),
        record(2),
      ]);
      const page = await service.getHistory(REF, reader, { limit: 3 });
      expect(page.items.map(i => i.revision)).toEqual([5, 4]);
      expect(page.nextCursor).toBeNull();
    });

    it('asks for one more than a page, to know whether another follows', async () => {
      const { store, service } = setup();
      await service.getHistory(REF, reader, { limit: 2 });
      expect(store.getHistory).toHaveBeenCalledWith(REF, {
        limit: 3,
        beforeRevision: undefined,
      });
    });

    it('answers a page and a cursor to the rest when more follow', async () => {
      const { store, service } = setup();
      store.getHistory.mockResolvedValue([record(5), record(4), record(3)]);
      const page = await service.getHistory(REF, reader, { limit: 2 });
      expect(page.items.map(i => i.revision)).toEqual([5, 4]);
      expect(page.nextCursor).toBe(encodeCursor('beforeRevision', 4));
    });

    it('answers no cursor on the last page', async () => {
      const { store, service } = setup();
      store.getHistory.mockResolvedValue([record(2), record(1)]);
      const page = await service.getHistory(REF, reader, { limit: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBeNull();
    });

    it('reads on below the revision of a cursor', async () => {
      const { store, service } = setup();
      await service.getHistory(REF, reader, {
        limit: 2,
        cursor: encodeCursor('beforeRevision', 4),
      });
      expect(store.getHistory).toHaveBeenCalledWith(REF, {
        limit: 3,
        beforeRevision: 4,
      });
    });

    it('answers InputError for a malformed cursor, asking nothing', async () => {
      const { store, service } = setup();
      await expect(
        service.getHistory(REF, reader, { limit: 2, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(InputError);
      expect(store.getHistory).not.toHaveBeenCalled();
    });
  });
});
