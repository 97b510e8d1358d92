// @ts-check

/**
 * Group scorecards read a subtree owner by owner, each owner's components in
 * ref order; an index on (owner_ref, entity_ref) gives that order without a
 * sort, and still serves every lookup by owner alone, which the index it
 * replaces did.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('maturity_entity', table => {
    table.index(['owner_ref', 'entity_ref'], 'maturity_entity_owner_ref_idx');
  });
  await knex.schema.alterTable('maturity_entity', table => {
    table.dropIndex(['owner_ref'], 'maturity_entity_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('maturity_entity', table => {
    table.index(['owner_ref'], 'maturity_entity_owner_idx');
  });
  await knex.schema.alterTable('maturity_entity', table => {
    table.dropIndex(
      ['owner_ref', 'entity_ref'],
      'maturity_entity_owner_ref_idx',
    );
  });
};
