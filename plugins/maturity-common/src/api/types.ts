import { z } from 'zod';
import type { LevelStats } from '../assessment/schema';
import { asOfSchema, type AsOfAnswer } from './asOf';

/** One entity in a scorecard, the overview table or an export. @public */
export interface EntityMaturityRow {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  /** Null when the entity has no assessment. */
  revision: number | null;
  assessedAt: string | null;
  stale: boolean;
  percentToTarget: number | null;
  /** Median level per dimension id. */
  dimensions: Record<string, number | null>;
}

/** An entity row with the level of every topic, as exported. @public */
export interface EntityMaturityExportRow extends EntityMaturityRow {
  topics: Record<string, number | null>;
  /** Topics rated entirely not applicable (level null), unlike unrated ones. */
  notApplicable: string[];
}

/** The roll-up of a child (a team under a group, a system of a domain). @public */
export interface ScorecardChild {
  entityRef: string;
  title: string | null;
  components: { total: number; assessed: number; stale: number };
  dimensions: Record<string, number | null>;
  percentToTarget: number | null;
}

/** A system's, group's or domain's scorecard, computed on the server. @public */
export interface Scorecard extends AsOfAnswer {
  entityRef: string;
  components: { total: number; assessed: number; stale: number };
  dimensions: Record<string, LevelStats>;
  topics: Record<string, LevelStats>;
  percentToTarget: number | null;
  entities: EntityMaturityRow[];
  children: ScorecardChild[];
  /**
   * When the plugin's index of the catalog was last synced: ownership and
   * group trees are as of then.
   */
  indexedAt: string;
}

/** A page of the organisation's table. @public */
export interface OverviewPage extends AsOfAnswer {
  items: EntityMaturityRow[];
  totalCount: number;
  nextCursor: string | null;
  /** When the plugin's index of the catalog was last synced. */
  indexedAt: string;
}

/** Columns the overview can be sorted by, besides a dimension id. @public */
export const OVERVIEW_SORT_FIELDS = [
  'name',
  'percentToTarget',
  'assessedAt',
  'revision',
] as const;

/**
 * The kinds of the plugin's index of the catalog: the overview lists and
 * filters entities of these kinds, and scorecards roll up over them.
 * @public
 */
export const INDEXED_KINDS = [
  'component',
  'api',
  'resource',
  'system',
  'domain',
  'group',
] as const;

// PostgreSQL's text holds no NUL character: refused here, it is a 400, not
// a database error.
const optionalText = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .refine(text => !text.includes('\0'), 'must not contain a NUL character')
  .optional();

/** Filters shared by the overview and the export. @public */
export const entityFilterSchema = z.strictObject({
  kind: optionalText,
  owner: optionalText,
  /** Owned by this group or by any group below it. */
  group: optionalText,
  system: optionalText,
  /** Part of a system of this domain. */
  domain: optionalText,
  lifecycle: optionalText,
  // An empty `?minLevel=` means no filter, not level 0.
  minLevel: z.preprocess(
    value => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(5).optional(),
  ),
  /**
   * Entities with a topic whose attestation or exemption ends within this
   * many days from now (its summary's `validUntil`); already expired topics
   * are not "expiring".
   */
  expiresWithinDays: z.preprocess(
    value => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(3660).optional(),
  ),
});

/**
 * The overview's and the export's filter on the four-eyes review: `pending`
 * keeps the entities whose latest snapshot waits for a decision.
 * @public
 */
export const reviewFilterSchema = z.strictObject({
  review: z.enum(['pending']).optional(),
});

/** @public */
export type ReviewFilter = z.infer<typeof reviewFilterSchema>;

/** Query of `GET /overview`. @public */
export const overviewQuerySchema = entityFilterSchema.extend({
  ...reviewFilterSchema.shape,
  sortBy: z.string().max(128).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
  /** The entities' summaries as they were then; not with a dimension as `sortBy`. */
  asOf: asOfSchema.optional(),
});

/**
 * Query of `GET /scorecards/...`: `entities=none` answers the roll-up only,
 * with `entities` empty, for views that page the entities through
 * `/overview` instead of receiving a whole organisation at once.
 * @public
 */
export const scorecardQuerySchema = z.strictObject({
  entities: z.enum(['all', 'none']).default('all'),
  asOf: asOfSchema.optional(),
});

/** Query of `GET /scorecards/groups/...`. @public */
export const groupScorecardQuerySchema = scorecardQuerySchema.extend({
  direct: z.enum(['true', 'false']).optional(),
});

/** @public */
export type ScorecardQuery = z.input<typeof groupScorecardQuerySchema>;

/** Query of `GET /export`. @public */
export const exportQuerySchema = entityFilterSchema.extend({
  ...reviewFilterSchema.shape,
  format: z.enum(['csv', 'json']).default('csv'),
  asOf: asOfSchema.optional(),
});

/** Query of `GET /entities/.../history`. @public */
export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

/** @public */
export type EntityFilter = z.infer<typeof entityFilterSchema>;
/** @public */
export type OverviewQuery = z.input<typeof overviewQuerySchema>;

/**
 * What the catalog table shows of one entity. `level` is the lowest rated
 * dimension median of its latest snapshot (see `lowestDimensionMedian`), the
 * same level the overview's `minLevel` filters on.
 * @public
 */
export interface CatalogMaturityRow {
  entityRef: string;
  assessed: boolean;
  /** Null when not assessed, or when no dimension is rated. */
  level: number | null;
  stale: boolean;
  assessedAt?: string;
  revision?: number;
}

/** Answer of `POST /entities/by-refs`. @public */
export interface CatalogMaturityRows extends AsOfAnswer {
  /**
   * One item per ref asked, in the same order; null for a ref that is
   * unknown or that the caller may not see in the catalog.
   */
  items: Array<CatalogMaturityRow | null>;
}

/** The most refs one `POST /entities/by-refs` may ask about. @public */
export const MAX_CATALOG_ROWS_REFS = 500;

// kind:namespace/name in full, each part in the catalog's own grammar, so
// that a ref the catalog could never hold is a 400, not a silent null.
const ENTITY_REF =
  /^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Body of `POST /entities/by-refs`. @public */
export const catalogRowsRequestSchema = z.strictObject({
  entityRefs: z
    .array(
      z.string().max(1024).regex(ENTITY_REF, {
        message: 'must be a full entity ref, kind:namespace/name',
      }),
    )
    .min(1)
    .max(MAX_CATALOG_ROWS_REFS),
  asOf: asOfSchema.optional(),
});

/**
 * Query of `GET /entities/assessed`: the assessed entities whose lowest
 * dimension median is at least `minLevel`, and that are stale (`true`) or
 * current (`false`).
 * @public
 */
export const assessedRefsQuerySchema = z.strictObject({
  minLevel: z.preprocess(
    value => (value === '' ? undefined : value),
    z.coerce.number().int().min(1).max(5).optional(),
  ),
  stale: z.enum(['true', 'false']).optional(),
});

/** @public */
export type AssessedRefsQuery = z.infer<typeof assessedRefsQuerySchema>;

/** Answer of `GET /entities/assessed`. @public */
export interface AssessedRefs {
  /** Lower-cased refs of the matching entities the caller may see. */
  entityRefs: string[];
}

/**
 * Query of `GET /exemptions`: the overview's filters but the level (the
 * review's and the expiry's included), the format, and a
 * page (`limit`, `cursor`; CSV answers every row, streamed).
 * @public
 */
export const exemptionsQuerySchema = entityFilterSchema
  .pick({
    kind: true,
    owner: true,
    group: true,
    system: true,
    domain: true,
    lifecycle: true,
    expiresWithinDays: true,
  })
  .extend({
    ...reviewFilterSchema.shape,
    format: z.enum(['json', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
  });

/** @public */
export type ExemptionsQuery = z.input<typeof exemptionsQuerySchema>;

/**
 * One exempted topic of an entity's latest counted snapshot, while it lasts.
 * @public
 */
export interface ExemptionRow {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
  topicId: string;
  reason: string;
  author: string;
  approver: string | null;
  /** When it started: its topic's attestation, or under review the approval. */
  grantedAt: string;
  /** When it ends: after that the topic counts as unrated until confirmed again. */
  endsAt: string;
}

/** Answer of `GET /exemptions` (JSON), by entity ref then topic id. @public */
export interface ExemptionsPage {
  items: ExemptionRow[];
  nextCursor?: string;
}
