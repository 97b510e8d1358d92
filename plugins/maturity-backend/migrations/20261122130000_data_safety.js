// @ts-check

/**
 * Data safety:
 * - `maturity_revision` remembers the last revision of every entity ever
 *   assessed, so that a purged entity that returns continues its numbering
 *   and nothing keyed by (entity, revision) can be confused with an older
 *   snapshot.
 * - `maturity_orphan.deleted_at` marks a soft delete: the snapshots stay, are
 *   hidden from reads, and are purged only `purgeAfterDays` later.
 * - `lifecycle` becomes text on PostgreSQL: the catalog does not bound it,
 *   and SQLite never enforced the varchar length.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_revision', table => {
    table.comment('The last revision ever given to each assessed entity');
    table.string('entity_ref', 512).primary();
    table.integer('last_revision').notNullable();
  });
  await knex
    .insert(
      knex('maturity_assessment')
        .select('entity_ref')
        .max({ last_revision: 'revision' })
        .groupBy('entity_ref'),
    )
    .into(
      knex.raw('?? (??, ??)', [
        'maturity_revision',
        'entity_ref',
        'last_revision',
      ]),
    );
  await knex.schema.alterTable('maturity_orphan', table => {
    table
      .timestamp('deleted_at', { useTz: true })
      .nullable()
      .comment('Soft-deleted then: hidden from reads until purged');
  });
  if (knex.client.dialect === 'postgresql') {
    await knex.raw(
      'ALTER TABLE maturity_assessment ALTER COLUMN lifecycle TYPE text',
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.dialect === 'postgresql') {
    // Longer values did not fit before; they are cut rather than lost rows.
    await knex.raw(
      'ALTER TABLE maturity_assessment ALTER COLUMN lifecycle TYPE varchar(128) USING left(lifecycle, 128)',
    );
  }
  await knex.schema.alterTable('maturity_orphan', table => {
    table.dropColumn('deleted_at');
  });
  await knex.schema.dropTable('maturity_revision');
};
