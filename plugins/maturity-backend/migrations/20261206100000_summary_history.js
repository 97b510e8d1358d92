// @ts-check

/**
 * The history of summaries: one row per snapshot, the scored summary it had
 * from `valid_from` (its created_at) until `valid_to` (the earliest
 * created_at of a later revision of the ref; null while the latest), so
 * that a read "as of" a time is the summaries' read with one more condition,
 * and never decodes a snapshot.
 *
 * The back-fill writes every existing snapshot's row and period in SQL, and
 * the scores of the latest ones from maturity_summary. The older ones cannot
 * be scored here (the scoring engine is TypeScript): their score columns stay
 * null, which reads skip, and the fingerprint of the summaries is forgotten,
 * so that the start-up recompute (src/jobs/SummaryUpdater.ts) scores every
 * history row before the plugin serves a request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_summary_history', table => {
    table.comment(
      'The scored summary of every snapshot, with the period it was the latest',
    );
    table.string('entity_ref', 512).notNullable().comment('Lower-cased ref');
    table.bigInteger('revision').notNullable();
    table
      .string('entity_uid', 255)
      .nullable()
      .comment('metadata.uid of the entity of the summarised snapshot');
    table
      .timestamp('valid_from', { useTz: true })
      .notNullable()
      .comment("The snapshot's created_at");
    table
      .timestamp('valid_to', { useTz: true })
      .nullable()
      .comment(
        'The earliest created_at of a later revision; null while latest',
      );
    // The columns of maturity_summary, null until scored.
    table.timestamp('assessed_at', { useTz: true }).nullable();
    table
      .timestamp('stale_at', { useTz: true })
      .nullable()
      .comment('Null until the start-up recompute has scored the row');
    table.double('percent_to_target').nullable();
    table.integer('target_sum').nullable();
    table.integer('gap_sum').nullable();
    table.integer('lowest_median').nullable();
    table
      .text('levels')
      .nullable()
      .comment('JSON: topic levels and dimension medians in model order');
    table.primary(['entity_ref', 'revision']);
    table.index(
      ['entity_ref', 'valid_from'],
      'maturity_summary_history_valid_idx',
    );
  });
  // A window gives each snapshot the earliest later created_at in one pass;
  // the earliest rather than the next revision's, so that periods never
  // overlap even when a replica's clock put a later revision earlier.
  await knex.raw(
    `INSERT INTO maturity_summary_history
       (entity_ref, revision, entity_uid, valid_from, valid_to, assessed_at,
        stale_at, percent_to_target, target_sum, gap_sum, lowest_median, levels)
     SELECT a.entity_ref, a.revision, a.entity_uid, a.created_at, a.valid_to,
            s.assessed_at, s.stale_at, s.percent_to_target, s.target_sum,
            s.gap_sum, s.lowest_median, s.levels
       FROM (SELECT entity_ref, revision, entity_uid, created_at,
                    MIN(created_at) OVER (
                      PARTITION BY entity_ref ORDER BY revision
                      ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
                    ) AS valid_to
               FROM maturity_assessment) a
       LEFT JOIN maturity_summary s
         ON s.entity_ref = a.entity_ref AND s.revision = a.revision`,
  );
  await knex('maturity_meta').where({ key: 'summaries.fingerprint' }).delete();
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('maturity_summary_history');
};
