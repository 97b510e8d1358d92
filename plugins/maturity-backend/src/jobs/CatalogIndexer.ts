import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { INDEXED_KINDS } from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentStore, EntityUid } from '../database/AssessmentStore';
import { IndexedRecord, MaturityIndex } from '../database/MaturityIndex';
import { indexRecordOf } from '../services/entityRefs';
import type { IndexTrust } from '../services/VisibleIndex';

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.etag',
  'metadata.uid',
  'spec.lifecycle',
  'relations',
];

const PAGE = 1000;
/** Writes after which the planner's statistics are refreshed. */
const BULK = 1000;
const SYNCED_AT = 'index.syncedAt';
/** How often a stale index's time is read again (another replica may have synced). */
const REREAD_MS = 10_000;
/** How often a stale index is warned about, however many requests meet it. */
const WARN_EVERY_MS = 5 * 60_000;

/** How old the index may be for lists to rely on it; unset: any age. */
export type IndexMaxAge = { ms: number; periods: number };

export type SyncResult = {
  seen: number;
  written: number;
  removed: number;
  /** Refs now held by another entity, whose snapshots were retired. */
  retired: string[];
  /** Refs whose lifecycle, and so whose default targets, changed. */
  lifecycleChanged: string[];
};

/**
 * Keeps the maturity index in step with the catalog: paged reads of only the
 * fields scorecards need, with the plugin's own credentials (visibility is
 * applied per request), writing only the entities whose etag changed. Says
 * whether lists may rely on the index: only while its last successful sync
 * is younger than `maxAge`.
 */
export class CatalogIndexer implements IndexTrust {
  private syncedAt: Date | undefined;
  private running: Promise<SyncResult> | undefined;
  private rereadAt = -Infinity;
  private warnedAt = -Infinity;

  constructor(
    private readonly deps: {
      index: MaturityIndex;
      store: Pick<AssessmentStore, 'getMeta' | 'setMeta' | 'retireReplaced'>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      onLifecycleChanged?: (refs: string[]) => Promise<unknown>;
      maxAge?: IndexMaxAge;
      now?: () => Date;
    },
  ) {}

  /** When the index last finished a sync, or undefined before the first one. */
  async lastSyncedAt(): Promise<Date | undefined> {
    if (!this.syncedAt) await this.reread();
    return this.syncedAt;
  }

  /**
   * Whether the last successful sync, by any replica, is recent enough for
   * lists to rely on the index; if not, a warning at most every 5 minutes.
   */
  async trusted(): Promise<boolean> {
    const { maxAge } = this.deps;
    if (!maxAge) return true;
    const now = this.now().getTime();
    const fresh = () =>
      this.syncedAt !== undefined && now - this.syncedAt.getTime() < maxAge.ms;
    if (fresh()) return true;
    if (now - this.rereadAt >= REREAD_MS) {
      this.rereadAt = now;
      await this.reread();
      if (fresh()) return true;
    }
    if (this.syncedAt && now - this.warnedAt >= WARN_EVERY_MS) {
      this.warnedAt = now;
      const seconds = Math.round((now - this.syncedAt.getTime()) / 1000);
      this.deps.logger.warn(
        `Maturity index last synced ${seconds} s ago (${this.syncedAt.toISOString()}), ` +
          `more than maturity.index.maxAgePeriods (${maxAge.periods}) sync periods: ` +
          `lists ask the catalog what each caller may see until a sync succeeds`,
      );
    }
    return false;
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

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The last sync's time as stored, the later of it and the one known. */
  private async reread() {
    const stored = await this.deps.store.getMeta(SYNCED_AT);
    const at = stored ? new Date(stored) : undefined;
    if (at && (!this.syncedAt || at > this.syncedAt)) this.syncedAt = at;
  }

  private async runSync(): Promise<SyncResult> {
    const { index, catalog, auth, store, logger } = this.deps;
    const startedAt = this.now();
    const credentials = await auth.getOwnServiceCredentials();
    const known = await index.indexed();
    const seen = new Set<string>();
    const lifecycleChanged: string[] = [];
    const retired: string[] = [];
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
      const changed: IndexedRecord[] = [];
      const uids: EntityUid[] = [];
      for (const entity of page.items) {
        const record = indexRecordOf(entity);
        seen.add(record.entityRef);
        const before = known.get(record.entityRef);
        if (!before || !record.etag || before.etag !== record.etag) {
          changed.push(record);
          const uid = entity.metadata.uid;
          if (uid) uids.push({ entityRef: record.entityRef, uid });
          if (before && before.lifecycle !== record.lifecycle) {
            lifecycleChanged.push(record.entityRef);
          }
        }
      }
      await index.upsert(changed);
      // A new entity under a deleted one's ref starts clean.
      retired.push(...(await store.retireReplaced(uids)));
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
    const reused = retired.length
      ? `; ${retired.length} refs now name another entity, their earlier assessments retired`
      : '';
    logger.info(
      `Maturity index synced: ${seen.size} entities, ${written} written, ${removed.length} removed${reused}`,
    );
    return {
      seen: seen.size,
      written,
      removed: removed.length,
      retired,
      lifecycleChanged,
    };
  }
}
