/* eslint-disable no-console */
/*
 * Group 3b, a database outage on every route. The faults of group 3 use one
 * request of each kind; this file takes the list of routes from the API's
 * own description (src/schema/openapi.yaml), so that a route added there is
 * called here without editing the test, and asserts that each answers 503
 * `ServiceUnavailableError` while PostgreSQL is unreachable, never a 500,
 * with a body that names no host and no port. The streamed answers (the
 * scorecards with their entities, `entities=none`, and /export in CSV and
 * JSON) are called explicitly, twice: once with the database already gone,
 * and once with the database going away at the moment the scope itself is
 * read, which is the only way to reach the streaming reads (their entity
 * lookup comes first and would answer for them otherwise).
 *
 * SQLite is not covered: the suite has no way to make a SQLite database
 * unavailable (it is a file in the backend's own process).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  postgresDatabase,
  StandaloneDatabase,
} from './__testUtils__/databases';
import {
  postgresSkipReason,
  STANDALONE_POSTGRES,
  warnSkipped,
} from './__testUtils__/env';
import {
  ADMIN,
  as,
  OWNER,
  validSubmission,
} from '../src/__testUtils__/fixtures';
import { Answer, Client, isBackstageError } from './__testUtils__/http';
import {
  clientOf,
  Standalone,
  startStandalone,
} from './__testUtils__/standaloneBackend';
import { TcpProxy } from './__testUtils__/tcpProxy';

const OPENAPI = resolve(__dirname, '../src/schema/openapi.yaml');
const headers = { Authorization: as(ADMIN) };
const sleep = (ms: number) => new Promise(ok => setTimeout(ok, ms));
const UNAVAILABLE = 'The maturity database is not available; try again shortly';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Routes that answer without the database, and so answer 200 in an outage.
 * Every other route must answer 503.
 */
const NO_DATABASE: Record<string, string> = {
  'GET /model':
    'the model is loaded from configuration at start-up and answered from memory',
  'GET /entities/{kind}/{namespace}/{name}/evidence':
    "the catalog's facts of one entity, read from the catalog and the rules in memory",
  'GET /settings': 'the settings are read from configuration at start-up',
};

/**
 * Query parameters that change how an answer is produced (streamed or
 * collected, CSV or JSON): a route that has one is called once without it
 * and once for each value of its enum.
 */
const SHAPING_PARAMETERS = ['entities', 'format'];

/** The request each streamed answer must be among those made. */
const STREAMED = [
  'GET /scorecards/systems/default/load-system-0',
  'GET /scorecards/systems/default/load-system-0?entities=none',
  'GET /scorecards/groups/default/engineering',
  'GET /scorecards/groups/default/engineering?entities=none',
  'GET /scorecards/domains/default/commerce',
  'GET /scorecards/domains/default/commerce?entities=none',
  'GET /export?format=csv',
  'GET /export?format=json',
];

interface Setup {
  /** Revision of component:default/load-0, assessed before the outage. */
  revision: number;
  campaignId: string;
  campaignVersion: number;
}

const CAMPAIGN = {
  title: 'Outage test campaign',
  description: '',
  scope: { kind: 'component', system: 'load-system-0' },
  goals: { assessedWithinDays: 90 },
  startsOn: '2026-01-01',
  deadline: '2026-12-31',
  status: 'open',
};

/**
 * A value for a path parameter: existing entities and the campaign of the
 * test organisation, so that the request gets past every check that comes
 * before the database. An unknown parameter fails the test by name.
 */
function pathValue(parameter: string, path: string, setup: Setup): string {
  if (parameter === 'kind') return 'component';
  if (parameter === 'namespace') return 'default';
  if (parameter === 'id') return setup.campaignId;
  // load-0's revision: a decision on it reads the entity and the snapshot.
  if (parameter === 'revision') return String(setup.revision);
  if (parameter === 'name') {
    if (path.startsWith('/scorecards/systems/')) return 'load-system-0';
    if (path.startsWith('/scorecards/groups/')) return 'engineering';
    if (path.startsWith('/scorecards/domains/')) return 'commerce';
    // An assessed component: the entity routes need it to exist.
    return 'load-0';
  }
  throw new Error(
    `no value for path parameter {${parameter}} of ${path}: add one to pathValue()`,
  );
}

/** A valid body for each route that takes one. */
function bodyOf(route: string, setup: Setup): unknown {
  switch (route) {
    case 'POST /entities/by-refs':
      return { entityRefs: ['component:default/load-0'] };
    case 'POST /entities/{kind}/{namespace}/{name}/assessments':
      return validSubmission(setup.revision);
    case 'POST /entities/{kind}/{namespace}/{name}/imports/v3':
      return {
        baseRevision: setup.revision,
        assessment: {
          cnmmVersion: '3.2',
          ratings: { 'process.change-control': { '1': 'fully', '2': 'fully' } },
        },
      };
    case 'POST /entities/{kind}/{namespace}/{name}/assessments/{revision}/review':
      return { decision: 'approve' };
    case 'POST /campaigns':
      return CAMPAIGN;
    case 'PUT /campaigns/{id}':
      return {
        ...CAMPAIGN,
        title: 'Outage test campaign, edited',
        baseVersion: setup.campaignVersion,
      };
    default:
      throw new Error(
        `${route} takes a body and bodyOf() has none for it: add a valid one`,
      );
  }
}

interface RouteRequest {
  /** `METHOD /template` as in openapi.yaml. */
  route: string;
  method: string;
  /** The concrete path with its query. */
  path: string;
  json?: unknown;
}

/** Every route of openapi.yaml, with its shaping variants. */
function requestsOf(setup: Setup): RouteRequest[] {
  const spec = parseYaml(readFileSync(OPENAPI, 'utf8'));
  const deref = (p: any) =>
    p?.$ref
      ? p.$ref
          .replace(/^#\//, '')
          .split('/')
          .reduce((node: any, key: string) => node[key], spec)
      : p;
  const requests: RouteRequest[] = [];
  for (const [template, item] of Object.entries<any>(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = `${method.toUpperCase()} ${template}`;
      const path = template.replace(/\{(\w+)\}/g, (_, parameter) =>
        encodeURIComponent(pathValue(parameter, template, setup)),
      );
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(deref);
      // A required parameter takes its example, so that the call passes
      // validation and reaches the database.
      const required = parameters
        .filter(p => p.in === 'query' && p.required)
        .map(p => {
          if (p.example === undefined) {
            throw new Error(`${route}: query ${p.name} needs an example`);
          }
          return `${p.name}=${encodeURIComponent(p.example)}`;
        });
      const queries = [required];
      for (const p of parameters) {
        if (p.in === 'query' && SHAPING_PARAMETERS.includes(p.name)) {
          for (const value of p.schema?.enum ?? []) {
            queries.push([
              ...required,
              `${p.name}=${encodeURIComponent(value)}`,
            ]);
          }
        }
      }
      const json = operation.requestBody ? bodyOf(route, setup) : undefined;
      for (const query of queries) {
        requests.push({
          route,
          method: method.toUpperCase(),
          path: query.length ? `${path}?${query.join('&')}` : path,
          json,
        });
      }
    }
  }
  return requests;
}

interface Outcome {
  request: string;
  status: number;
  /** Status, error name, and whether the body is clean, on one line. */
  summary: string;
}

function outcomeOf(
  request: string,
  answer: Answer,
  addresses: RegExp,
): Outcome {
  const name = answer.body?.error?.name ?? '(no JSON error)';
  const message = String(answer.body?.error?.message ?? '');
  const leaks = answer.text.match(addresses);
  const shown =
    !message || (answer.status === 503 && message === UNAVAILABLE)
      ? ''
      : ` "${message.slice(0, 100)}"`;
  return {
    request,
    status: answer.status,
    summary: `${answer.status} ${name}${shown}${
      leaks ? ` (body names ${leaks[0]})` : ''
    }${
      answer.status === 503 && !isBackstageError(answer) ? ' (not JSON)' : ''
    }`,
  };
}

const PG = STANDALONE_POSTGRES;
if (!PG) {
  warnSkipped('the outage on every route', 'MATURITY_TEST_POSTGRES');
}
const describePostgres = PG ? describe : describe.skip;

describePostgres(
  `a PostgreSQL outage on every route of openapi.yaml${
    PG ? '' : ` (${postgresSkipReason('MATURITY_TEST_POSTGRES')})`
  }`,
  () => {
    let database: StandaloneDatabase;
    let proxy: TcpProxy;
    let backend: Standalone | undefined;
    let client: Client;
    let setup: Setup;
    /** Hosts and ports the answers must not name. */
    let addresses: RegExp;

    /** Waits until the backend serves again after an outage. */
    async function serving(path: string) {
      for (let i = 0; i < 50; i++) {
        const answer = await client.get(path, { headers });
        if (answer.status === 200) return;
        await sleep(200);
      }
      throw new Error(`${path} did not answer 200 after the outage`);
    }

    beforeAll(async () => {
      database = postgresDatabase(PG!, 'routes');
      const target = new URL(PG!);
      proxy = new TcpProxy({
        host: target.hostname,
        port: Number(target.port || 5432),
      });
      await proxy.up();
      backend = await startStandalone({
        name: 'routes',
        database: database.backendConfig({
          host: '127.0.0.1',
          port: proxy.port,
        }),
        // Switched on, so that /exemptions reads the database (off, it
        // answers an empty list without).
        config: {
          maturity: {
            attestation: { maxAgeDays: 180 },
            exemptions: { enabled: true },
          },
        },
        logLevel: 'warn',
      });
      client = clientOf(backend);
      const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      addresses = new RegExp(
        [
          '127\\.0\\.0\\.1',
          'localhost',
          escape(target.hostname),
          `\\b${proxy.port}\\b`,
          `\\b${target.port || 5432}\\b`,
        ].join('|'),
        'i',
      );

      // An assessed component and a stored campaign, so that every path
      // parameter names something that exists. The assessment is another
      // user's, so that the admin's review of it gets past the author check
      // to the database (a 409 in the rehearsal: review is off here).
      const first = await client.post(
        '/entities/component/default/load-0/assessments',
        { headers: { Authorization: as(OWNER) }, json: validSubmission(0) },
      );
      if (first.status !== 201) throw new Error(`setup: ${first.text}`);
      const campaign = await client.post('/campaigns', {
        headers,
        json: CAMPAIGN,
      });
      if (campaign.status !== 201) throw new Error(`setup: ${campaign.text}`);
      setup = {
        revision: first.body.revision,
        campaignId: campaign.body.id,
        campaignVersion: campaign.body.version,
      };
      // Warm: the catalog index has been synced (its time is kept in
      // memory), so no request below waits on a first sync.
      await serving('/overview');
    });

    beforeEach(() => proxy.up());

    afterAll(async () => {
      client?.close();
      await backend?.stop();
      await proxy?.down();
      await database?.cleanup();
    });

    it('answers 503 on every route, streamed ones included, and names no host or port', async () => {
      const requests = requestsOf(setup);
      const made = requests.map(r => `${r.method} ${r.path}`);
      // The streamed answers are among them, whatever openapi.yaml says.
      expect(STREAMED.filter(s => !made.includes(s))).toEqual([]);
      // Every request must get past validation and find what it names: each
      // is first made with the database up, where it must answer 2xx (or
      // 409: an import on the revision the write just moved on reached the
      // database to find that out).
      const rehearsal: string[] = [];
      for (const r of requests) {
        const answer = await client.request(r.method, r.path, {
          headers,
          ...(r.json === undefined ? {} : { json: r.json }),
        });
        if (!(answer.status < 300 || answer.status === 409)) {
          rehearsal.push(
            `${answer.status} ${r.method} ${r.path}: ${answer.text}`,
          );
        }
      }
      expect(rehearsal).toEqual([]);

      await proxy.down('reset');
      const outcomes: Outcome[] = [];
      for (const r of requests) {
        const answer = await client.request(r.method, r.path, {
          headers,
          ...(r.json === undefined ? {} : { json: r.json }),
        });
        outcomes.push(outcomeOf(`${r.method} ${r.path}`, answer, addresses));
      }
      await proxy.up();
      console.log(
        `[reliability] outage on every route (database gone before the request):\n${outcomes
          .map(o => `  ${o.summary.padEnd(40)} ${o.request}`)
          .join('\n')}`,
      );
      // What each route must answer: 503 and a clean body, except the
      // routes that never touch the database.
      const expected = requests.map(r => {
        const request = `${r.method} ${r.path}`;
        return {
          request,
          summary: NO_DATABASE[r.route]
            ? '200 (no JSON error)'
            : '503 ServiceUnavailableError',
        };
      });
      expect(
        outcomes.map(({ request, summary }) => ({ request, summary })),
      ).toEqual(expected);
      expect(backend!.alive()).toBe(true);
    });

    // The scorecards look their entity up (and a domain its systems, a
    // group its tree) before they read their scope, and /export reads its
    // scope first: with the database gone beforehand, that first query is
    // the one that fails. Here the database goes away at the moment the
    // scope's rows are read (the statement that joins the summaries: the
    // streaming scan with `entities=none`, the batches otherwise), so that
    // the streaming reads themselves meet the outage.
    it.each([
      '/scorecards/systems/default/load-system-0',
      '/scorecards/systems/default/load-system-0?entities=none',
      // A team with components of its own: the scope is read by batches
      // joined with the summaries (a tree of several teams is read owner by
      // owner, without the join).
      '/scorecards/groups/default/load-team-0',
      '/scorecards/groups/default/load-team-0?entities=none',
      '/scorecards/groups/default/engineering?entities=none',
      '/scorecards/domains/default/commerce',
      '/scorecards/domains/default/commerce?entities=none',
      '/export?format=csv',
      '/export?format=json',
    ])(
      'answers 503 when the database goes away as GET %s reads its scope',
      async path => {
        await serving(path);
        const cuts = proxy.cuts;
        const outage = proxy.downWhen('left join "maturity_summary" as "s"');
        const answer = await client.get(path, { headers });
        const outcome = outcomeOf(`GET ${path}`, answer, addresses);
        console.log(
          `[reliability] outage as the scope is read: ${outcome.summary.padEnd(
            40,
          )} GET ${path}`,
        );
        const reached = proxy.cuts - cuts;
        if (reached) await outage;
        else proxy.disarm();
        await proxy.up();
        expect({
          reachedTheScopeRead: reached === 1,
          answer: outcome.summary,
        }).toEqual({
          reachedTheScopeRead: true,
          answer: '503 ServiceUnavailableError',
        });
        expect(backend!.alive()).toBe(true);
      },
    );
  },
);
