/* eslint-disable no-console */
import { mockServices } from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import createKnex from 'knex';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { MaturityIndex } from '../src/database/MaturityIndex';
import { CatalogIndexer } from '../src/jobs/CatalogIndexer';
import { POSTED } from './benchCase';
import { restoreCatalog, withDatabase } from './catalogCache';
import { historyCases } from './historyCases';
import { reviewCases } from './reviewCases';
import { rssOf } from './measure';
import {
  buildOrganisation,
  HISTORY_DAYS,
  Size,
  SIZES,
  withRelations,
} from './organisation';
import { runCases } from './runCases';
import { scorecardCases } from './scorecardCases';
import { seed } from './seed';

// Usage: yarn bench [--size 10000|100000] [--keep] [postgresql://user:pass@host:port]
const args = process.argv.slice(2);
/** Keeps the plugin's database afterwards (PostgreSQL's, or SQLite's folder), to look into its plans. */
const keep = args.includes('--keep');
/** Flags for the backend's V8 (MATURITY_BENCH_V8_FLAGS), its stdout shown. */
const v8Flags =
  process.env.MATURITY_BENCH_V8_FLAGS?.split(' ').filter(Boolean) ?? [];
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
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

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
  const prefix = `maturity_bench_${Date.now()}_`;
  const databaseConfig = pgUrl
    ? { client: 'pg', connection: pgUrl, prefix }
    : { client: 'better-sqlite3', connection: { directory: work } };
  const catalog = await restoreCatalog({
    components: size.components,
    entities: inCatalog,
    pgUrl,
    prefix,
    work,
  });

  const child = spawn(
    process.execPath,
    [
      // V8's own account of the backend (--trace-gc-nvp, say), on stdout.
      ...v8Flags,
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      join(__dirname, 'backend.ts'),
    ],
    {
      env: {
        ...process.env,
        MATURITY_BENCH_PORT: String(PORT),
        MATURITY_BENCH_DATABASE: JSON.stringify(databaseConfig),
        MATURITY_BENCH_CATALOG: catalog.catalogFile,
        LOG_LEVEL: 'warn',
      },
      // The IPC channel asks for CPU profiles (MATURITY_BENCH_PROFILE).
      stdio: [
        'ignore',
        v8Flags.length ? 'inherit' : 'ignore',
        'inherit',
        'ipc',
      ],
    },
  );
  // A child left behind would keep the port and answer the next run, and
  // its SQLite files (1.1 GB at 100,000) would fill the disk run by run. A
  // signal ends Node without its 'exit' handlers, so it exits instead.
  process.once('exit', () => {
    child.kill('SIGKILL');
    if (!keep) rmSync(work, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(1));
  }
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
      catalog.wasCached ? 'started from its cached database with' : 'ingested'
    } ${inCatalog.length} entities in ${Math.round(
      (Date.now() - ingestStart) / 1000,
    )} s`,
  );

  await catalog.saveIngested();
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
  // The clock the seeded history and the history cases count back from.
  const now = seedStart;
  await seed(knex, refs, size, USER, now);
  console.log(
    `Seeded ${refs.length} components × ${
      size.snapshotsPerComponent
    } snapshots over ${HISTORY_DAYS} days, with summaries and history, in ${Math.round(
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

  const ctx = {
    host,
    headers,
    token,
    get,
    postJson,
    knex,
    size,
    org,
    fullCatalog,
  };
  const { cases, mcp } = await scorecardCases(ctx);
  cases.push(...(await historyCases(ctx, now)));
  cases.push(...(await reviewCases(ctx, now)));
  const profiling = process.env.MATURITY_BENCH_PROFILE !== undefined;
  const results = await runCases(cases, {
    pid: child.pid!,
    only: process.env.MATURITY_BENCH_ONLY?.split(','),
    // The backend writes `<case>.cpuprofile` when asked over IPC.
    profile: profiling
      ? name =>
          new Promise(resolve => {
            child.once('message', resolve);
            child.send({ profile: name });
          })
      : undefined,
  });
  await mcp.close();
  clearInterval(sampler);
  const peakRssMb = Math.round((peakRss - rssBefore) / 1024);
  console.log(`Peak RSS growth of the backend while serving: ${peakRssMb} MB`);
  if (size.components >= 100_000) {
    // The targets of the whole run at 100,000 (docs/benchmarks.md).
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `Goals of the run: peak RSS growth ≤ 300 MB ${met(
        peakRssMb <= 300,
      )}; index sync ≤ 2 min ${met(syncMs <= 120_000)}`,
    );
  }

  await knex.destroy();
  finished = true;
  child.kill('SIGTERM');
  await new Promise(r => child.once('exit', r));
  if (keep && !pgUrl) console.log(`Kept the plugin's database in ${work}`);
  if (pgUrl) {
    const admin = createKnex({ client: 'pg', connection: pgUrl });
    await catalog.saveStopped(admin);
    if (keep) console.log(`Kept the plugin's database ${prefix}maturity`);
    for (const plugin of [
      'maturity',
      'catalog',
      'permission',
      'auth',
      'mcp-actions',
    ]) {
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
