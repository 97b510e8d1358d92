import {
  AssessmentRecord,
  AssessmentStore,
  SnapshotKey,
} from '../database/AssessmentStore';
import { snapshotCounts } from '@cnmm/backstage-plugin-maturity-common';
import { chunks } from '../util/chunks';
import { MaturityIndex } from '../database/MaturityIndex';
import { Summaries } from '../services/Summaries';

/**
 * Snapshots re-scored into the history at once: the only read of whole
 * snapshots besides one entity's own, so a batch is bounded by their size
 * (at most 100 bodies of 512 kB).
 */
const HISTORY_BATCH = 100;

/** When a counted snapshot began to count: its approval, under review. */
function countsFrom(record: AssessmentRecord): Date {
  return new Date(
    record.review?.status === 'approved'
      ? record.review.decidedAt ?? record.createdAt
      : record.createdAt,
  );
}

/**
 * Keeps the summary rows and their history in step with what they are
 * computed from: the model and settings (checked at start-up, before any
 * request is served) and entities' lifecycles. The history is scored under
 * the lifecycle an entity has now, as its summary is.
 */
export class SummaryUpdater {
  constructor(
    private readonly deps: {
      store: AssessmentStore;
      index: MaturityIndex;
      summaries: Summaries;
    },
  ) {}

  /**
   * Recomputes the summaries of some entities (all when `refs` is omitted)
   * from the snapshots that count, and the history of every snapshot of theirs, in batches: after a change
   * of model or settings, or of lifecycles. Answers the summaries written.
   */
  async recompute(refs?: string[]): Promise<number> {
    const { store } = this.deps;
    let count = 0;
    const write = async (records: AssessmentRecord[]) => {
      await store.replaceSummaries(await this.summarize(records));
      count += records.length;
    };
    if (refs) {
      for (const batch of chunks(refs, 500)) {
        await write([...(await store.getCounted(batch)).values()]);
        await this.rescoreHistory(batch);
      }
      return count;
    }
    let after = '';
    for (;;) {
      const records = await store.countedAfter(after, 500);
      if (!records.length) break;
      await write(records);
      after = records[records.length - 1].entityRef;
    }
    await this.rescoreHistory();
    return count;
  }

  /**
   * Every snapshot of some refs (or of all) that counts, scored into its
   * history row: one pending or returned never had a period of its own.
   */
  private async rescoreHistory(refs?: string[]) {
    const { store } = this.deps;
    let after: SnapshotKey | undefined;
    for (;;) {
      const records = await store.snapshotsAfter(after, HISTORY_BATCH, refs);
      if (!records.length) return;
      // As they began to count: expiry moves the current summary on,
      // never the past.
      await store.replaceHistory(
        await this.summarize(records.filter(snapshotCounts), countsFrom),
      );
      const last = records[records.length - 1];
      after = { entityRef: last.entityRef, revision: last.revision };
    }
  }

  /**
   * Snapshots scored under their entities' lifecycles now, each at the time
   * `at` gives (the clock by default): topics expire with time.
   */
  private async summarize(
    records: AssessmentRecord[],
    at: (record: AssessmentRecord) => Date = () => new Date(),
  ) {
    const { index, summaries } = this.deps;
    const lifecycles = await index.lifecycles([
      ...new Set(records.map(r => r.entityRef)),
    ]);
    return records.map(r =>
      summaries.summaryOf(r, lifecycles.get(r.entityRef) ?? null, at(r)),
    );
  }

  /**
   * Recomputes the summaries of some entities at `now`, their history left
   * as it is: for topics that expired since they were scored, which change
   * the summary from now on, not what it was.
   */
  async rescoreCounted(refs: string[], now: Date): Promise<void> {
    const { store } = this.deps;
    // The counted snapshot: under review a pending one has no summary.
    const records = [...(await store.getCounted(refs)).values()];
    await store.replaceSummaries(await this.summarize(records, () => now));
  }

  /** Recomputes every summary when the model or the settings changed. */
  async recomputeIfChanged(): Promise<number> {
    const fingerprint = this.deps.summaries.fingerprint();
    if (
      (await this.deps.store.getMeta('summaries.fingerprint')) === fingerprint
    ) {
      return 0;
    }
    const count = await this.recompute();
    await this.deps.store.setMeta('summaries.fingerprint', fingerprint);
    return count;
  }
}
