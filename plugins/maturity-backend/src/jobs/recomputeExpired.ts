import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import type { ExpiredSummaries } from '../database/AssessmentStore';
import { SummaryUpdater } from './SummaryUpdater';

/**
 * The most summaries one run recomputes: a brake, as the other jobs have,
 * so that a run whose expiries all fell due at once (attestation just
 * switched on, a long outage) stays within its timeout; the next run goes on.
 */
export const MAX_EXPIRED_PER_RUN = 20_000;

const BATCH = 500;

/**
 * The expiry task: recomputes, in batches, the summaries whose topics
 * expired since they were scored (their `validUntil` has passed;
 * maturity.attestation, maturity.exemptions), so that scorecards, the
 * overview and exports, all read from summaries in SQL, count an expired
 * topic as unrated from the first run after it expires. History rows keep
 * the score each snapshot had when written: an "as of" read shows no expiry
 * within a snapshot's period. A run that changed any summary is an audit
 * event and a log line; one stopped by its brake says so.
 */
export async function recomputeExpired(options: {
  store: ExpiredSummaries;
  updater: Pick<SummaryUpdater, 'rescoreCounted'>;
  logger: LoggerService;
  auditor: AuditorService;
  now?: Date;
  maxPerRun?: number;
}): Promise<{ recomputed: number; braked: boolean }> {
  const { store, updater, logger, auditor } = options;
  const now = options.now ?? new Date();
  const maxPerRun = options.maxPerRun ?? MAX_EXPIRED_PER_RUN;
  let recomputed = 0;
  let braked = false;
  // By ref, each ref once a run: one whose snapshot is gone (hidden, retired
  // meanwhile) keeps its passed time and is not read again until next run.
  let after = '';
  for (;;) {
    const limit = Math.min(BATCH, maxPerRun - recomputed);
    if (limit === 0) {
      braked = (await store.expiredSummaryRefs(now, after, 1)).length > 0;
      break;
    }
    const refs = await store.expiredSummaryRefs(now, after, limit);
    if (!refs.length) break;
    await updater.rescoreCounted(refs, now);
    recomputed += refs.length;
    after = refs[refs.length - 1];
  }
  if (recomputed > 0) {
    const event = await auditor.createEvent({
      eventId: 'summary-expiry',
      severityLevel: 'low',
      meta: { recomputed, braked },
    });
    await event.success();
    logger.info(
      `Maturity expiry: recomputed ${recomputed} summaries with topics whose attestation or exemption ended`,
    );
  }
  if (braked) {
    logger.warn(
      `Maturity expiry: stopped at ${maxPerRun} summaries this run; the next run recomputes the rest`,
    );
  }
  return { recomputed, braked };
}
