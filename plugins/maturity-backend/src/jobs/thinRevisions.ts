import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import type { RetentionSettings } from '../config';
import { RetentionCandidate, RetentionStore } from '../database/RetentionStore';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Entities weighed at once. */
const PAGE = 200;

/** What one run of the retention task did. */
export type ThinningReport = {
  /** Revisions deleted, and of how many entities. */
  deleted: number;
  entities: number;
  /** Set when more were due than `maxDeletesPerRun`: the rest wait. */
  braked?: { limit: number };
};

/**
 * The revisions of one entity that thinning deletes: among its snapshots
 * older than the cutoff, all but the last of each UTC day, the latest
 * revision and the reviewed ones. The only snapshot of a day is its last,
 * so it always stays.
 */
export function revisionsToThin(
  candidate: RetentionCandidate,
  reviewed: ReadonlySet<number> = new Set(),
): number[] {
  const lastOfDay = new Map<string, number>();
  for (const { revision, createdAt } of candidate.snapshots) {
    const day = createdAt.slice(0, 10);
    lastOfDay.set(day, Math.max(lastOfDay.get(day) ?? 0, revision));
  }
  const kept = new Set([...lastOfDay.values(), candidate.latestRevision]);
  return candidate.snapshots
    .map(s => s.revision)
    .filter(revision => !kept.has(revision) && !reviewed.has(revision));
}

/**
 * The retention task: when `thinAfterDays` is set, thins each entity's
 * revisions older than that to one a day (see {@link revisionsToThin}), at
 * most `maxDeletesPerRun` in one run; a run that deletes or is braked is one
 * audit event. Intermediate revisions only: history keeps its shape (one
 * point a day, as the campaign burn-up reads it), and the latest snapshot,
 * which every read starts from, is never touched.
 */
export async function thinRevisions(options: {
  store: RetentionStore;
  auditor: AuditorService;
  logger: LoggerService;
  retention: RetentionSettings;
  /**
   * The revisions of an entity that a review vouches for or that count,
   * kept whatever their age (`ReviewStore.keptRevisions`); none by default.
   */
  reviewedRevisions?: (entityRef: string) => Promise<number[]>;
  now?: Date;
}): Promise<ThinningReport> {
  const { store, auditor, logger, retention } = options;
  const report: ThinningReport = { deleted: 0, entities: 0 };
  if (retention.thinAfterDays === undefined) return report;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retention.thinAfterDays * DAY_MS);
  const limit = retention.maxDeletesPerRun;

  let after = '';
  while (!report.braked) {
    const page = await store.candidates(cutoff, after, PAGE);
    for (const candidate of page) {
      const reviewed = new Set(
        (await options.reviewedRevisions?.(candidate.entityRef)) ?? [],
      );
      let due = revisionsToThin(candidate, reviewed);
      if (report.deleted + due.length > limit) {
        report.braked = { limit };
        due = due.slice(0, limit - report.deleted);
      }
      if (due.length) {
        const deleted = await store.deleteRevisions(candidate.entityRef, due);
        report.deleted += deleted;
        if (deleted) report.entities += 1;
      }
      if (report.braked) break;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].entityRef;
  }

  if (report.deleted || report.braked) {
    const event = await auditor.createEvent({
      eventId: 'revision-retention',
      severityLevel: 'medium',
      meta: {
        deleted: report.deleted,
        entities: report.entities,
        thinAfterDays: retention.thinAfterDays,
        ...(report.braked ? { braked: report.braked } : {}),
      },
    });
    await event.success();
    logger.info(
      `Maturity retention: deleted ${
        report.deleted
      } intermediate revisions older than ${retention.thinAfterDays} days of ${
        report.entities
      } entities${
        report.braked
          ? `; stopped at maturity.retention.maxDeletesPerRun (${limit}), the rest next run`
          : ''
      }`,
    );
  }
  return report;
}
