import { Knex } from 'knex';

/**
 * What an administrator runs to give a reused ref its earlier history back,
 * word for word as the README says ("A ref reused by a new entity starts
 * clean").
 */
export async function reattachHistory(knex: Knex, entityRef: string) {
  await knex.raw(
    `UPDATE maturity_assessment SET entity_uid = NULL
      WHERE entity_ref = ?
        AND revision < (SELECT since_revision FROM maturity_generation
                         WHERE entity_ref = ?)`,
    [entityRef, entityRef],
  );
  await knex.raw('DELETE FROM maturity_generation WHERE entity_ref = ?', [
    entityRef,
  ]);
}
