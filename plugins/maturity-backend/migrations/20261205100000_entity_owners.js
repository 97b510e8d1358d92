// @ts-check

/**
 * The further owners of an indexed entity: the catalog's `ownedBy`
 * relations after the first, which `maturity_entity.owner_ref` keeps. Owner
 * filters and the ownership rule of a permission policy test both; most
 * entities have one owner, and their reads stay on the owner_ref index.
 *
 * The further owners arrive with the next sync, which compares every entity
 * in full once its etag is forgotten.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_entity_owner', table => {
    table.comment('The owners of each indexed entity after its first');
    table.string('entity_ref', 512).notNullable();
    table.string('owner_ref', 512).notNullable();
    table.primary(['entity_ref', 'owner_ref']);
    table.index(['owner_ref', 'entity_ref'], 'maturity_entity_owner_owner_idx');
  });
  await knex('maturity_entity').update({ etag: null });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_entity_owner');
};
