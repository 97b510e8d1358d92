// @ts-check

/**
 * Write limits shared by every replica: each user's current one-minute
 * window of snapshot writes, counted in the database so that N replicas do
 * not allow N times the limit. A row is one user; rows of windows long past
 * are swept.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_write_window', table => {
    table.comment('Snapshot writes per user in the current minute window');
    table.string('user_ref', 512).primary();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.integer('count').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_write_window');
};
