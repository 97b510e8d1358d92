import { SchedulerService } from '@backstage/backend-plugin-api';
import type { MaturityConfig } from './config';

/** What a task runs; the signal says when its timeout has passed. */
type Job = (signal: AbortSignal) => Promise<unknown>;

/** What each scheduled task runs. */
export type MaturityJobs = {
  /** Brings the catalog index in step with the catalog. */
  syncCatalogIndex: Job;
  /** Notes, and past the configured age deletes, assessments of deleted entities. */
  cleanOrphans: Job;
  /** Sends the campaign reminders due. */
  sendReminders: Job;
  /** Thins old intermediate revisions; only when retention is configured. */
  thinRevisions?: Job;
  /** Tells the reviewers what waits; only when review has reviewers. */
  sendReviewDigest?: Job;
  /**
   * Recomputes the summaries whose topics expired and reminds owners of
   * coming expiries; only when attestation or exemptions are configured.
   */
  expire?: Job;
};

/**
 * Schedules the plugin's jobs on their configured schedules. Each is global:
 * one replica runs it per period, whatever the count (the reminder table's
 * key stops a second send even if two runs overlap).
 */
export async function scheduleTasks(
  scheduler: SchedulerService,
  schedules: MaturityConfig['schedules'],
  jobs: MaturityJobs,
): Promise<void> {
  const tasks = [
    {
      id: 'maturity-orphan-cleanup',
      schedule: schedules.orphanCleanup,
      run: jobs.cleanOrphans,
    },
    // The first read syncs a fresh index itself (indexer.ready), so by
    // default the task waits one period before it starts.
    {
      id: 'maturity-catalog-index',
      schedule: schedules.catalogIndex,
      run: jobs.syncCatalogIndex,
    },
    {
      id: 'maturity-campaign-reminders',
      schedule: schedules.reminders,
      run: jobs.sendReminders,
    },
    {
      id: 'maturity-revision-retention',
      schedule: schedules.retention,
      run: jobs.thinRevisions,
    },
    {
      id: 'maturity-review-digest',
      schedule: schedules.reviewDigest,
      run: jobs.sendReviewDigest,
    },
    {
      id: 'maturity-expiry',
      schedule: schedules.expiry,
      run: jobs.expire,
    },
  ];
  for (const { id, schedule, run } of tasks) {
    if (!run) continue;
    await scheduler.scheduleTask({
      id,
      scope: 'global',
      ...schedule,
      fn: async signal => {
        await run(signal);
      },
    });
  }
}
