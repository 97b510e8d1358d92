import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import { LevelPositions, readLevelsAt } from './encodedLevels';
import { epochMs, toMs } from './epochMs';
import { inGeneration } from './generations';
import type { StoredSummary } from './indexTypes';
import { IndexedColumns, toStoredSummary } from './mappers';
import { inBound } from './scopeQuery';
import { eachValues } from './streamQuery';
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
    for (const row of rows) spans.push(toSpan(row));
  }
  return spans;
}

/**
 * Refs bound as one value a statement. Each statement pays for a plan and
 * a cursor, and PostgreSQL probes the index once a ref in any case: over
 * 100,000 refs, 20 statements of 5,000 took 1.15 s where one took 0.65 s
 * (docs/benchmarks.md). Bounded so that the bound value stays a few MB.
 */
const REFS_PER_WINDOW_QUERY = 50_000;

/**
 * What a burn-up reads of a history row: the levels (by position, as
 * stored), when the summary was made, and the period it was the entity's
 * latest, in epoch milliseconds.
 */
export type LevelsSpan = {
  entityRef: string;
  revision: number;
  topicLevels: Array<number | null>;
  dimensionMedians: Array<number | null>;
  assessedAtMs: number;
  validFromMs: number;
  validToMs: number | null;
};

/** A history row as `eachSpanWithin` selects it, its values in order. */
type LevelsValues = [
  entityRef: string,
  revision: number | string,
  levels: string,
  assessedMs: number | string,
  validFromMs: number | string,
  validToMs: number | string | null,
];

/**
 * The history rows of some refs that were their entity's latest at some
 * time of a window: made before `until` and not replaced before `from`.
 * Each is handed to `visit` as the database reads it, in no order, written
 * into one span object that is `visit`'s only until it returns, with the
 * levels at the positions `only` names when given (the others null): a burn-up
 * over a whole organisation reads hundreds of thousands of rows, and
 * tallies each at once (streamQuery.ts, `eachValues`, says why nothing is
 * gathered). Of the entity holding each ref now, scored rows only, by the
 * index on (entity_ref, valid_from), as `historyAt`; the levels and times
 * only: the other columns of a summary cost their reading for nothing.
 */
export async function eachSpanWithin(
  knex: Knex,
  entityRefs: string[],
  window: { from: Date; until: Date },
  visit: (span: LevelsSpan) => void,
  only?: LevelPositions,
): Promise<void> {
  const span: LevelsSpan = {
    entityRef: '',
    revision: 0,
    topicLevels: [],
    dimensionMedians: [],
    assessedAtMs: 0,
    validFromMs: 0,
    validToMs: null,
  };
  // With `only`, the span's lists are the same two arrays every row.
  const readLevels = only
    ? (encoded: string) => readLevelsAt(encoded, only, span)
    : (encoded: string) => {
        const levels = JSON.parse(encoded);
        span.topicLevels = levels[0];
        span.dimensionMedians = levels[1];
      };
  const visitRow = (values: unknown[]) => {
    const row = values as LevelsValues;
    readLevels(row[2]);
    span.entityRef = row[0];
    span.revision = Number(row[1]);
    span.assessedAtMs = toMs(row[3]);
    span.validFromMs = toMs(row[4]);
    span.validToMs = row[5] === null ? null : toMs(row[5]);
    visit(span);
  };
  for (const refs of chunks(entityRefs, REFS_PER_WINDOW_QUERY)) {
    const query = knex(SUMMARY_HISTORY)
      // In the order of LevelsValues: the rows are read as values.
      .select(
        'entity_ref',
        'revision',
        'levels',
        epochMs(knex, 'assessed_at', 'assessed_ms'),
        epochMs(knex, 'valid_from', 'valid_from_ms'),
        epochMs(knex, 'valid_to', 'valid_to_ms'),
      )
      .where(q => inBound(knex, q, 'entity_ref', refs))
      .where('valid_from', '<', window.until)
      .where(q =>
        q.whereNull('valid_to').orWhere('valid_to', '>=', window.from),
      )
      .whereNotNull('stale_at')
      .where(inGeneration(knex, SUMMARY_HISTORY));
    await eachValues(knex, query, visitRow);
  }
}

function toSpan(row: SpanColumns): HistorySpan {
  return {
    entityRef: row.entity_ref!,
    summary: toStoredSummary(row),
    validFromMs: toMs(row.valid_from),
    validToMs: row.valid_to === null ? null : toMs(row.valid_to),
  };
}
