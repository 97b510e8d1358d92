import { z } from 'zod';
import { asOfSchema } from './asOf';
import { entityFilterSchema } from './types';

/** How an entity moved between two dates. @public */
export const MOVEMENTS = [
  'improved',
  'regressed',
  'newly-assessed',
  'unchanged',
] as const;

/** @public */
export type Movement = (typeof MOVEMENTS)[number];

/** Query of `GET /changes`. @public */
export const changesQuerySchema = entityFilterSchema
  .omit({ minLevel: true, expiresWithinDays: true })
  .extend({
    from: asOfSchema,
    /** Now when omitted. */
    to: asOfSchema.optional(),
    /** Only a group's own entities, not its sub-teams'. */
    direct: z.enum(['true', 'false']).optional(),
    movement: z.enum(MOVEMENTS).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(q => !q.to || q.from.getTime() < q.to.getTime(), {
    message: 'from must be before to',
    path: ['from'],
  });

/** @public */
export type ChangesQuery = z.input<typeof changesQuerySchema>;

/** An entity's levels at one date. @public */
export interface LevelsAt {
  revision: number;
  assessedAt: string;
  /** Median level per dimension id. */
  dimensions: Record<string, number | null>;
  /** Level per topic id. */
  topics: Record<string, number | null>;
}

/** One entity in `GET /changes`. @public */
export interface ChangeRow {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
  movement: Movement;
  /** Null when the entity was not assessed at `from`. */
  before: LevelsAt | null;
  after: LevelsAt;
}

/** How many entities moved each way. @public */
export interface MovementCounts {
  improved: number;
  regressed: number;
  newlyAssessed: number;
  unchanged: number;
}

/** Answer of `GET /changes` (JSON). @public */
export interface ChangesPage {
  from: string;
  to: string;
  scopeAsOf: 'now';
  indexedAt: string;
  /** Over the whole scope, whatever the page or `movement`. */
  totals: MovementCounts;
  /** Per first owner, over the whole scope; ordered by owner ref. */
  teams: Array<{ ownerRef: string | null } & MovementCounts>;
  items: ChangeRow[];
  nextCursor: string | null;
}

/** Query of `GET /scorecards/groups/.../trend`. @public */
export const trendQuerySchema = z.strictObject({
  months: z.coerce.number().int().min(1).max(24).default(12),
  direct: z.enum(['true', 'false']).optional(),
});

/** @public */
export type TrendQuery = z.input<typeof trendQuerySchema>;

/** A group's roll-up at one month's end. @public */
export interface TrendPoint {
  /** The last day of the month (today for the current month), YYYY-MM-DD. */
  date: string;
  components: number;
  assessed: number;
  dimensions: Record<string, number | null>;
}

/** Answer of `GET /scorecards/groups/.../trend`. @public */
export interface GroupTrend {
  entityRef: string;
  scopeAsOf: 'now';
  points: TrendPoint[];
}
