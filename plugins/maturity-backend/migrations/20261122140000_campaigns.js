// @ts-check

/**
 * Campaigns keep every edit: a campaign row names its current version, and
 * each version is an immutable row. Reminders record what was sent, keyed so
 * that one entity gets at most one notification per reason and ISO week,
 * whichever replica sends it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_campaign', table => {
    table.comment('Maturity campaigns created in the portal');
    table.string('id', 64).primary();
    table.integer('version').notNullable().comment('The current version');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 512).notNullable().comment('User entity ref');
  });
  await knex.schema.createTable('maturity_campaign_version', table => {
    table.comment('Immutable versions of each campaign, one per edit');
    table
      .string('campaign_id', 64)
      .notNullable()
      .references('id')
      .inTable('maturity_campaign')
      .onDelete('CASCADE');
    table.integer('version').notNullable().comment('1, 2, … per campaign');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 512).notNullable().comment('User entity ref');
    table
      .text('payload')
      .notNullable()
      .comment('JSON: title, description, scope, goals, dates, status');
    table.primary(['campaign_id', 'version']);
  });
  await knex.schema.createTable('maturity_campaign_reminder', table => {
    table.comment('Reminders sent to entity owners, at most one per key');
    table.string('entity_ref', 512).notNullable();
    table.string('reason', 64).notNullable();
    table.string('week', 16).notNullable().comment('ISO week, e.g. 2026-W47');
    table
      .text('campaign_ids')
      .notNullable()
      .comment('JSON array of the campaigns it was about');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'reason', 'week']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_campaign_reminder');
  await knex.schema.dropTable('maturity_campaign_version');
  await knex.schema.dropTable('maturity_campaign');
};
