// @ts-check

/**
 * Assessments are immutable snapshots: one row per submission, numbered per
 * entity. The unique (entity_ref, revision) pair is what stops two writers
 * that started from the same revision from both succeeding.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_assessment', table => {
    table.comment(
      'Immutable maturity assessment snapshots, one per submission',
    );
    table.bigIncrements('id').primary();
    table
      .string('entity_ref', 512)
      .notNullable()
      .comment('Lower-cased entity ref');
    table.integer('revision').notNullable().comment('1, 2, … per entity');
    table.string('model_id', 128).notNullable();
    table.string('model_version', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 512).notNullable().comment('User entity ref');
    table
      .string('owner_ref', 512)
      .nullable()
      .comment("The entity's owner then");
    table
      .string('system_ref', 512)
      .nullable()
      .comment("The entity's system then");
    table
      .string('lifecycle', 128)
      .nullable()
      .comment("The entity's lifecycle then");
    table
      .text('payload')
      .notNullable()
      .comment('JSON: ratings, targets, notes, evidence, comment');
    table.unique(['entity_ref', 'revision'], {
      indexName: 'maturity_assessment_entity_revision_uniq',
    });
  });
  await knex.schema.createTable('maturity_orphan', table => {
    table.comment(
      'Entities with assessments that are no longer in the catalog',
    );
    table.string('entity_ref', 512).primary();
    table.timestamp('missing_since', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_orphan');
  await knex.schema.dropTable('maturity_assessment');
};
