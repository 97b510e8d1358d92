import { CatalogMaturityRow } from '@cnmm/backstage-plugin-maturity-common';
import { MaturityApi } from '../../api/MaturityApi';

type Row = CatalogMaturityRow | null;
type Waiting = {
  resolve: (row: Row) => void;
  reject: (error: unknown) => void;
};

/** Rows kept per API, the least recently shown dropped first. */
const MAX_CACHED = 2000;

/**
 * Answers the Maturity cells of the catalog table: the refs asked for while
 * a page renders are collected and sent in one request, and every answer is
 * kept for the session (bounded), so that paging back costs nothing.
 */
export class CatalogRowLoader {
  private readonly cache = new Map<string, Promise<Row>>();
  private waiting = new Map<string, Waiting>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly api: Pick<MaturityApi, 'getCatalogRows'>,
    private readonly maxCached = MAX_CACHED,
  ) {}

  load(entityRef: string): Promise<Row> {
    const key = entityRef.toLocaleLowerCase('en-US');
    const cached = this.cache.get(key);
    if (cached) {
      // Map order is the eviction order: a row shown again moves to the end.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const row = new Promise<Row>((resolve, reject) => {
      this.waiting.set(key, { resolve, reject });
    });
    this.cache.set(key, row);
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxCached) break;
      this.cache.delete(oldest);
    }
    // A table page mounts its cells in one commit; the next macrotask sees
    // every ref of the page, even if the table renders in a few commits.
    this.timer ??= setTimeout(() => this.flush(), 0);
    return row;
  }

  /** Drops a ref's row, e.g. after its entity was assessed. */
  forget(entityRef: string): void {
    this.cache.delete(entityRef.toLocaleLowerCase('en-US'));
  }

  private async flush() {
    const batch = this.waiting;
    this.waiting = new Map();
    this.timer = undefined;
    const refs = [...batch.keys()];
    try {
      const rows = await this.api.getCatalogRows(refs);
      refs.forEach((ref, i) => batch.get(ref)!.resolve(rows[i] ?? null));
    } catch (error) {
      // Not kept: the next render asks again.
      for (const [ref, { reject }] of batch) {
        this.cache.delete(ref);
        reject(error);
      }
    }
  }
}

const loaders = new WeakMap<
  Pick<MaturityApi, 'getCatalogRows'>,
  CatalogRowLoader
>();

/** The loader of an API instance: one per app, fresh in every test. */
export function catalogRowLoader(
  api: Pick<MaturityApi, 'getCatalogRows'>,
): CatalogRowLoader {
  let loader = loaders.get(api);
  if (!loader) {
    loader = new CatalogRowLoader(api);
    loaders.set(api, loader);
  }
  return loader;
}

/**
 * Makes the catalog's Maturity column ask the server again for an entity,
 * e.g. after it was assessed: the row kept for it by the loader of this API
 * is dropped. Without a loader (the column was never shown), nothing is kept
 * and nothing happens.
 */
export function invalidateCatalogMaturity(
  api: Pick<MaturityApi, 'getCatalogRows'>,
  entityRef: string,
): void {
  loaders.get(api)?.forget(entityRef);
}
