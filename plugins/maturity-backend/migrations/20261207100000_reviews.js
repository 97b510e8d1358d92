// @ts-check

/**
 * The four-eyes review of snapshots (`maturity.review.required`). A snapshot
 * written while review is required is marked `review_required`; every
 * snapshot written before stays unmarked and counts as it always did. A
 * decision is a row of its own, at most one per snapshot and never changed,
 * so a snapshot stays immutable. The queue holds the one pending latest
 * snapshot of each entity waiting for a decision: the review list and the
 * overview's `review=pending` filter read it rather than search the
 * snapshots.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('maturity_assessment', table => {
    table
      .boolean('review_required')
      .notNullable()
      .defaultTo(false)
      .comment('Written while review was required: counts once approved');
  });
  await knex.schema.createTable('maturity_review_decision', table => {
    table.comment('The decision on a snapshot under review; one, never changed');
    table.string('entity_ref', 512).notNullable();
    table.integer('revision').notNullable();
    table
      .string('decision', 16)
      .notNullable()
      .comment("'approved' or 'returned'");
    table.string('reviewer', 512).notNullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.text('comment').nullable();
    table.primary(['entity_ref', 'revision']);
  });
  await knex.schema.createTable('maturity_review_queue', table => {
    table.comment('The latest snapshot of each entity waiting for review');
    table.string('entity_ref', 512).primary();
    table.integer('revision').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('created_by', 512).notNullable();
    table.index(['created_at', 'entity_ref'], 'maturity_review_queue_age_idx');
  });
};

/**
 * Drops the review: every snapshot counts again as written, approved,
 * returned or pending alike.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_review_queue');
  await knex.schema.dropTable('maturity_review_decision');
  await knex.schema.alterTable('maturity_assessment', table => {
    table.dropColumn('review_required');
  });
};
