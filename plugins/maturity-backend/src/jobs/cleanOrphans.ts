import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AssessmentStore,
  OrphanReconciliation,
} from '../database/AssessmentStore';
import type { DataSafetySettings } from '../config';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * Notes which assessed entities have left the catalog and, when
 * `deleteAfterDays` is set, soft-deletes their snapshots once they have been
 * gone that long, then purges them `purgeAfterDays` later. It asks the
 * catalog with the plugin's own credentials, so visibility rules do not make
 * an entity look deleted, and asks again inside the deleting transaction.
 * When more entities are due than `maxDeletePercent` of the assessed ones, a
 * provider has most likely published a partial set: nothing is deleted. A
 * share of 0 deletes none; any other allows at least one.
 */
export async function cleanOrphans(options: {
  store: AssessmentStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  auditor: AuditorService;
  orphans: DataSafetySettings['orphans'];
  now?: Date;
}): Promise<OrphanReconciliation> {
  const { store, catalog, auth, logger, auditor, orphans } = options;
  const now = options.now ?? new Date();
  const credentials = await auth.getOwnServiceCredentials();

  async function stillMissing(refs: string[]): Promise<string[]> {
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
    return missing;
  }

  const refs = await store.listEntityRefs();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const report = await store.reconcileOrphans({
    missing: await stillMissing(refs),
    now,
    deleteMissingSince:
      orphans.deleteAfterDays === undefined
        ? undefined
        : daysAgo(orphans.deleteAfterDays),
    purgeDeletedSince: daysAgo(orphans.purgeAfterDays),
    maxDeletions:
      orphans.maxDeletePercent === 0
        ? 0
        : Math.max(
            1,
            Math.floor((refs.length * orphans.maxDeletePercent) / 100),
          ),
    stillMissing,
  });

  if (report.braked) {
    const { due, limit } = report.braked;
    const why =
      `${due} of ${refs.length} assessed entities left the catalog, more than ` +
      `maturity.orphans.maxDeletePercent (${orphans.maxDeletePercent}%) allows ` +
      `at once (${limit}); a catalog provider may have published a partial set. ` +
      `Nothing was deleted; raise the limit if they are really gone.`;
    logger.warn(`Maturity orphan cleanup stopped: ${why}`);
    const event = await auditor.createEvent({
      eventId: 'orphan-cleanup',
      severityLevel: 'high',
      meta: { action: 'braked', due, assessed: refs.length, limit },
    });
    await event.fail({ error: new Error(why) });
  }
  for (const [action, entities] of [
    ['soft-delete', report.deleted],
    ['purge', report.purged],
  ] as const) {
    for (const { entityRef, revisions } of entities) {
      const event = await auditor.createEvent({
        eventId: 'orphan-cleanup',
        severityLevel: 'high',
        meta: { action, entityRef, revisions },
      });
      await event.success();
    }
  }
  if (report.deleted.length || report.purged.length) {
    logger.info(
      `Maturity orphan cleanup: hid the assessments of ${report.deleted.length} entities that left the catalog, purged ${report.purged.length}`,
    );
  }
  return report;
}
