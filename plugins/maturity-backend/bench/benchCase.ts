import { Knex } from 'knex';
import { Organisation, Size, subtreeOf } from './organisation';

/**
 * What a case must meet, as the issues that set the targets say
 * (docs/benchmarks.md, "Against the targets"); checked on every run.
 */
export type Goal = {
  /** The p50 at most this many milliseconds. */
  p50Ms?: number;
  /** The p50 at most this many times the catalog's own answer's. */
  catalogRatio?: number;
  /** The backend's peak resident memory growth during the case, in MB. */
  rssGrowthMb?: number;
};

export type BenchCase = {
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
  goal?: Goal;
};

/** What the cases call: the measured backend, signed in, and its database. */
export type BenchContext = {
  host: string;
  headers: Record<string, string>;
  token: string;
  get: (path: string) => Promise<string>;
  postJson: (path: string, body: unknown) => Promise<string>;
  /** The plugin's database, for the floors. */
  knex: Knex;
  size: Size;
  org: Organisation;
  /** Whether the real catalog holds every component (10,000). */
  fullCatalog: boolean;
};

/** The department measured: a fifth of the organisation. */
export const DEPARTMENT = 'group:default/dept-0';

/** Components owned by a group or a team below it, walked in SQL. */
export const inSubtree = (groupRef: string) => (query: Knex.QueryBuilder) =>
  query.whereRaw(
    `e.owner_ref IN (WITH RECURSIVE t(ref) AS (SELECT CAST(? AS VARCHAR(512)) UNION SELECT g.entity_ref FROM t CROSS JOIN maturity_entity g WHERE g.parent_ref = t.ref) SELECT ref FROM t)`,
    [groupRef],
  );

/**
 * The catalog's own answer for the department: its components, by the owner
 * relation to any of its groups (the catalog knows no subtree). Only where
 * the catalog holds every component; past about 330 groups the filter no
 * longer fits in a URL.
 */
export function departmentInCatalog(ctx: BenchContext) {
  if (!ctx.fullCatalog) return undefined;
  const owners = subtreeOf(ctx.org, DEPARTMENT.split('/')[1])
    .map(ref => `relations.ownedBy=${ref}`)
    .join(',');
  return () =>
    ctx.get(
      `/api/catalog/entities/by-query?filter=kind=component,${owners}&limit=${ctx.size.components}`,
    );
}

/** Components that writes go to, round-robin; always in the real catalog. */
export const POSTED = 500;

/** Calls of a case at a size; heavy cases (roll-ups of a scope) run fewer. */
export function runsAt(size: Size, heavy = false) {
  if (heavy) return size.components > 10_000 ? 5 : 15;
  return size.components > 10_000 ? 10 : 30;
}
