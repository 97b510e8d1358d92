/* eslint-disable no-console */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  defaultMaturityModel,
  RATINGS,
} from '@cnmm/backstage-plugin-maturity-common';
import createKnex, { Knex } from 'knex';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrganisation, SIZE } from './organisation';

// Usage: yarn bench [postgresql://user:pass@host:port]
const pgUrl = process.argv[2] ?? process.env.MATURITY_BENCH_POSTGRES;
const db = pgUrl ? 'postgres' : 'sqlite';
const PORT = Number(process.env.MATURITY_BENCH_PORT ?? 7099);
const RUNS = 30;
const WARMUP = 5;
const PREFIX = `maturity_bench_${Date.now()}_`;

const topicIds = defaultMaturityModel.dimensions.flatMap(d =>
  d.topics.map(t => ({ id: t.id, maxLevel: t.maxLevel })),
);

/** Deterministic pseudo-random ratings: every topic, every level rated. */
function ratingsFor(n: number) {
  let x = n * 2654435761;
  const next = () => {
    x = (x ^ (x >>> 13)) * 1274126177;
    return ((x >>> 0) % 1000) / 1000;
  };
  return Object.fromEntries(
    topicIds.map(({ id, maxLevel }) => [
      id,
      Object.fromEntries(
        Array.from({ length: maxLevel }, (_, i) => [
          String(i + 1),
          // Lower levels are met more often than higher ones, as in real teams.
          RATINGS[Math.floor(next() * (i < 2 ? 4 : 3))],
        ]),
      ),
    ]),
  );
}

/** Resident memory of a process in KiB, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function waitForReady(baseUrl: string) {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error('The benchmark backend did not start within 2 minutes');
}

function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function seed(knex: Knex, refs: string[]) {
  const created = Date.now() - 10 * 24 * 3600 * 1000;
  const rows = [];
  for (let i = 0; i < refs.length; i++) {
    for (let revision = 1; revision <= SIZE.snapshotsPerComponent; revision++) {
      rows.push({
        entity_ref: refs[i],
        revision,
        model_id: 'cnmm',
        model_version: '4.0',
        created_at: new Date(created + revision * 3600 * 1000),
        created_by: 'user:default/bench',
        owner_ref: null,
        system_ref: null,
        lifecycle: 'production',
        payload: JSON.stringify({
          ratings: ratingsFor(i * 10 + revision),
          targets: {},
          notes: {},
          evidence: {},
          comment: `snapshot ${revision}`,
        }),
      });
    }
  }
  await knex.batchInsert('maturity_assessment', rows, 500);
}

/** The bare SQL the plugin needs for the latest snapshots of some entities. */
function latestSql(knex: Knex, refs: string[]) {
  return knex({ a: 'maturity_assessment' })
    .select('a.*')
    .whereIn('a.entity_ref', refs)
    .where(
      'a.revision',
      knex('maturity_assessment as b')
        .max('b.revision')
        .where('b.entity_ref', knex.ref('a.entity_ref')),
    );
}

async function latestFloor(knex: Knex, refs: string[]) {
  for (let i = 0; i < refs.length; i += 1000) {
    await latestSql(knex, refs.slice(i, i + 1000));
  }
}

async function main() {
  const org = buildOrganisation();
  const refs = org.components.map(c => `component:default/${c.metadata.name}`);
  const sqliteDir = mkdtempSync(join(tmpdir(), 'maturity-bench-'));
  const databaseConfig = pgUrl
    ? { client: 'pg', connection: pgUrl, prefix: PREFIX }
    : { client: 'better-sqlite3', connection: { directory: sqliteDir } };

  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(__dirname, 'backend.ts'),
    ],
    {
      env: {
        ...process.env,
        MATURITY_BENCH_PORT: String(PORT),
        MATURITY_BENCH_DATABASE: JSON.stringify(databaseConfig),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitForReady(`http://127.0.0.1:${PORT}`);

  const knex = createKnex(
    pgUrl
      ? {
          client: 'pg',
          connection: withDatabase(pgUrl, `${PREFIX}maturity`),
        }
      : {
          client: 'better-sqlite3',
          connection: { filename: join(sqliteDir, 'maturity.sqlite') },
          useNullAsDefault: true,
        },
  );
  const seedStart = Date.now();
  await seed(knex, refs);
  console.log(
    `Seeded ${refs.length} components × ${
      SIZE.snapshotsPerComponent
    } snapshots on ${db} in ${Date.now() - seedStart} ms`,
  );

  // The baseline is the started backend with the data seeded; the growth is
  // what serving the measured requests costs it.
  const rssBefore = rssOf(child.pid!);
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(child.pid!));
  }, 20);

  const base = `http://127.0.0.1:${PORT}/api/maturity`;
  const headers = {
    Authorization: mockCredentials.user.header('user:default/bench'),
    'Content-Type': 'application/json',
  };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.text();
  };

  let postTarget = 0;
  const revisions = new Map<number, number>();
  const post = async () => {
    // Each post goes to another component, on its current revision.
    const i = postTarget++ % refs.length;
    const base_ = revisions.get(i) ?? SIZE.snapshotsPerComponent;
    const res = await fetch(
      `${base}/entities/component/default/component-${i}/assessments`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ baseRevision: base_, ratings: ratingsFor(i) }),
      },
    );
    if (res.status !== 201)
      throw new Error(`post: ${res.status} ${await res.text()}`);
    revisions.set(i, base_ + 1);
  };
  let floorPostTarget = 0;
  const floorPost = async () => {
    const ref = `component:default/floor-${floorPostTarget++}`;
    await knex.transaction(async tx => {
      const current = await tx('maturity_assessment')
        .where({ entity_ref: ref })
        .max({ revision: 'revision' })
        .first();
      await tx('maturity_assessment').insert({
        entity_ref: ref,
        revision: Number(current?.revision ?? 0) + 1,
        model_id: 'cnmm',
        model_version: '4.0',
        created_at: new Date(),
        created_by: 'user:default/bench',
        payload: JSON.stringify({ ratings: ratingsFor(1) }),
      });
    });
  };

  const systemRefs = refs.filter((_, i) => i % SIZE.systems === 7);
  const deptTeams = new Set(
    org.teams
      .filter((_, i) => (i % 34) % 5 === 0)
      .map(t => `group:default/${t}`),
  );
  const deptRefs = org.components
    .filter(c => deptTeams.has(c.relations![0].targetRef))
    .map(c => `component:default/${c.metadata.name}`);

  const cases: Array<
    [string, () => Promise<unknown>, () => Promise<unknown>, string]
  > = [
    [
      'entity-get',
      () => get('/entities/component/default/component-4242'),
      () => latestSql(knex, [refs[4242]]),
      '1 entity',
    ],
    ['entity-post', post, floorPost, 'new snapshot'],
    [
      'system-scorecard',
      () => get('/scorecards/systems/default/system-7'),
      () => latestFloor(knex, systemRefs),
      `${systemRefs.length} components`,
    ],
    [
      'group-scorecard',
      () => get('/scorecards/groups/default/dept-0'),
      () => latestFloor(knex, deptRefs),
      `${deptRefs.length} components`,
    ],
    [
      'overview-page',
      () => get('/overview?sortBy=percentToTarget&order=desc&limit=50'),
      () => latestFloor(knex, refs),
      'first 50 of 10,000',
    ],
    [
      'export-csv',
      () => get('/export?format=csv'),
      () => latestFloor(knex, refs),
      '10,000 rows',
    ],
  ];

  const results: Record<
    string,
    { p50Ms: number; p95Ms: number; floorMs: number }
  > = {};
  console.log(
    `\n${'case'.padEnd(18)}${'scope'.padEnd(22)}${'p50 ms'.padStart(
      9,
    )}${'p95 ms'.padStart(9)}${'floor ms'.padStart(10)}${'× floor'.padStart(
      9,
    )}`,
  );
  const only = process.env.MATURITY_BENCH_ONLY?.split(',');
  for (const [name, fn, floor, scope] of cases) {
    if (only && !only.includes(name)) continue;
    const measured = await time(fn);
    const bare = await time(floor);
    const round = (n: number) => Math.round(n * 100) / 100;
    results[name] = {
      p50Ms: round(measured.p50),
      p95Ms: round(measured.p95),
      floorMs: round(bare.p50),
    };
    console.log(
      `${name.padEnd(18)}${scope.padEnd(22)}${measured.p50
        .toFixed(1)
        .padStart(9)}${measured.p95.toFixed(1).padStart(9)}${bare.p50
        .toFixed(1)
        .padStart(10)}${(measured.p50 / bare.p50).toFixed(1).padStart(9)}`,
    );
  }
  clearInterval(sampler);
  const peakRssMb = Math.round((peakRss - rssBefore) / 1024);
  console.log(
    `\nPeak RSS growth of the backend process while serving: ${peakRssMb} MB`,
  );

  await knex.destroy();
  child.kill('SIGTERM');
  if (pgUrl) {
    const admin = createKnex({ client: 'pg', connection: pgUrl });
    await admin.raw(`DROP DATABASE IF EXISTS "${PREFIX}maturity" WITH (FORCE)`);
    await admin.destroy();
  }
  console.log(
    JSON.stringify({ db, components: SIZE.components, results, peakRssMb }),
  );
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
