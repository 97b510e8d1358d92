import { mockServices } from '@backstage/backend-test-utils';
import {
  defaultMaturityModel,
  RATINGS,
} from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { SnapshotSummary } from '../src/database/AssessmentStore';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { fromAssessmentRow, toAssessmentRow } from '../src/database/mappers';
import { AssessmentRow, ASSESSMENTS, REVISIONS } from '../src/database/tables';
import { Summaries } from '../src/services/Summaries';
import { Size, snapshotTimes } from './organisation';

/** The scoring settings of the measured backend (bench/backend.ts). */
const SCORING = {
  strict: false,
  staleAfterDays: 180,
  targets: { byLifecycle: { production: 3 }, default: 2 },
};

const LIFECYCLES = ['production', 'production', 'experimental', 'deprecated'];

const topicIds = defaultMaturityModel.dimensions.flatMap(d =>
  d.topics.map(t => ({ id: t.id, maxLevel: t.maxLevel })),
);

/** Deterministic pseudo-random ratings: every topic, every level rated. */
export function ratingsFor(n: number) {
  let x = (n + 1) * 2654435761;
  const next = () => {
    x = (x ^ (x >>> 13)) * 1274126177;
    return ((x >>> 0) % 1000) / 1000;
  };
  return Object.fromEntries(
    topicIds.map(({ id, maxLevel }) => [
      id,
      Object.fromEntries(
        Array.from({ length: maxLevel }, (_, i) => [
          String(i + 1),
          // Lower levels are met more often than higher ones, as in real teams.
          RATINGS[Math.floor(next() * (i < 2 ? 4 : 3))],
        ]),
      ),
    ]),
  );
}

/**
 * The measured backend writes to its SQLite file while the seed runs (its
 * scheduler claims its tasks there), and SQLite answers SQLITE_BUSY at once,
 * without waiting, to a transaction that has read and then meets another
 * writer (the history's rescore reads first). Such a transaction was rolled
 * back whole, so it is tried again.
 */
async function retriedWhenBusy(write: () => Promise<unknown>) {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || attempt === 10) throw error;
      await new Promise(r => setTimeout(r, 100 * attempt));
    }
  }
}

/**
 * Writes the snapshots of the generated components with what a write
 * writes beside them: each ref's last revision, the summary of its latest
 * snapshot, and a history row per snapshot with the period it was the
 * latest. The rows are built and written by the plugin's own code (the
 * snapshot row builder, the scoring, the store's summary and history
 * writers); only the snapshots and revisions go in by bulk insert, since
 * the store's insert stamps its own time and the seed needs a year of them.
 */
export async function seed(
  knex: Knex,
  refs: string[],
  size: Size,
  user: string,
  now: number,
) {
  const store = await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  const summaries = new Summaries(defaultMaturityModel, SCORING);
  const count = size.snapshotsPerComponent;
  for (let start = 0; start < refs.length; start += 1000) {
    const rows: AssessmentRow[] = [];
    const history: SnapshotSummary[] = [];
    const latest: SnapshotSummary[] = [];
    for (let i = start; i < Math.min(refs.length, start + 1000); i++) {
      const lifecycle = LIFECYCLES[i % LIFECYCLES.length];
      const times = snapshotTimes(i, count, now);
      for (let revision = 1; revision <= count; revision++) {
        const row = toAssessmentRow(
          {
            entityRef: refs[i],
            modelId: 'cnmm',
            modelVersion: '4.0',
            createdBy: user,
            ownerRef: null,
            systemRef: null,
            lifecycle,
            entityUid: null,
            ratings: ratingsFor(i * 10 + revision),
            targets: {},
            notes: {},
            evidence: {},
            comment: `snapshot ${revision}`,
          },
          revision,
          times[revision - 1],
        );
        rows.push(row);
        const summary = summaries.summaryOf(fromAssessmentRow(row), lifecycle);
        history.push(summary);
        if (revision === count) latest.push(summary);
      }
    }
    await retriedWhenBusy(() => knex.batchInsert(ASSESSMENTS, rows, 250));
    await retriedWhenBusy(() =>
      knex.batchInsert(
        REVISIONS,
        latest.map(s => ({
          entity_ref: s.entityRef,
          last_revision: s.revision,
        })),
        250,
      ),
    );
    await retriedWhenBusy(() => store.replaceSummaries(latest));
    await retriedWhenBusy(() => store.replaceHistory(history));
  }
}
