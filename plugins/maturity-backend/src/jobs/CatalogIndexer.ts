import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { INDEXED_KINDS } from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { CatalogEntityRecord, MaturityIndex } from '../database/MaturityIndex';
import { indexRecordOf } from '../services/entityRefs';

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.etag',
  'spec.lifecycle',
  'relations',
];

const PAGE = 1000;
/** Writes after which the planner's statistics are refreshed. */
const BULK = 1000;
const SYNCED_AT = 'index.syncedAt';

export type SyncResult = {
  seen: number;
  written: number;
  removed: number;
  /** Refs whose lifecycle, and so whose default targets, changed. */
  lifecycleChanged: string[];
};

/**
 * Keeps the maturity index in step with the catalog: paged reads of only the
 * fields scorecards need, with the plugin's own credentials (visibility is
 * applied per request), writing only the entities whose etag changed.
 */
export class CatalogIndexer {
  private syncedAt: Date | undefined;
  private running: Promise<SyncResult> | undefined;

  constructor(
    private readonly deps: {
      index: MaturityIndex;
      store: Pick<AssessmentStore, 'getMeta' | 'setMeta'>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      onLifecycleChanged?: (refs: string[]) => Promise<unknown>;
      now?: () => Date;
    },
  ) {}

  /** When the index last finished a sync, or undefined before the first one. */
  async lastSyncedAt(): Promise<Date | undefined> {
    if (!this.syncedAt) {
      const stored = await this.deps.store.getMeta(SYNCED_AT);
      if (stored) this.syncedAt = new Date(stored);
    }
    return this.syncedAt;
  }

  /**
   * The index age for answers; syncs first when the index has never been
   * synced (a fresh install), so that nobody is shown an empty organisation.
   */
  async ready(): Promise<Date> {
    return (await this.lastSyncedAt()) ?? (await this.sync(), this.syncedAt!);
  }

  /** One sync at a time per process; replicas are serialised by the scheduler. */
  sync(): Promise<SyncResult> {
    this.running ??= this.runSync().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Re-indexes one entity read by a request, before a write. Its etag is
   * not kept, so that the next sync still compares it in full (and rescoring
   * on a lifecycle change happens there).
   */
  async refresh(entity: Entity): Promise<void> {
    await this.deps.index.upsert([{ ...indexRecordOf(entity), etag: null }]);
  }

  private async runSync(): Promise<SyncResult> {
    const { index, catalog, auth, store, logger } = this.deps;
    const startedAt = this.deps.now?.() ?? new Date();
    const credentials = await auth.getOwnServiceCredentials();
    const known = await index.indexed();
    const seen = new Set<string>();
    const lifecycleChanged: string[] = [];
    let written = 0;
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE, fields: FIELDS }
          : {
              filter: { kind: [...INDEXED_KINDS] },
              limit: PAGE,
              fields: FIELDS,
            },
        { credentials },
      );
      const changed: CatalogEntityRecord[] = [];
      for (const entity of page.items) {
        const record = indexRecordOf(entity);
        seen.add(record.entityRef);
        const before = known.get(record.entityRef);
        if (!before || !record.etag || before.etag !== record.etag) {
          changed.push(record);
          if (before && before.lifecycle !== record.lifecycle) {
            lifecycleChanged.push(record.entityRef);
          }
        }
      }
      await index.upsert(changed);
      written += changed.length;
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const removed = [...known.keys()].filter(ref => !seen.has(ref));
    await index.remove(removed);
    if (written + removed.length > BULK) await index.analyze();
    if (lifecycleChanged.length) {
      await this.deps.onLifecycleChanged?.(lifecycleChanged);
    }
    await store.setMeta(SYNCED_AT, startedAt.toISOString());
    this.syncedAt = startedAt;
    logger.info(
      `Maturity index synced: ${seen.size} entities, ${written} written, ${removed.length} removed`,
    );
    return {
      seen: seen.size,
      written,
      removed: removed.length,
      lifecycleChanged,
    };
  }
}
