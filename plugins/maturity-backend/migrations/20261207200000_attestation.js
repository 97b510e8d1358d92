// @ts-check

/**
 * When each summary next changes: `valid_until`, the earliest time a topic
 * of the summarised snapshot expires (maturity.attestation,
 * maturity.exemptions), null when none will. The expiry task recomputes the
 * summaries whose time has passed, found by the index, so that scorecards
 * stay one SQL read. Existing rows stay null: nothing expires until the
 * settings are configured, and configuring them changes the summaries'
 * fingerprint, which recomputes every summary at start-up.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('maturity_summary', table => {
    table
      .timestamp('valid_until', { useTz: true })
      .nullable()
      .comment('When a topic next expires and the row is recomputed');
    table.index(['valid_until'], 'maturity_summary_valid_until_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('maturity_summary', table => {
    table.dropIndex(['valid_until'], 'maturity_summary_valid_until_idx');
    table.dropColumn('valid_until');
  });
};
