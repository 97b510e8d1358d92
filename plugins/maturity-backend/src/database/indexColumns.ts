import { Knex } from 'knex';
import { epochMs } from './epochMs';
import type { IndexFields } from './indexTypes';

/** What an entity read returns: the entity and its summary. */
const ROW_COLUMNS = [
  'e.entity_ref',
  'e.kind',
  'e.namespace',
  'e.name',
  'e.title',
  'e.owner_ref',
  'e.system_ref',
  'e.lifecycle',
  's.revision',
  's.assessed_at',
  's.stale_at',
  's.percent_to_target',
  's.target_sum',
  's.gap_sum',
  's.lowest_median',
  's.levels',
];

/** What the catalog table reads of a row: whether, when and how it was assessed. */
export const CATALOG_ROW_COLUMNS = [
  'e.entity_ref',
  's.revision',
  's.assessed_at',
  's.stale_at',
  's.lowest_median',
];

/** What a roll-up reads of a row: its summary and what places it in a child. */
const ROLL_UP_COLUMNS = [
  'e.entity_ref',
  'e.owner_ref',
  'e.system_ref',
  's.stale_at',
  's.target_sum',
  's.gap_sum',
  's.levels',
];

/**
 * What a change compares of a row: its levels at the read's moment and, as
 * `before_*`, at the scope's `since` (`b`), with whose snapshot they are.
 */
const CHANGE_COLUMNS = [
  'e.entity_ref',
  'e.title',
  'e.owner_ref',
  's.revision',
  's.assessed_at',
  's.levels',
  'b.revision as before_revision',
  'b.assessed_at as before_assessed_at',
  'b.levels as before_levels',
];

/**
 * What a campaign reads of a row: a third of an entity's columns, for a
 * scope that can be a whole organisation.
 */
const GOAL_COLUMNS = [
  'e.entity_ref',
  'e.title',
  'e.owner_ref',
  's.assessed_at',
  's.stale_at',
  's.levels',
];

export const COLUMNS: Record<IndexFields, string[]> = {
  entity: ROW_COLUMNS,
  rollUp: ROLL_UP_COLUMNS,
  change: CHANGE_COLUMNS,
  goals: GOAL_COLUMNS,
};

const TIMES = new Set(['s.assessed_at', 's.stale_at']);

/**
 * The columns of a scan (`MaturityIndex.scan`), a whole organisation's rows:
 * a summary's times as epoch milliseconds, so that PostgreSQL's driver
 * parses no Date of them (the mappers take either).
 */
export function scanColumns(knex: Knex, fields: IndexFields | undefined) {
  return COLUMNS[fields ?? 'entity'].map(column =>
    TIMES.has(column) ? epochMs(knex, column, column.slice(2)) : column,
  );
}

export const SORT_COLUMNS = {
  name: 'e.entity_ref',
  percentToTarget: 's.percent_to_target',
  assessedAt: 's.assessed_at',
  revision: 's.revision',
} as const;
