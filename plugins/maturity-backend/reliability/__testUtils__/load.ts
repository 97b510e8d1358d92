import { Client, percentile } from './http';
import { LOAD_ORG, loadComponent, loadSystem, loadTeam } from './organisation';
import { as, validSubmission } from '../../src/__testUtils__/fixtures';

/** Components the writers share, so that they conflict often. */
export const HOT_ENTITIES = 10;

type Op =
  | 'entity-get'
  | 'history'
  | 'system-scorecard'
  | 'group-scorecard'
  | 'overview'
  | 'write';

/** The mix of one client's requests, by weight. */
const MIX: Array<[Op, number]> = [
  ['entity-get', 30],
  ['history', 5],
  ['system-scorecard', 15],
  ['group-scorecard', 10],
  ['overview', 10],
  ['write', 30],
];

/** Statuses that are part of normal operation for each kind of request. */
const EXPECTED: Record<Op, number[]> = {
  'entity-get': [200, 404],
  history: [200],
  'system-scorecard': [200],
  'group-scorecard': [200],
  overview: [200],
  write: [201, 409],
};

export interface LoadResult {
  clients: number;
  seconds: number;
  requests: number;
  throughput: number;
  /** Per request kind and overall: count, p50, p95, max (ms). */
  latency: Record<string, { n: number; p50: number; p95: number; max: number }>;
  statuses: Record<string, number>;
  /** 201 answers per entity ref. */
  created: Map<string, number>;
  createdTotal: number;
  conflicts: number;
  /** Answers outside EXPECTED, and transport errors. */
  unexpected: string[];
}

/** A small deterministic generator, one per client. */
function rng(seed: number) {
  let x = seed * 2654435761 + 1;
  return () => {
    x = (x ^ (x >>> 13)) * 1274126177;
    x ^= x >>> 16;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * `clients` concurrent loops for `seconds`, each mixing reads and writes.
 * A client writes on the revision it last saw of an entity (from its own
 * writes or reads); a 409 makes it read the entity again, as the UI does.
 */
export async function runLoad(options: {
  client: Client;
  user: string;
  clients: number;
  seconds: number;
}): Promise<LoadResult> {
  const { client, clients, seconds } = options;
  const headers = { Authorization: as(options.user) };
  const samples = new Map<string, number[]>();
  const statuses: Record<string, number> = {};
  const created = new Map<string, number>();
  const unexpected: string[] = [];
  let conflicts = 0;
  const start = Date.now();
  const deadline = start + seconds * 1000;

  async function call(op: Op, method: string, path: string, json?: unknown) {
    try {
      const answer = await client.request(method, path, { headers, json });
      const list = samples.get(op) ?? [];
      list.push(answer.ms);
      samples.set(op, list);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (!EXPECTED[op].includes(answer.status)) {
        unexpected.push(
          `${method} ${path} → ${answer.status} ${answer.text.slice(0, 300)}`,
        );
      }
      return answer;
    } catch (error) {
      statuses.error = (statuses.error ?? 0) + 1;
      unexpected.push(`${method} ${path} → ${error}`);
      return undefined;
    }
  }

  async function worker(id: number) {
    const random = rng(id + 1);
    const pick = (n: number) => Math.floor(random() * n);
    const seen = new Map<string, number>();
    const total = MIX.reduce((sum, [, w]) => sum + w, 0);
    const refresh = async (name: string) => {
      const answer = await call(
        'entity-get',
        'GET',
        `/entities/component/default/${name}`,
      );
      if (answer?.status === 200) seen.set(name, answer.body.revision);
      if (answer?.status === 404) seen.set(name, 0);
    };
    while (Date.now() < deadline) {
      let roll = pick(total);
      const op = MIX.find(([, weight]) => (roll -= weight) < 0)![0];
      const hot = loadComponent(pick(HOT_ENTITIES));
      switch (op) {
        case 'entity-get':
          await refresh(
            random() < 0.5 ? hot : loadComponent(pick(LOAD_ORG.components)),
          );
          break;
        case 'history':
          await call(
            'history',
            'GET',
            `/entities/component/default/${hot}/history?limit=5`,
          );
          break;
        case 'system-scorecard':
          await call(
            'system-scorecard',
            'GET',
            `/scorecards/systems/default/${loadSystem(pick(LOAD_ORG.systems))}`,
          );
          break;
        case 'group-scorecard':
          await call(
            'group-scorecard',
            'GET',
            random() < 0.2
              ? '/scorecards/groups/default/engineering'
              : `/scorecards/groups/default/${loadTeam(pick(LOAD_ORG.teams))}`,
          );
          break;
        case 'overview':
          await call(
            'overview',
            'GET',
            random() < 0.5
              ? '/overview?sortBy=percentToTarget&order=desc&limit=50'
              : `/overview?owner=${loadTeam(pick(LOAD_ORG.teams))}&limit=20`,
          );
          break;
        default: {
          const base = seen.get(hot) ?? 0;
          const answer = await call(
            'write',
            'POST',
            `/entities/component/default/${hot}/assessments`,
            validSubmission(base, id * 1000 + base),
          );
          if (answer?.status === 201) {
            seen.set(hot, answer.body.revision);
            const ref = `component:default/${hot}`;
            created.set(ref, (created.get(ref) ?? 0) + 1);
          } else if (answer?.status === 409) {
            conflicts += 1;
            await refresh(hot);
          }
        }
      }
    }
  }

  await Promise.all(Array.from({ length: clients }, (_, i) => worker(i)));
  const elapsed = (Date.now() - start) / 1000;
  const latency: LoadResult['latency'] = {};
  const all: number[] = [];
  for (const [op, list] of [...samples].sort()) {
    const sorted = [...list].sort((a, b) => a - b);
    all.push(...list);
    latency[op] = {
      n: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1],
    };
  }
  all.sort((a, b) => a - b);
  latency.all = {
    n: all.length,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    max: all[all.length - 1],
  };
  return {
    clients,
    seconds: elapsed,
    requests: all.length,
    throughput: all.length / elapsed,
    latency,
    statuses,
    created,
    createdTotal: [...created.values()].reduce((a, b) => a + b, 0),
    conflicts,
    unexpected,
  };
}

/** A readable report of a load run, for the test output and the docs. */
export function formatLoad(title: string, result: LoadResult): string {
  const ms = (n: number) => n.toFixed(1).padStart(9);
  const rows = Object.entries(result.latency).map(
    ([op, l]) =>
      `  ${op.padEnd(18)}${String(l.n).padStart(8)}${ms(l.p50)}${ms(l.p95)}${ms(
        l.max,
      )}`,
  );
  return [
    `[reliability] ${title}: ${
      result.clients
    } clients for ${result.seconds.toFixed(1)} s`,
    `  ${result.requests} requests, ${result.throughput.toFixed(
      1,
    )} req/s; statuses ${JSON.stringify(result.statuses)}`,
    `  ${result.createdTotal} snapshots created (201), ${result.conflicts} conflicts (409)`,
    `  ${'request'.padEnd(18)}${'count'.padStart(8)}${'p50 ms'.padStart(
      9,
    )}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}`,
    ...rows,
  ].join('\n');
}
