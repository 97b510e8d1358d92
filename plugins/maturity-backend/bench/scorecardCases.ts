import { Knex } from 'knex';
import {
  BenchCase,
  BenchContext,
  DEPARTMENT,
  departmentInCatalog,
  inSubtree,
  POSTED,
  runsAt,
} from './benchCase';
import { connectMcp } from './mcp';
import { ratingsFor } from './seed';

/**
 * The cases of the scorecards, the overview, the export and the assistant
 * actions (issues 9 to 23), each beside its floor and the catalog's own
 * answer where one exists. The MCP client is closed by the caller.
 */
export async function scorecardCases(ctx: BenchContext) {
  const { host, headers, token, get, postJson, knex, size, fullCatalog } = ctx;
  const tenK = size.components <= 10_000;
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
  const dept = DEPARTMENT;
  /**
   * What a scorecard view waits for: its roll-up and the first page of its
   * components, asked together as the Maturity tab asks them.
   */
  const scorecardView = (scorecard: string, filter: string) => () =>
    Promise.all([
      get(`/api/maturity/scorecards/${scorecard}?entities=none`),
      get(`/api/maturity/overview?${filter}&sortBy=name&limit=25`),
    ]);
  const runs = runsAt(size);
  const heavyRuns = runsAt(size, true);
  // The assistant's path: MCP client → MCP backend → actions registry → action.
  const mcp = await connectMcp(host, token);
  const cases: BenchCase[] = [
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
      goal: tenK ? { catalogRatio: 1.5 } : undefined,
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
      goal: tenK ? { p50Ms: 30 } : undefined,
    },
    {
      name: 'group-scorecard',
      fn: scorecardView('groups/default/dept-0', 'group=dept-0'),
      floor: () =>
        summariesOf(knex({ e: 'maturity_entity' }))
          .where('e.kind', 'component')
          .modify(inSubtree(dept)),
      catalog: departmentInCatalog(ctx),
      runs: heavyRuns,
      goal: { p50Ms: tenK ? 100 : 250 },
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
      goal: tenK ? undefined : { p50Ms: 1000 },
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
      goal: tenK ? { p50Ms: 60, catalogRatio: 2 } : { p50Ms: 100 },
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
      goal: { p50Ms: tenK ? 600 : 5000 },
    },
  ];
  return { cases, mcp };
}
