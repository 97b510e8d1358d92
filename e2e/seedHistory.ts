import { ConfigReader } from '@backstage/config';
import {
  defaultMaturityModel,
  Rating,
  TopicMap,
  TopicRatings,
} from '@cnmm/backstage-plugin-maturity-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { parse as parseYaml } from 'yaml';
import { readMaturityConfig } from '../plugins/maturity-backend/src/config';
import { DatabaseAssessmentStore } from '../plugins/maturity-backend/src/database/DatabaseAssessmentStore';
import { Summaries } from '../plugins/maturity-backend/src/services/Summaries';

/*
 * Snapshots written in the past, for the journeys of scorecards "as of" a
 * day. The backend stamps a snapshot with its clock and offers no way to
 * write one dated otherwise, so they are written here by the backend's own
 * store and scoring (the summary and its history row in the snapshot's
 * transaction, as a save through the API does), into the database of the
 * running portal, with the clock of this process set to the day of each:
 * as the backend's own tests set it.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A catalog entity as a snapshot records it. */
export interface SeedEntity {
  ref: string;
  uid: string;
  ownerRef: string;
  systemRef: string | null;
  lifecycle: string | null;
}

/** A snapshot to write: how many days ago, and its level per dimension. */
export interface SeedSnapshot {
  entity: SeedEntity;
  daysAgo: number;
  /** Dimension id → the level every topic of the dimension is rated at. */
  levels: Record<string, number>;
}

/** The portal's maturity database, as the e2e configs name it. */
function connect(): Knex {
  if (process.env.E2E_DB === 'postgres') {
    const url = new URL(process.env.E2E_POSTGRES_URL!);
    url.pathname = `/${process.env.E2E_DB_PREFIX}maturity`;
    return knexFactory({ client: 'pg', connection: url.toString() });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: {
      filename: join(process.env.E2E_DATA_DIR!, 'maturity.sqlite'),
    },
    useNullAsDefault: true,
  });
}

/** The scoring settings of the portal: those of its app-config.yaml. */
function portalSummaries(): Summaries {
  const file = join(__dirname, '..', 'app-config.yaml');
  const config = new ConfigReader(parseYaml(readFileSync(file, 'utf8')));
  return new Summaries(
    defaultMaturityModel,
    readMaturityConfig(config).scoring,
  );
}

/**
 * Every topic of each dimension rated fully up to its level, not yet above,
 * at the levels the topic has (as the API would accept, so that the form
 * can start from it).
 */
function ratingsAt(levels: Record<string, number>): TopicMap<TopicRatings> {
  const rated = (level: number, dimension: string): Rating =>
    level <= (levels[dimension] ?? 0) ? 'fully' : 'not-yet';
  return Object.fromEntries(
    defaultMaturityModel.dimensions.flatMap(dimension =>
      dimension.topics.map(topic => [
        topic.id,
        Object.fromEntries(
          topic.levels.map(({ level }) => [
            String(level),
            rated(level, dimension.id),
          ]),
        ),
      ]),
    ),
  );
}

/**
 * Runs `write` with the clock (`Date`) of this process set to `time`, so
 * that the store stamps what it writes then; other uses of `Date` with
 * arguments are untouched.
 */
async function at<T>(time: number, write: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  class Then extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length) super(...(args as [string]));
      else super(time);
    }

    static now() {
      return time;
    }
  }
  globalThis.Date = Then as DateConstructor;
  try {
    return await write();
  } finally {
    globalThis.Date = RealDate;
  }
}

/**
 * Writes the snapshots, oldest first, each on top of the entity's previous
 * one, by user:default/carol (of the storefront team).
 */
export async function seedHistory(snapshots: SeedSnapshot[], now: number) {
  const knex = connect();
  try {
    const store = await DatabaseAssessmentStore.create({
      database: {
        getClient: async () => knex,
        migrations: { skip: true },
      },
    });
    const summaries = portalSummaries();
    const revisions = new Map<string, number>();
    const oldestFirst = [...snapshots].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const { entity, daysAgo, levels } of oldestFirst) {
      const baseRevision = revisions.get(entity.ref) ?? 0;
      const record = await at(now - daysAgo * DAY_MS, () =>
        store.insert(
          {
            entityRef: entity.ref,
            baseRevision,
            modelId: defaultMaturityModel.id,
            modelVersion: defaultMaturityModel.version,
            createdBy: 'user:default/carol',
            entityUid: entity.uid,
            ownerRef: entity.ownerRef,
            systemRef: entity.systemRef,
            lifecycle: entity.lifecycle,
            ratings: ratingsAt(levels),
            targets: {},
            notes: {},
            evidence: {},
            comment: `Seeded ${daysAgo} days ago`,
          },
          stored => summaries.summaryOf(stored, entity.lifecycle),
        ),
      );
      revisions.set(entity.ref, record.revision);
    }
  } finally {
    await knex.destroy();
  }
}
