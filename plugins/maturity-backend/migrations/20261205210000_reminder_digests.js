// @ts-check

const REPEATING = ['assessment-missing', 'assessment-stale'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The ISO week of a time, as "2026-W47" (as src/jobs/CampaignReminders.ts).
 *
 * @param {Date} date
 */
function isoWeek(date) {
  const utc = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
  );
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  const thursday = new Date(utc + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Reminders become digests: one notification per owner and reason lists its
 * entities. A digest is claimed (leased by one run), sent, then marked sent,
 * so a run that stops between claim and send leaves it for the next run.
 * Each entity's part in a digest is an item, keyed by campaign, reason and
 * period ('' for once per campaign, an ISO week when repeated weekly), so an
 * entity is reminded of one thing once, whichever replica runs.
 *
 * The reminders sent before (one per entity, reason and week) are carried
 * over as items without a digest, so nothing is sent again after the
 * upgrade; the old table goes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('maturity_reminder_digest', table => {
    table.comment(
      'One reminder notification to an owner: its items say what of',
    );
    table.string('id', 64).primary();
    table.string('owner_ref', 512).notNullable();
    table.string('reason', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .timestamp('lease_until', { useTz: true })
      .nullable()
      .comment('Claimed by a run until then; null: free to send');
    table.timestamp('sent_at', { useTz: true }).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.index(['sent_at'], 'maturity_reminder_digest_sent_idx');
  });
  await knex.schema.createTable('maturity_reminder_item', table => {
    table.comment('What an entity was reminded of, at most once per key');
    table.string('campaign_id', 64).notNullable();
    table.string('reason', 64).notNullable();
    table
      .string('period', 16)
      .notNullable()
      .comment("'' once per campaign, or the ISO week of a weekly repeat");
    table.string('entity_ref', 512).notNullable();
    table
      .string('digest_id', 64)
      .nullable()
      .references('id')
      .inTable('maturity_reminder_digest')
      .comment('Null for reminders sent before digests');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['campaign_id', 'reason', 'period', 'entity_ref']);
    table.index(['digest_id'], 'maturity_reminder_item_digest_idx');
  });

  /** @type {Array<{entity_ref: string, reason: string, week: string, campaign_ids: string, sent_at: Date | string | number}>} */
  const sent = await knex('maturity_campaign_reminder').select();
  const items = new Map();
  for (const row of sent) {
    for (const campaignId of JSON.parse(row.campaign_ids)) {
      // Sent once already: not again once per campaign; and not again this
      // week if weekly repeats are switched on.
      const periods = REPEATING.includes(row.reason) ? ['', row.week] : [''];
      for (const period of periods) {
        const key = [campaignId, row.reason, period, row.entity_ref].join('|');
        items.set(key, {
          campaign_id: campaignId,
          reason: row.reason,
          period,
          entity_ref: row.entity_ref,
          digest_id: null,
          created_at: new Date(row.sent_at),
        });
      }
    }
  }
  const rows = [...items.values()];
  for (let i = 0; i < rows.length; i += 100) {
    await knex('maturity_reminder_item').insert(rows.slice(i, i + 100));
  }
  await knex.schema.dropTable('maturity_campaign_reminder');
};

/**
 * Back to one reminder per entity, reason and week: each item becomes the
 * week it was recorded in (or its period), with the campaigns it was about.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
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
  /** @type {Array<{campaign_id: string, reason: string, period: string, entity_ref: string, created_at: Date | string | number}>} */
  const items = await knex('maturity_reminder_item').select();
  const reminders = new Map();
  for (const item of items) {
    const createdAt = new Date(item.created_at);
    const week = item.period || isoWeek(createdAt);
    const key = [item.entity_ref, item.reason, week].join('|');
    const reminder = reminders.get(key) ?? {
      entity_ref: item.entity_ref,
      reason: item.reason,
      week,
      campaign_ids: [],
      sent_at: createdAt,
    };
    if (!reminder.campaign_ids.includes(item.campaign_id)) {
      reminder.campaign_ids.push(item.campaign_id);
    }
    reminders.set(key, reminder);
  }
  const rows = [...reminders.values()].map(r => ({
    ...r,
    campaign_ids: JSON.stringify(r.campaign_ids),
  }));
  for (let i = 0; i < rows.length; i += 100) {
    await knex('maturity_campaign_reminder').insert(rows.slice(i, i + 100));
  }
  await knex.schema.dropTable('maturity_reminder_item');
  await knex.schema.dropTable('maturity_reminder_digest');
};
