import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import fs from 'node:fs';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@cnmm/backstage-plugin-maturity-backend',
  'migrations',
);
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(f => f.endsWith('.js'))
  .sort();

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

/** Runs the migrations up to and including `name`, and no later one. */
async function migrateUpTo(knex: Knex, name: string) {
  expect(migrationFiles).toContain(name);
  for (const file of migrationFiles.slice(
    0,
    migrationFiles.indexOf(name) + 1,
  )) {
    await knex.migrate.up({ directory: migrationsDir, name: file });
  }
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', id => {
  it('20261122000000_init creates the tables and drops them on down', async () => {
    expect(migrationFiles[0]).toBe('20261122000000_init.js');
    const knex = await databases.init(id);
    await migrateUpOnce(knex);

    const row = {
      entity_ref: 'component:default/a',
      revision: 1,
      model_id: 'cnmm',
      model_version: '4.0',
      created_at: new Date(),
      created_by: 'user:default/sam',
      payload: '{}',
    };
    await knex('maturity_assessment').insert(row);
    // The unique (entity_ref, revision) index is what serialises writers.
    // Driver errors come from another realm, so match their code, not their class.
    await expect(
      knex('maturity_assessment').insert(row).then(),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
    });
    await knex('maturity_orphan').insert({
      entity_ref: 'component:default/a',
      missing_since: new Date(),
    });
    expect(await knex('maturity_assessment').select('entity_ref')).toEqual([
      { entity_ref: 'component:default/a' },
    ]);

    await migrateDownOnce(knex);
    expect(await knex.schema.hasTable('maturity_assessment')).toBe(false);
    expect(await knex.schema.hasTable('maturity_orphan')).toBe(false);

    await migrateUpOnce(knex);
    expect(await knex('maturity_assessment').select('id')).toEqual([]);
    await knex.destroy();
  });

  it('20261122120000_index_and_summaries adds the index and summary tables and drops only them on down', async () => {
    expect(migrationFiles[1]).toBe('20261122120000_index_and_summaries.js');
    const knex = await databases.init(id);
    await migrateUpOnce(knex);
    await migrateUpOnce(knex);

    await knex('maturity_entity').insert({
      entity_ref: 'component:default/a',
      kind: 'component',
      namespace: 'default',
      name: 'a',
      // Longer than any varchar: lifecycles are free text in the catalog.
      lifecycle: 'x'.repeat(1000),
    });
    await knex('maturity_summary').insert({
      entity_ref: 'component:default/a',
      revision: 2 ** 40,
      assessed_at: new Date(),
      stale_at: new Date(),
      percent_to_target: 0.5,
      target_sum: 4,
      gap_sum: 2,
      lowest_median: 1,
      levels: '[[1],[1]]',
    });
    await knex('maturity_summary_dimension').insert({
      entity_ref: 'component:default/a',
      dimension_id: 'people',
      median: 1,
    });
    const [summary] = await knex('maturity_summary').select('revision');
    expect(Number(summary.revision)).toBe(2 ** 40);

    await migrateDownOnce(knex);
    for (const table of [
      'maturity_entity',
      'maturity_summary',
      'maturity_summary_dimension',
      'maturity_meta',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    expect(await knex.schema.hasTable('maturity_assessment')).toBe(true);
    await knex.destroy();
  });
});

describe.each(databases.eachSupportedId())('campaign migration on %p', id => {
  it('20261122140000_campaigns adds versioned campaigns and keyed reminders, and drops them on down', async () => {
    const knex = await databases.init(id);
    await migrateUpTo(knex, '20261122150000_owner_ref_order.js');

    const now = new Date();
    await knex('maturity_campaign').insert({
      id: 'c1',
      version: 1,
      created_at: now,
      created_by: 'user:default/ada',
    });
    const version = {
      campaign_id: 'c1',
      version: 1,
      created_at: now,
      created_by: 'user:default/ada',
      payload: '{}',
    };
    await knex('maturity_campaign_version').insert(version);
    await expect(
      knex('maturity_campaign_version').insert(version).then(),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
    });
    const reminder = {
      entity_ref: 'component:default/a',
      reason: 'assessment-missing',
      week: '2026-W47',
      campaign_ids: '["c1"]',
      sent_at: now,
    };
    await knex('maturity_campaign_reminder').insert(reminder);
    await expect(
      knex('maturity_campaign_reminder').insert(reminder).then(),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
    });

    // Down undoes only the campaigns; the assessments stay.
    await knex.migrate.down({
      directory: migrationsDir,
      name: '20261122140000_campaigns.js',
    });
    expect(await knex.schema.hasTable('maturity_campaign')).toBe(false);
    expect(await knex.schema.hasTable('maturity_campaign_version')).toBe(false);
    expect(await knex.schema.hasTable('maturity_campaign_reminder')).toBe(
      false,
    );
    expect(await knex.schema.hasTable('maturity_assessment')).toBe(true);

    await knex.migrate.up({
      directory: migrationsDir,
      name: '20261122140000_campaigns.js',
    });
    expect(await knex('maturity_campaign').select('id')).toEqual([]);
    await knex.destroy();
  });
});

describe.each(databases.eachSupportedId())(
  'write limits migration on %p',
  id => {
    it('20261205200000_write_limits adds one write window per user, and drops it on down', async () => {
      const knex = await databases.init(id);
      await migrateUpTo(knex, '20261205200000_write_limits.js');
      const window = {
        user_ref: 'user:default/sam',
        window_start: new Date(),
        count: 3,
      };
      await knex('maturity_write_window').insert(window);
      await expect(
        knex('maturity_write_window').insert(window).then(),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
      });

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('maturity_write_window')).toBe(false);
      expect(await knex.schema.hasTable('maturity_assessment')).toBe(true);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'reminder digest migration on %p',
  id => {
    it('20261205210000_reminder_digests carries the reminders sent over as items, and brings them back on down', async () => {
      const knex = await databases.init(id);
      await migrateUpTo(knex, '20261205200000_write_limits.js');
      const sentAt = new Date('2026-11-25T10:00:00Z');
      await knex('maturity_campaign_reminder').insert([
        {
          entity_ref: 'component:default/a',
          reason: 'assessment-missing',
          week: '2026-W48',
          campaign_ids: '["c1","c2"]',
          sent_at: sentAt,
        },
        {
          entity_ref: 'component:default/a',
          reason: 'campaign-started',
          week: '2026-W47',
          campaign_ids: '["c1"]',
          sent_at: sentAt,
        },
      ]);
      await knex.migrate.up({ directory: migrationsDir });

      expect(await knex.schema.hasTable('maturity_campaign_reminder')).toBe(
        false,
      );
      const items = await knex('maturity_reminder_item')
        .select('campaign_id', 'reason', 'period', 'digest_id')
        .orderBy(['campaign_id', 'reason', 'period']);
      // Not sent again once per campaign, nor again that week.
      expect(items).toEqual([
        {
          campaign_id: 'c1',
          reason: 'assessment-missing',
          period: '',
          digest_id: null,
        },
        {
          campaign_id: 'c1',
          reason: 'assessment-missing',
          period: '2026-W48',
          digest_id: null,
        },
        {
          campaign_id: 'c1',
          reason: 'campaign-started',
          period: '',
          digest_id: null,
        },
        {
          campaign_id: 'c2',
          reason: 'assessment-missing',
          period: '',
          digest_id: null,
        },
        {
          campaign_id: 'c2',
          reason: 'assessment-missing',
          period: '2026-W48',
          digest_id: null,
        },
      ]);
      const item = {
        campaign_id: 'c1',
        reason: 'campaign-started',
        period: '',
        entity_ref: 'component:default/a',
        created_at: new Date(),
      };
      await expect(
        knex('maturity_reminder_item').insert(item).then(),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
      });
      await knex('maturity_reminder_digest').insert({
        id: 'd1',
        owner_ref: 'group:default/payments',
        reason: 'assessment-missing',
        created_at: sentAt,
      });
      await knex('maturity_reminder_item').insert({
        ...item,
        campaign_id: 'c3',
        reason: 'assessment-missing',
        entity_ref: 'component:default/b',
        digest_id: 'd1',
        created_at: sentAt,
      });

      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('maturity_reminder_item')).toBe(false);
      expect(await knex.schema.hasTable('maturity_reminder_digest')).toBe(
        false,
      );
      const restored = await knex('maturity_campaign_reminder')
        .select('entity_ref', 'reason', 'week', 'campaign_ids')
        .orderBy(['entity_ref', 'reason', 'week']);
      expect(
        restored.map(r => ({ ...r, campaign_ids: JSON.parse(r.campaign_ids) })),
      ).toEqual([
        {
          entity_ref: 'component:default/a',
          reason: 'assessment-missing',
          week: '2026-W48',
          campaign_ids: ['c1', 'c2'],
        },
        {
          entity_ref: 'component:default/a',
          reason: 'campaign-started',
          week: '2026-W48',
          campaign_ids: ['c1'],
        },
        {
          entity_ref: 'component:default/b',
          reason: 'assessment-missing',
          week: '2026-W48',
          campaign_ids: ['c3'],
        },
      ]);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'owner order migration on %p',
  id => {
    async function entityIndexes(knex: Knex): Promise<string[]> {
      const rows =
        knex.client.config.client === 'pg'
          ? (
              await knex.raw(
                `SELECT indexname AS name FROM pg_indexes WHERE tablename = 'maturity_entity'`,
              )
            ).rows
          : await knex.raw(`PRAGMA index_list('maturity_entity')`);
      return rows.map((r: { name: string }) => r.name).sort();
    }

    it('20261122150000_owner_ref_order orders owners by ref, and restores the owner index on down', async () => {
      expect(migrationFiles).toContain('20261122150000_owner_ref_order.js');
      const knex = await databases.init(id);
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261122000000_init.js',
      });
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261122120000_index_and_summaries.js',
      });
      await knex('maturity_entity').insert({
        entity_ref: 'component:default/a',
        kind: 'component',
        namespace: 'default',
        name: 'a',
        owner_ref: 'group:default/team',
      });
      expect(await entityIndexes(knex)).toContain('maturity_entity_owner_idx');

      await knex.migrate.latest({ directory: migrationsDir });
      const upgraded = await entityIndexes(knex);
      expect(upgraded).toContain('maturity_entity_owner_ref_idx');
      expect(upgraded).not.toContain('maturity_entity_owner_idx');

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261122150000_owner_ref_order.js',
      });
      const restored = await entityIndexes(knex);
      expect(restored).toContain('maturity_entity_owner_idx');
      expect(restored).not.toContain('maturity_entity_owner_ref_idx');
      expect(
        await knex('maturity_entity').select('entity_ref', 'owner_ref'),
      ).toEqual([
        { entity_ref: 'component:default/a', owner_ref: 'group:default/team' },
      ]);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'data safety migration on %p',
  id => {
    it('20261122130000_data_safety remembers revisions, adds soft delete, widens lifecycle; down restores', async () => {
      expect(migrationFiles).toContain('20261122130000_data_safety.js');
      const knex = await databases.init(id);
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261122000000_init.js',
      });
      const row = (entity: string, revision: number) => ({
        entity_ref: `component:default/${entity}`,
        revision,
        model_id: 'cnmm',
        model_version: '4.0',
        created_at: new Date(),
        created_by: 'user:default/sam',
        payload: '{}',
      });
      await knex('maturity_assessment').insert([
        row('a', 1),
        row('a', 2),
        row('b', 1),
      ]);
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261122130000_data_safety.js',
      });

      // Existing entities keep their numbering.
      expect(
        (await knex('maturity_revision').orderBy('entity_ref')).map(r => ({
          ...r,
          last_revision: Number(r.last_revision),
        })),
      ).toEqual([
        { entity_ref: 'component:default/a', last_revision: 2 },
        { entity_ref: 'component:default/b', last_revision: 1 },
      ]);
      await knex('maturity_orphan').insert({
        entity_ref: 'component:default/a',
        missing_since: new Date(),
        deleted_at: new Date(),
      });
      const lifecycle = 'x'.repeat(300);
      await knex('maturity_assessment').insert({ ...row('c', 1), lifecycle });
      expect(
        await knex('maturity_assessment')
          .where({ entity_ref: 'component:default/c' })
          .first('lifecycle'),
      ).toEqual({ lifecycle });

      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('maturity_revision')).toBe(false);
      expect(await knex.schema.hasColumn('maturity_orphan', 'deleted_at')).toBe(
        false,
      );
      // No row is lost going down; an over-long lifecycle is cut to fit.
      const rows = await knex('maturity_assessment').select('lifecycle');
      expect(rows).toHaveLength(4);
      expect(
        rows.map(r => r.lifecycle?.length ?? 0).sort((x, y) => y - x)[0],
      ).toBe(id === 'POSTGRES_15' ? 128 : 300);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'security review migrations on %p',
  id => {
    it('20261205100000_entity_owners adds the further owners and has every entity compared at the next sync; down drops them', async () => {
      const knex = await databases.init(id);
      await migrateUpTo(knex, '20261122150000_owner_ref_order.js');
      await knex('maturity_entity').insert({
        entity_ref: 'component:default/a',
        kind: 'component',
        namespace: 'default',
        name: 'a',
        owner_ref: 'group:default/team',
        etag: 'e1',
      });
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261205100000_entity_owners.js',
      });
      expect(await knex('maturity_entity').first('etag')).toEqual({
        etag: null,
      });
      const owner = {
        entity_ref: 'component:default/a',
        owner_ref: 'group:default/second',
      };
      await knex('maturity_entity_owner').insert(owner);
      await expect(
        knex('maturity_entity_owner').insert(owner).then(),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
      });

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261205100000_entity_owners.js',
      });
      expect(await knex.schema.hasTable('maturity_entity_owner')).toBe(false);
      expect(await knex('maturity_entity').pluck('entity_ref')).toEqual([
        'component:default/a',
      ]);
      await knex.destroy();
    });

    it('20261205110000_entity_uid records uids and generations; down drops them, keeping every snapshot', async () => {
      const knex = await databases.init(id);
      await migrateUpTo(knex, '20261205100000_entity_owners.js');
      const snapshot = (revision: number) => ({
        entity_ref: 'component:default/a',
        revision,
        model_id: 'cnmm',
        model_version: '4.0',
        created_at: new Date(),
        created_by: 'user:default/sam',
        payload: '{}',
      });
      await knex('maturity_assessment').insert(snapshot(1));
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261205110000_entity_uid.js',
      });
      // Snapshots from before uids were recorded have none.
      expect(await knex('maturity_assessment').pluck('entity_uid')).toEqual([
        null,
      ]);
      await knex('maturity_assessment').insert({
        ...snapshot(2),
        entity_uid: 'uid-2',
      });
      await knex('maturity_generation').insert({
        entity_ref: 'component:default/a',
        since_revision: 2,
        started_at: new Date(),
      });
      expect(
        await knex.schema.hasColumn('maturity_summary', 'entity_uid'),
      ).toBe(true);

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261205110000_entity_uid.js',
      });
      expect(await knex.schema.hasTable('maturity_generation')).toBe(false);
      expect(
        await knex.schema.hasColumn('maturity_assessment', 'entity_uid'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('maturity_summary', 'entity_uid'),
      ).toBe(false);
      expect(await knex('maturity_assessment').count({ n: '*' })).toEqual([
        { n: id === 'POSTGRES_15' ? '2' : 2 },
      ]);
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())(
  'summary history migration on %p',
  id => {
    it('20261206100000_summary_history back-fills a row per snapshot with its period, scores the latest from the summary, and has the rest scored at start-up; down drops it', async () => {
      const knex = await databases.init(id);
      await migrateUpTo(knex, '20261205210000_reminder_digests.js');
      const at = (day: number) => new Date(Date.UTC(2026, 0, day));
      const snapshot = (entity: string, revision: number, day: number) => ({
        entity_ref: `component:default/${entity}`,
        revision,
        model_id: 'cnmm',
        model_version: '4.0',
        created_at: at(day),
        created_by: 'user:default/sam',
        entity_uid: `uid-${entity}`,
        payload: '{}',
      });
      await knex('maturity_assessment').insert([
        snapshot('a', 1, 1),
        snapshot('a', 2, 5),
        // A replica's clock put revision 4 before 3: the periods still
        // never overlap.
        snapshot('a', 3, 9),
        snapshot('a', 4, 8),
        snapshot('b', 1, 3),
      ]);
      const levels = JSON.stringify([[2], [2], []]);
      await knex('maturity_summary').insert(
        [
          ['a', 4, 8],
          ['b', 1, 3],
        ].map(([entity, revision, day]) => ({
          entity_ref: `component:default/${entity}`,
          revision,
          assessed_at: at(Number(day)),
          stale_at: at(Number(day) + 180),
          percent_to_target: 50,
          target_sum: 4,
          gap_sum: 2,
          lowest_median: 2,
          levels,
          entity_uid: `uid-${entity}`,
        })),
      );
      await knex('maturity_meta').insert({
        key: 'summaries.fingerprint',
        value: 'before',
      });

      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261206100000_summary_history.js',
      });
      const rows = await knex('maturity_summary_history').orderBy([
        'entity_ref',
        'revision',
      ]);
      const ms = (v: unknown) =>
        v === null ? null : new Date(v as string | number | Date).getTime();
      // [ref, revision, from day, to day, scored]; uids and levels as given.
      expect(
        rows.map(r => [
          r.entity_ref.slice(-1),
          Number(r.revision),
          ms(r.valid_from),
          ms(r.valid_to),
          r.stale_at !== null,
        ]),
      ).toEqual([
        ['a', 1, at(1).getTime(), at(5).getTime(), false],
        ['a', 2, at(5).getTime(), at(8).getTime(), false],
        ['a', 3, at(9).getTime(), at(8).getTime(), false],
        ['a', 4, at(8).getTime(), null, true],
        ['b', 1, at(3).getTime(), null, true],
      ]);
      expect(rows.map(r => r.entity_uid)).toEqual([
        'uid-a',
        'uid-a',
        'uid-a',
        'uid-a',
        'uid-b',
      ]);
      expect(rows.map(r => r.levels)).toEqual([
        null,
        null,
        null,
        levels,
        levels,
      ]);
      expect(Number(rows[3].target_sum)).toBe(4);
      expect(ms(rows[3].stale_at)).toBe(at(188).getTime());
      // The fingerprint is forgotten: the next start scores every row.
      expect(await knex('maturity_meta').pluck('key')).toEqual([]);
      await expect(
        knex('maturity_summary_history')
          .insert({
            entity_ref: 'component:default/b',
            revision: 1,
            valid_from: at(3),
          })
          .then(),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
      });

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261206100000_summary_history.js',
      });
      expect(await knex.schema.hasTable('maturity_summary_history')).toBe(
        false,
      );
      expect(await knex('maturity_assessment').pluck('revision')).toHaveLength(
        5,
      );
      await knex.destroy();
    });
  },
);

describe.each(databases.eachSupportedId())('reviews migration on %p', id => {
  it('20261207100000_reviews keeps earlier snapshots unreviewed, keeps one decision per snapshot, and drops the review on down', async () => {
    const knex = await databases.init(id);
    await migrateUpTo(knex, '20261206100000_summary_history.js');
    const snapshot = (revision: number) => ({
      entity_ref: 'component:default/a',
      revision,
      model_id: 'cnmm',
      model_version: '4.0',
      created_at: new Date(Date.UTC(2026, 0, revision)),
      created_by: 'user:default/sam',
      payload: '{}',
    });
    await knex('maturity_assessment').insert(snapshot(1));

    await knex.migrate.up({
      directory: migrationsDir,
      name: '20261207100000_reviews.js',
    });
    // Written before review existed: not under review, so it counts.
    const [before] = await knex('maturity_assessment').select(
      'review_required',
    );
    expect(Boolean(before.review_required)).toBe(false);
    await knex('maturity_assessment').insert({
      ...snapshot(2),
      review_required: true,
    });
    const decision = {
      entity_ref: 'component:default/a',
      revision: 2,
      decision: 'approved',
      reviewer: 'user:default/alex',
      decided_at: new Date(),
    };
    await knex('maturity_review_decision').insert(decision);
    // A second decision on the same snapshot is refused by the key.
    await expect(
      knex('maturity_review_decision')
        .insert({ ...decision, decision: 'returned' })
        .then(),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_PRIMARYKEY)$/),
    });
    await knex('maturity_review_queue').insert({
      entity_ref: 'component:default/a',
      revision: 2,
      created_at: new Date(),
      created_by: 'user:default/sam',
    });

    await knex.migrate.down({
      directory: migrationsDir,
      name: '20261207100000_reviews.js',
    });
    expect(await knex.schema.hasTable('maturity_review_decision')).toBe(false);
    expect(await knex.schema.hasTable('maturity_review_queue')).toBe(false);
    expect(
      await knex.schema.hasColumn('maturity_assessment', 'review_required'),
    ).toBe(false);
    expect(await knex('maturity_assessment').pluck('revision')).toHaveLength(2);
    // The unique (entity_ref, revision) index survives the column's drop.
    await expect(
      knex('maturity_assessment').insert(snapshot(2)).then(),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
    });
    await knex.destroy();
  });
});

describe.each(databases.eachSupportedId())(
  'attestation migration on %p',
  id => {
    it('20261207200000_attestation adds valid_until to summaries, null for existing rows; down drops it', async () => {
      const knex = await databases.init(id);
      await migrateUpTo(knex, '20261206100000_summary_history.js');
      const summary = {
        entity_ref: 'component:default/a',
        revision: 1,
        assessed_at: new Date('2026-01-01T00:00:00Z'),
        stale_at: new Date('2026-07-01T00:00:00Z'),
        percent_to_target: null,
        target_sum: 0,
        gap_sum: 0,
        lowest_median: 2,
        levels: '[[],[]]',
      };
      await knex('maturity_summary').insert(summary);
      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261207200000_attestation.js',
      });
      expect(await knex('maturity_summary').pluck('valid_until')).toEqual([
        null,
      ]);
      const until = new Date('2026-04-01T00:00:00Z');
      await knex('maturity_summary')
        .insert({
          ...summary,
          entity_ref: 'component:default/b',
          valid_until: until,
        })
        .then();
      const due = await knex('maturity_summary')
        .where('valid_until', '<=', new Date('2026-05-01T00:00:00Z'))
        .pluck('entity_ref');
      expect(due).toEqual(['component:default/b']);

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261207200000_attestation.js',
      });
      expect(
        await knex.schema.hasColumn('maturity_summary', 'valid_until'),
      ).toBe(false);
      expect(await knex('maturity_summary').pluck('entity_ref')).toHaveLength(
        2,
      );
      await knex.destroy();
    });
  },
);
