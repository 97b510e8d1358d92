// @ts-check

/**
 * What scorecards need, kept in the plugin's own database so that they are
 * answered in SQL rather than by reading the catalog on every request:
 * - maturity_entity: an index of the catalog (kind, owner, system, domain,
 *   lifecycle, a group's parent), kept in sync by a scheduled task;
 * - maturity_summary: one row per entity for its latest snapshot, written in
 *   the same transaction as the snapshot;
 * - maturity_summary_dimension: the dimension medians of those rows, so that
 *   the overview can sort and page by a dimension with an index;
 * - maturity_meta: when the index was synced, what the summaries were
 *   computed with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_entity', table => {
    table.comment('The catalog entities scorecards are computed over');
    table.string('entity_ref', 512).primary().comment('Lower-cased ref');
    table.string('kind', 256).notNullable().comment('Lower-cased');
    table.string('namespace', 256).notNullable();
    table.string('name', 256).notNullable();
    table.text('title').nullable();
    table.string('owner_ref', 512).nullable();
    table.string('system_ref', 512).nullable();
    table.string('domain_ref', 512).nullable();
    table.text('lifecycle').nullable();
    table.string('parent_ref', 512).nullable().comment("A group's parent");
    table.string('etag', 256).nullable().comment('Catalog etag when synced');
    table.index(['kind', 'entity_ref'], 'maturity_entity_kind_idx');
    table.index(['owner_ref'], 'maturity_entity_owner_idx');
    table.index(['system_ref'], 'maturity_entity_system_idx');
    table.index(['domain_ref'], 'maturity_entity_domain_idx');
    table.index(['parent_ref'], 'maturity_entity_parent_idx');
  });
  await knex.schema.createTable('maturity_summary', table => {
    table.comment('The scored latest snapshot of each assessed entity');
    table.string('entity_ref', 512).primary();
    table.bigInteger('revision').notNullable();
    table.timestamp('assessed_at', { useTz: true }).notNullable();
    table.timestamp('stale_at', { useTz: true }).notNullable();
    table.double('percent_to_target').nullable();
    table.integer('target_sum').notNullable();
    table.integer('gap_sum').notNullable();
    table
      .integer('lowest_median')
      .nullable()
      .comment('Lowest rated dimension median');
    table
      .text('levels')
      .notNullable()
      .comment('JSON: topic levels and dimension medians in model order');
    table.index(['assessed_at', 'entity_ref'], 'maturity_summary_assessed_idx');
    table.index(['revision', 'entity_ref'], 'maturity_summary_revision_idx');
    table.index(
      ['percent_to_target', 'entity_ref'],
      'maturity_summary_percent_idx',
    );
  });
  await knex.schema.createTable('maturity_summary_dimension', table => {
    table.comment('Dimension medians of the latest snapshots, for sorting');
    table.string('entity_ref', 512).notNullable();
    table.string('dimension_id', 128).notNullable();
    table.integer('median').nullable();
    table.primary(['entity_ref', 'dimension_id']);
    table.index(
      ['dimension_id', 'median', 'entity_ref'],
      'maturity_summary_dimension_sort_idx',
    );
  });
  await knex.schema.createTable('maturity_meta', table => {
    table.comment('State of the index and of the summaries');
    table.string('key', 128).primary();
    table.text('value').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_meta');
  await knex.schema.dropTable('maturity_summary_dimension');
  await knex.schema.dropTable('maturity_summary');
  await knex.schema.dropTable('maturity_entity');
};
