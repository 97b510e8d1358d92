// @ts-check

/**
 * A ref can be reused: an entity deleted from the catalog and a new one
 * registered under the same kind, namespace and name. Snapshots and
 * summaries record the `metadata.uid` of the entity they were written for,
 * and `maturity_generation` says from which revision on a ref's snapshots
 * belong to its current entity: the earlier ones stay stored, hidden from
 * reads, until an administrator reattaches them (docs/reliability.md,
 * group 8).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('maturity_assessment', table => {
    table
      .string('entity_uid', 255)
      .nullable()
      .comment('metadata.uid of the entity the snapshot was written for');
  });
  await knex.schema.alterTable('maturity_summary', table => {
    table
      .string('entity_uid', 255)
      .nullable()
      .comment('metadata.uid of the entity of the summarised snapshot');
  });
  await knex.schema.createTable('maturity_generation', table => {
    table.comment(
      'Refs reused by a new entity: their snapshots before since_revision are hidden',
    );
    table.string('entity_ref', 512).primary();
    table.integer('since_revision').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_generation');
  await knex.schema.alterTable('maturity_summary', table => {
    table.dropColumn('entity_uid');
  });
  await knex.schema.alterTable('maturity_assessment', table => {
    table.dropColumn('entity_uid');
  });
};
