import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import { inGeneration } from './generations';
import type { StoredSummary } from './indexTypes';
import { IndexedColumns, toStoredSummary } from './mappers';
import { inBound } from './scopeQuery';
import { SUMMARY_COLUMNS } from './summaryHistory';
import { HistoryRow, SUMMARY_HISTORY } from './tables';

/**
 * One summary of an entity's history and the period it was the entity's
 * latest, in epoch milliseconds: from its snapshot's time until the next
 * snapshot's (null while it is the latest).
 */
export type HistorySpan = {
  entityRef: string;
  summary: StoredSummary;
  validFromMs: number;
  validToMs: number | null;
};

const SPAN_COLUMNS = [...SUMMARY_COLUMNS, 'valid_from', 'valid_to'];

type SpanColumns = IndexedColumns & Pick<HistoryRow, 'valid_from' | 'valid_to'>;

// SQLite answers timestamps as epoch numbers or strings, PostgreSQL as Date.
const toMs = (value: Date | string | number) =>
  typeof value === 'number' ? value : new Date(value).getTime();

/**
 * The history rows of some refs that were their entity's latest at one of
 * `moments` at least: at most one row an entity a moment, however many
 * snapshots were written between them, so that a read of a year by month
 * holds twelve rows an entity at most. Levels only, never a snapshot; of the
 * entity holding each ref now (`inGeneration`); a row the start-up recompute
 * has not scored yet is not read, as in every read of the history. One
 * query a batch of refs, by the index on (entity_ref, valid_from).
 */
export async function historyAt(
  knex: Knex,
  entityRefs: string[],
  moments: Date[],
): Promise<HistorySpan[]> {
  const spans: HistorySpan[] = [];
  if (!moments.length) return spans;
  for (const refs of chunks(entityRefs)) {
    const rows: SpanColumns[] = await knex(SUMMARY_HISTORY)
      .select(SPAN_COLUMNS)
      .where(q => inBound(knex, q, 'entity_ref', refs))
      .where(q => {
        for (const moment of moments) {
          q.orWhere(at =>
            at
              .where('valid_from', '<=', moment)
              .where(to =>
                to.whereNull('valid_to').orWhere('valid_to', '>', moment),
              ),
          );
        }
      })
      .whereNotNull('stale_at')
      .where(inGeneration(knex, SUMMARY_HISTORY));
    for (const row of rows) {
      spans.push({
        entityRef: row.entity_ref!,
        summary: toStoredSummary(row),
        validFromMs: toMs(row.valid_from),
        validToMs: row.valid_to === null ? null : toMs(row.valid_to),
      });
    }
  }
  return spans;
}
