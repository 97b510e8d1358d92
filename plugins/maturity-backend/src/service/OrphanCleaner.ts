import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AssessmentStore } from '../database/AssessmentStore';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * Notes which assessed entities have left the catalog and, when
 * `deleteAfterDays` is set, deletes their snapshots once they have been gone
 * that long. It asks the catalog with the plugin's own credentials, so
 * visibility rules do not make an entity look deleted.
 */
export async function cleanOrphans(options: {
  store: AssessmentStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  deleteAfterDays?: number;
  now?: Date;
}): Promise<string[]> {
  const { store, catalog, auth, logger, deleteAfterDays } = options;
  const now = options.now ?? new Date();
  const credentials = await auth.getOwnServiceCredentials();
  const refs = await store.listEntityRefs();
  const missing: string[] = [];
  for (let i = 0; i < refs.length; i += BATCH) {
    const batch = refs.slice(i, i + BATCH);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: batch, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    batch.forEach((ref, j) => {
      if (!items[j]) missing.push(ref);
    });
  }
  const deleted = await store.reconcileOrphans({
    missing,
    now,
    deleteMissingSince:
      deleteAfterDays === undefined
        ? undefined
        : new Date(now.getTime() - deleteAfterDays * DAY_MS),
  });
  if (deleted.length) {
    logger.info(
      `Deleted the maturity assessments of ${deleted.length} entities that left the catalog`,
    );
  }
  return deleted;
}
