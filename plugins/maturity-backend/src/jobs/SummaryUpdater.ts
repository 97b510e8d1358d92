import { AssessmentRecord, AssessmentStore } from '../database/AssessmentStore';
import { chunks } from '../util/chunks';
import { MaturityIndex } from '../database/MaturityIndex';
import { Summaries } from '../services/Summaries';

/**
 * Keeps the summary rows in step with what they are computed from: the
 * model and settings (checked at start-up) and entities' lifecycles.
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
   * Recomputes the summaries of some entities (all when `refs` is omitted),
   * in batches: after a change of model or settings, or of lifecycles.
   */
  async recompute(refs?: string[]): Promise<number> {
    const { store, index, summaries } = this.deps;
    let count = 0;
    const write = async (records: AssessmentRecord[]) => {
      const lifecycles = await index.lifecycles(records.map(r => r.entityRef));
      await store.replaceSummaries(
        records.map(r =>
          summaries.summaryOf(r, lifecycles.get(r.entityRef) ?? null),
        ),
      );
      count += records.length;
    };
    if (refs) {
      for (const batch of chunks(refs, 500)) {
        await write([...(await store.getLatest(batch)).values()]);
      }
      return count;
    }
    let after = '';
    for (;;) {
      const records = await store.latestAfter(after, 500);
      if (!records.length) return count;
      await write(records);
      after = records[records.length - 1].entityRef;
    }
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
