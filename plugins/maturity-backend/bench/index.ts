/* eslint-disable no-console */
import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  defaultMaturityModel,
  RATINGS,
} from '@cnmm/backstage-plugin-maturity-common';
import createKnex, { Knex } from 'knex';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { MaturityIndex } from '../src/database/MaturityIndex';
import { CatalogIndexer } from '../src/jobs/CatalogIndexer';
import { Summaries } from '../src/services/Summaries';
import { connectMcp } from './mcp';
import { buildOrganisation, Size, SIZES, withRelations } from './organisation';

// Usage: yarn bench [--size 10000|100000] [--keep] [postgresql://user:pass@host:port]
const args = process.argv.slice(2);
/** Keeps the plugin's PostgreSQL database afterwards, to look into its plans. */
const keep = args.includes('--keep');
const sizeArg = args.indexOf('--size');
const sizes: Size[] =
  sizeArg >= 0
    ? [SIZES[Number(args[sizeArg + 1]) as keyof typeof SIZES]]
    : [SIZES[10_000], SIZES[100_000]];
if (sizes.some(s => !s)) {
  throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
}
const pgUrl =
  args.find(a => a.startsWith('postgres')) ??
  process.env.MATURITY_BENCH_POSTGRES;
const db = pgUrl ? 'postgres' : 'sqlite';
const PORT = Number(process.env.MATURITY_BENCH_PORT ?? 7099);
const USER = 'user:default/bench';
/** Components that writes go to, round-robin; always in the real catalog. */
const POSTED = 500;
const SCORING = {
  strict: false,
  staleAfterDays: 180,
  targets: { byLifecycle: { production: 3 }, default: 2 },
};

const topicIds = defaultMaturityModel.dimensions.flatMap(d =>
  d.topics.map(t => ({ id: t.id, maxLevel: t.maxLevel })),
);

/** Deterministic pseudo-random ratings: every topic, every level rated. */
function ratingsFor(n: number) {
  let x = (n + 1) * 2654435761;
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

/**
 * A cached catalog is a copy of one that had just ingested everything, so
 * by the next run every entity is due for processing again: re-processing
 * 10,000 of them took the two cores for minutes, during the measurement, and
 * tripled the catalog's own answers. A portal at rest has processed its
 * entities recently; the copy is made to look so.
 */
async function deferCatalogProcessing(config: Knex.Config) {
  const catalogDb = createKnex(config);
  await catalogDb('refresh_state').update({
    next_update_at: catalogDb.raw(
      config.client === 'pg'
        ? "now() + interval '1 day'"
        : "datetime('now', '+1 day')",
    ),
  });
  await catalogDb.destroy();
}

/** Resident memory of a process in KiB, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/**
 * p50 and p95 of `runs` calls of each function after a warm-up; heavy cases
 * run fewer. Several functions are called in turn, one call each, so that
 * an answer and the one it is compared with meet the same load of a shared
 * machine.
 */
async function time(fns: Array<() => Promise<unknown>>, runs: number) {
  for (let i = 0; i < Math.max(2, runs / 6); i++) {
    for (const fn of fns) await fn();
  }
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const start = process.hrtime.bigint();
      await fn();
      samples[j].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples.map(s => {
    s.sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95) };
  });
}

function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Snapshots and their summaries, written as the plugin writes them. */
async function seed(knex: Knex, refs: string[], size: Size) {
  const store = await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  const summaries = new Summaries(defaultMaturityModel, SCORING);
  const lifecycles = ['production', 'production', 'experimental', 'deprecated'];
  const created = Date.now() - 10 * 24 * 3600 * 1000;
  for (let start = 0; start < refs.length; start += 1000) {
    const rows = [];
    const latest = [];
    for (let i = start; i < Math.min(refs.length, start + 1000); i++) {
      for (
        let revision = 1;
        revision <= size.snapshotsPerComponent;
        revision++
      ) {
        const row = {
          entity_ref: refs[i],
          revision,
          model_id: 'cnmm',
          model_version: '4.0',
          created_at: new Date(created + revision * 3600 * 1000),
          created_by: USER,
          owner_ref: null,
          system_ref: null,
          lifecycle: lifecycles[i % lifecycles.length],
          payload: JSON.stringify({
            ratings: ratingsFor(i * 10 + revision),
            targets: {},
            notes: {},
            evidence: {},
            comment: `snapshot ${revision}`,
          }),
        };
        rows.push(row);
        if (revision === size.snapshotsPerComponent) {
          latest.push(
            summaries.summaryOf(
              {
                entityRef: row.entity_ref,
                revision,
                modelId: 'cnmm',
                modelVersion: '4.0',
                createdAt: row.created_at.toISOString(),
                createdBy: USER,
                entityUid: null,
                ownerRef: null,
                systemRef: null,
                lifecycle: row.lifecycle,
                ratings: ratingsFor(i * 10 + revision),
                targets: {},
                notes: {},
                evidence: {},
                comment: null,
              },
              row.lifecycle,
            ),
          );
        }
      }
    }
    await knex.batchInsert('maturity_assessment', rows, 250);
    await store.replaceSummaries(latest);
  }
}

async function waitFor<T>(what: string, poll: () => Promise<T | undefined>) {
  const deadline = Date.now() + 30 * 60 * 1000;
  while (Date.now() < deadline) {
    try {
      const value = await poll();
      if (value !== undefined) return value;
    } catch {
      // not there yet
    }
    await sleep(1000);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function runSize(size: Size) {
  const portTaken = await fetch(`http://127.0.0.1:${PORT}/`).then(
    () => true,
    () => false,
  );
  if (portTaken) {
    throw new Error(
      `Port ${PORT} is in use; stop what listens there or set MATURITY_BENCH_PORT`,
    );
  }
  const org = buildOrganisation(size);
  // At 100,000 the real catalog holds the groups, the systems and the
  // components that single-entity requests name; the maturity index is
  // synced from the generated organisation (see docs/benchmarks.md).
  const fullCatalog = size.components <= 10_000;
  const benchUser: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'bench', namespace: 'default' },
    spec: { memberOf: ['org'] },
  };
  const inCatalog = [
    benchUser,
    ...org.groups,
    ...org.systems,
    ...(fullCatalog ? org.components : org.components.slice(0, POSTED)),
  ];
  const work = mkdtempSync(join(tmpdir(), 'maturity-bench-'));
  // The catalog's own database after ingesting the generated file is kept
  // between runs (ingestion takes minutes): a SQLite file, or a PostgreSQL
  // template database. The file keeps one path, so that the cached catalog
  // still knows its location.
  const cache = join(homedir(), '.cache', 'cnmm-bench');
  mkdirSync(cache, { recursive: true });
  const catalogFile = join(cache, `catalog-${size.components}.yaml`);
  const catalogYaml = inCatalog.map(e => stringify(e)).join('---\n');
  writeFileSync(catalogFile, catalogYaml);
  const cachedCatalog = `catalog-${size.components}-${createHash('sha256')
    .update(catalogYaml)
    .digest('hex')
    .slice(0, 12)}`;
  const prefix = `maturity_bench_${Date.now()}_`;
  const databaseConfig = pgUrl
    ? { client: 'pg', connection: pgUrl, prefix }
    : { client: 'better-sqlite3', connection: { directory: work } };
  let catalogWasCached = false;
  if (pgUrl) {
    const admin = createKnex({ client: 'pg', connection: pgUrl });
    const { rows } = await admin.raw(
      'SELECT 1 FROM pg_database WHERE datname = ?',
      [`cnmm_bench_${cachedCatalog.replace(/-/g, '_')}`],
    );
    if (rows.length) {
      await admin.raw(
        `CREATE DATABASE "${prefix}catalog" TEMPLATE "cnmm_bench_${cachedCatalog.replace(
          /-/g,
          '_',
        )}"`,
      );
      catalogWasCached = true;
    }
    await admin.destroy();
    if (catalogWasCached) {
      await deferCatalogProcessing({
        client: 'pg',
        connection: withDatabase(pgUrl, `${prefix}catalog`),
      });
    }
  } else if (existsSync(join(cache, `${cachedCatalog}.sqlite`))) {
    copyFileSync(
      join(cache, `${cachedCatalog}.sqlite`),
      join(work, 'catalog.sqlite'),
    );
    catalogWasCached = true;
    await deferCatalogProcessing({
      client: 'better-sqlite3',
      connection: { filename: join(work, 'catalog.sqlite') },
      useNullAsDefault: true,
    });
  }

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
        MATURITY_BENCH_CATALOG: catalogFile,
        LOG_LEVEL: 'warn',
      },
      // The IPC channel asks for CPU profiles (MATURITY_BENCH_PROFILE).
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  // A child left behind would keep the port and answer the next run.
  process.once('exit', () => child.kill('SIGKILL'));
  let finished = false;
  child.once('exit', code => {
    if (!finished) {
      console.error(`The benchmark backend exited early (${code})`);
      process.exit(1);
    }
  });
  const host = `http://127.0.0.1:${PORT}`;
  const headers = {
    Authorization: '',
    'Content-Type': 'application/json',
  };
  const get = async (path: string) => {
    const res = await fetch(`${host}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.text();
  };
  const postJson = async (path: string, body: unknown) => {
    const res = await fetch(`${host}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.text();
  };

  const ingestStart = Date.now();
  await waitFor(
    'the backend',
    async () =>
      (await fetch(`${host}/.backstage/health/v1/readiness`)).ok || undefined,
  );
  // Signs in as the guest, resolved to user:default/bench from the catalog.
  const token = await waitFor('the guest sign-in', async () => {
    const res = await fetch(`${host}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    return res.ok
      ? ((await res.json()).backstageIdentity.token as string)
      : undefined;
  });
  headers.Authorization = `Bearer ${token}`;
  await waitFor('the catalog to ingest the generated file', async () => {
    const page = JSON.parse(
      await get('/api/catalog/entities/by-query?filter=kind=component&limit=1'),
    );
    const components =
      inCatalog.length - 1 - org.groups.length - org.systems.length;
    return page.totalItems >= components ? true : undefined;
  });
  console.log(
    `\n${size.components} components, ${db}: the catalog ${
      catalogWasCached ? 'started from its cached database with' : 'ingested'
    } ${inCatalog.length} entities in ${Math.round(
      (Date.now() - ingestStart) / 1000,
    )} s`,
  );

  if (!catalogWasCached && !pgUrl) {
    const catalogDb = createKnex({
      client: 'better-sqlite3',
      connection: { filename: join(work, 'catalog.sqlite') },
      useNullAsDefault: true,
    });
    await catalogDb.raw('VACUUM INTO ?', [
      join(cache, `${cachedCatalog}.sqlite`),
    ]);
    await catalogDb.destroy();
  }
  const knex = createKnex(
    pgUrl
      ? { client: 'pg', connection: withDatabase(pgUrl, `${prefix}maturity`) }
      : {
          client: 'better-sqlite3',
          connection: { filename: join(work, 'maturity.sqlite') },
          useNullAsDefault: true,
        },
  );
  const refs = org.components.map(c => stringifyEntityRef(c));
  const seedStart = Date.now();
  await seed(knex, refs, size);
  console.log(
    `Seeded ${refs.length} components × ${
      size.snapshotsPerComponent
    } snapshots with summaries in ${Math.round(
      (Date.now() - seedStart) / 1000,
    )} s`,
  );

  // The index sync: from the real catalog over HTTP when it holds
  // everything, else from the generated organisation with the same code.
  const syncStart = Date.now();
  if (fullCatalog) {
    await get('/api/maturity/overview?limit=1');
  } else {
    const source = new InMemoryCatalogClient({
      entities: [...org.groups, ...org.systems, ...org.components].map(e =>
        withRelations({ ...e, metadata: { ...e.metadata, etag: 'e1' } }),
      ),
    });
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    await new CatalogIndexer({
      index: new MaturityIndex(knex),
      store,
      catalog: source as any,
      auth: mockServices.auth(),
      logger: mockServices.rootLogger({ level: 'info' }),
    }).sync();
  }
  const syncMs = Date.now() - syncStart;
  console.log(`Index sync: ${Math.round(syncMs / 100) / 10} s`);

  const rssBefore = rssOf(child.pid!);
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(child.pid!));
  }, 20);

  let postTarget = 0;
  const revisions = new Map<number, number>();
  const post = async () => {
    // Each post goes to another component, on its current revision.
    const i = postTarget++ % POSTED;
    const base = revisions.get(i) ?? size.snapshotsPerComponent;
    const res = await fetch(
      `${host}/api/maturity/entities/component/default/component-${i}/assessments`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ baseRevision: base, ratings: ratingsFor(i) }),
      },
    );
    if (res.status !== 201) {
      throw new Error(`post: ${res.status} ${await res.text()}`);
    }
    revisions.set(i, base + 1);
  };

  const lastCursor = await (async () => {
    // The cursor of the last page of 50 in the same sort as the first.
    let cursor: string | null = null;
    const page = JSON.parse(
      await get(`/api/maturity/overview?sortBy=name&limit=1`),
    );
    const pages = Math.ceil(page.totalCount / 50) - 1;
    const rows = await knex('maturity_entity')
      .where({ kind: 'component' })
      .orderBy('entity_ref')
      .offset(pages * 50 - 1)
      .limit(1);
    cursor = Buffer.from(
      JSON.stringify({ r: rows[0].entity_ref, v: rows[0].entity_ref }),
    ).toString('base64url');
    return cursor;
  })();

  const summariesOf = (query: Knex.QueryBuilder) =>
    query
      .select('e.entity_ref', 's.levels', 's.percent_to_target')
      .leftJoin({ s: 'maturity_summary' }, 's.entity_ref', 'e.entity_ref');
  const dept = 'group:default/dept-0';
  /**
   * What a scorecard view waits for: its roll-up and the first page of its
   * components, asked together as the Maturity tab asks them.
   */
  const scorecardView = (scorecard: string, filter: string) => () =>
    Promise.all([
      get(`/api/maturity/scorecards/${scorecard}?entities=none`),
      get(`/api/maturity/overview?${filter}&sortBy=name&limit=25`),
    ]);
  const runs = size.components > 10_000 ? 10 : 30;
  const heavyRuns = size.components > 10_000 ? 5 : 15;
  // The assistant's path: MCP client → MCP backend → actions registry → action.
  const mcp = await connectMcp(host, token);
  const cases: Array<{
    name: string;
    fn: () => Promise<unknown>;
    /** The bare SQL of the answer; none for an answer without a query. */
    floor?: () => Promise<unknown>;
    catalog?: () => Promise<unknown>;
    /** The matching HTTP route, timed in turn with the case. */
    http?: () => Promise<unknown>;
    /** The hops an MCP call is made of, timed in turn with the case. */
    hops?: Record<string, () => Promise<unknown>>;
    runs: number;
  }> = [
    {
      name: 'entity-get',
      fn: () => get('/api/maturity/entities/component/default/component-42'),
      floor: () =>
        knex('maturity_assessment')
          .where({ entity_ref: 'component:default/component-42' })
          .orderBy('revision', 'desc')
          .first(),
      catalog: () =>
        get('/api/catalog/entities/by-name/component/default/component-42'),
      runs,
    },
    {
      name: 'entity-post',
      fn: post,
      floor: () =>
        knex.transaction(async tx => {
          await tx('maturity_meta')
            .insert({ key: 'bench', value: String(Date.now()) })
            .onConflict('key')
            .merge();
        }),
      runs,
    },
    {
      name: 'system-scorecard',
      fn: scorecardView('systems/default/system-7', 'system=system-7'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' })).where({
          'e.kind': 'component',
          'e.system_ref': 'system:default/system-7',
        }),
      catalog: () =>
        get(
          '/api/catalog/entities/by-query?filter=kind=component,relations.partOf=system:default/system-7&limit=1000',
        ),
      runs,
    },
    {
      name: 'group-scorecard',
      fn: scorecardView('groups/default/dept-0', 'group=dept-0'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' }))
          .where('e.kind', 'component')
          .whereRaw(
            `e.owner_ref IN (WITH RECURSIVE t(ref) AS (SELECT CAST(? AS VARCHAR(512)) UNION SELECT g.entity_ref FROM t CROSS JOIN maturity_entity g WHERE g.parent_ref = t.ref) SELECT ref FROM t)`,
            [dept],
          ),
      runs: heavyRuns,
    },
    {
      name: 'group-scorecard-root',
      fn: scorecardView('groups/default/org', 'group=org'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' })).where(
          'e.kind',
          'component',
        ),
      runs: heavyRuns,
    },
    {
      // The API's full answer, every entity of the organisation streamed.
      name: 'group-scorecard-root-all',
      fn: () => get('/api/maturity/scorecards/groups/default/org'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' })).where(
          'e.kind',
          'component',
        ),
      runs: heavyRuns,
    },
    {
      // The floor of every action: one that reads no database, so its time
      // is the MCP backend's and the actions registry's.
      name: 'action-describe-topic',
      fn: () => mcp.call('describe-topic', { topic: 'process.security' }),
      http: () => get('/api/maturity/model'),
      hops: {
        // What the MCP backend asks of the plugin for every tools/call: the
        // list of its actions with their JSON schemas, then the call itself.
        list: () => get('/api/maturity/.backstage/actions/v1/actions'),
        invoke: () =>
          postJson(
            '/api/maturity/.backstage/actions/v1/actions/maturity:describe-topic/invoke',
            { topic: 'process.security' },
          ),
      },
      runs,
    },
    {
      name: 'action-get-entity-maturity',
      fn: () =>
        mcp.call('get-entity-maturity', {
          entityRef: 'component:default/component-42',
        }),
      floor: () =>
        knex('maturity_assessment')
          .where({ entity_ref: 'component:default/component-42' })
          .orderBy('revision', 'desc')
          .first(),
      http: () => get('/api/maturity/entities/component/default/component-42'),
      runs,
    },
    {
      name: 'action-get-scorecard',
      fn: () => mcp.call('get-scorecard', { entityRef: dept }),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' })).where(
          'e.kind',
          'component',
        ),
      http: () =>
        get('/api/maturity/scorecards/groups/default/dept-0?entities=none'),
      runs: heavyRuns,
    },
    {
      name: 'overview-page',
      fn: () => get('/api/maturity/overview?sortBy=name&limit=50'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' }))
          .where('e.kind', 'component')
          .orderBy('e.entity_ref')
          .limit(50),
      catalog: () =>
        get('/api/catalog/entities/by-query?filter=kind=component&limit=50'),
      runs,
    },
    {
      name: 'overview-page-last',
      fn: () =>
        get(`/api/maturity/overview?sortBy=name&limit=50&cursor=${lastCursor}`),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' }))
          .where('e.kind', 'component')
          .orderBy('e.entity_ref')
          .offset(size.components - 50)
          .limit(50),
      runs,
    },
    {
      name: 'export-csv',
      fn: () => get('/api/maturity/export?format=csv'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' })).where(
          'e.kind',
          'component',
        ),
      catalog: fullCatalog
        ? () =>
            get(
              `/api/catalog/entities/by-query?filter=kind=component&limit=${size.components}`,
            )
        : undefined,
      runs: heavyRuns,
    },
  ];

  const round = (n: number) => Math.round(n * 100) / 100;
  const results: Record<
    string,
    {
      p50Ms: number;
      p95Ms: number;
      floorMs: number | null;
      catalogMs: number | null;
      httpMs?: number;
      hopsMs?: Record<string, number>;
    }
  > = {};
  const ms = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));
  console.log(
    `${'case'.padEnd(28)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(
      9,
    )}${'floor ms'.padStart(10)}${'catalog ms'.padStart(12)}`,
  );
  const only = process.env.MATURITY_BENCH_ONLY?.split(',');
  const profiling = process.env.MATURITY_BENCH_PROFILE !== undefined;
  /** Starts (a name) or writes (null) the backend's CPU profile of a case. */
  const profile = (name: string | null) =>
    new Promise(resolve => {
      child.once('message', resolve);
      child.send({ profile: name });
    });
  for (const c of cases) {
    if (only && !only.includes(c.name)) continue;
    if (profiling) await profile(c.name);
    // An action is timed in turn with its HTTP route and hops: the ratios
    // are of calls made under the same load.
    const hops = Object.entries(c.hops ?? {});
    const timed = await time(
      [c.fn, ...(c.http ? [c.http] : []), ...hops.map(([, fn]) => fn)],
      c.runs,
    );
    const measured = timed[0];
    const http = c.http ? timed[1] : undefined;
    const hopTimes = timed.slice(c.http ? 2 : 1);
    if (profiling) await profile(null);
    const [floor] = c.floor ? await time([c.floor], c.runs) : [];
    const [catalog] = c.catalog ? await time([c.catalog], c.runs) : [];
    results[c.name] = {
      p50Ms: round(measured.p50),
      p95Ms: round(measured.p95),
      floorMs: floor ? round(floor.p50) : null,
      catalogMs: catalog ? round(catalog.p50) : null,
      ...(http && { httpMs: round(http.p50) }),
      ...(hops.length > 0 && {
        hopsMs: Object.fromEntries(
          hops.map(([name], i) => [name, round(hopTimes[i].p50)]),
        ),
      }),
    };
    const actionFloor = results['action-describe-topic'];
    console.log(
      `${c.name.padEnd(28)}${ms(measured.p50).padStart(9)}${ms(
        measured.p95,
      ).padStart(9)}${ms(floor?.p50).padStart(10)}${ms(catalog?.p50).padStart(
        12,
      )}${
        http
          ? `  beside HTTP ${ms(http.p50)} ms (×${(
              measured.p50 / http.p50
            ).toFixed(2)})`
          : ''
      }${
        http && actionFloor && c.name !== 'action-describe-topic'
          ? `, the actions' floor ${ms(actionFloor.p50Ms)} ms`
          : ''
      }${hops
        .map(([name], i) => `, ${name} hop ${ms(hopTimes[i].p50)} ms`)
        .join('')}`,
    );
  }
  await mcp.close();
  clearInterval(sampler);
  const peakRssMb = Math.round((peakRss - rssBefore) / 1024);
  console.log(`Peak RSS growth of the backend while serving: ${peakRssMb} MB`);

  await knex.destroy();
  finished = true;
  child.kill('SIGTERM');
  await new Promise(r => child.once('exit', r));
  if (pgUrl) {
    const admin = createKnex({ client: 'pg', connection: pgUrl });
    if (!catalogWasCached) {
      await admin.raw(
        `CREATE DATABASE "cnmm_bench_${cachedCatalog.replace(
          /-/g,
          '_',
        )}" TEMPLATE "${prefix}catalog"`,
      );
    }
    if (keep) console.log(`Kept the plugin's database ${prefix}maturity`);
    for (const plugin of ['maturity', 'catalog', 'permission', 'auth']) {
      if (keep && plugin === 'maturity') continue;
      await admin.raw(
        `DROP DATABASE IF EXISTS "${prefix}${plugin}" WITH (FORCE)`,
      );
    }
    await admin.destroy();
  }
  return {
    components: size.components,
    results,
    peakRssMb,
    indexSyncMs: syncMs,
  };
}

async function main() {
  const runs = [];
  for (const size of sizes) runs.push(await runSize(size));
  console.log(JSON.stringify({ db, runs }));
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
