import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import type { MaturityModel } from '../model/schema';

/** Calendar days are UTC dates written as YYYY-MM-DD. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  // Date.parse accepts 2026-02-30 as 2026-03-02: a round trip rejects it.
  .refine(
    value => {
      const time = Date.parse(`${value}T00:00:00Z`);
      return (
        !Number.isNaN(time) && new Date(time).toISOString().startsWith(value)
      );
    },
    { message: 'must be a real calendar date' },
  );

const text = z.string().trim().min(1).max(512);
const catalogNames = makeValidator();

/**
 * An entity ref as the catalog writes them (`[kind:][namespace/]name`, each
 * part in the catalog's own grammar), of one of `kinds`: a scope that cannot
 * name an entity is refused when it is written, not found out when it is read.
 */
function scopeRef(defaultKind: string, kinds: string[]) {
  const example = `${defaultKind}:default/name`;
  return text.superRefine((value, ctx) => {
    let ref;
    try {
      ref = parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
    } catch {
      ref = undefined;
    }
    const valid =
      ref !== undefined &&
      catalogNames.isValidKind(ref.kind) &&
      catalogNames.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) &&
      catalogNames.isValidEntityName(ref.name);
    if (!valid) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an entity ref such as ${example}`,
      });
    } else if (!kinds.includes(ref!.kind.toLocaleLowerCase('en-US'))) {
      ctx.addIssue({
        code: 'custom',
        message: `must name a ${kinds.join(' or ')}, not a ${ref!.kind}`,
      });
    }
  });
}

/**
 * Which entities a campaign covers: the overview's filters. `owner` (a group
 * or a user) includes the teams below the named group; `kind` is a catalog
 * kind; refs are checked against the catalog's grammar.
 * @public
 */
export const campaignScopeSchema = z.strictObject({
  kind: text
    .refine(value => catalogNames.isValidKind(value), {
      message: 'must be a catalog kind such as component',
    })
    .optional(),
  owner: scopeRef('group', ['group', 'user']).optional(),
  system: scopeRef('system', ['system']).optional(),
  lifecycle: text.optional(),
});

/** @public */
export type CampaignScope = z.infer<typeof campaignScopeSchema>;

/** What an entity must reach to meet a campaign. @public */
export interface CampaignGoals {
  /** Minimum reached level per topic id. */
  topics?: Partial<Record<string, number>>;
  /** Minimum median level per dimension id. */
  dimensions?: Partial<Record<string, number>>;
  /** The latest assessment must be at most this many days old. */
  assessedWithinDays?: number;
}

/** Status kept in the database; "running" etc. are derived from the dates. @public */
export const CAMPAIGN_STATUSES = ['open', 'closed'] as const;

/** @public */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A campaign as created or edited by a client. @public */
export interface CampaignInput {
  title: string;
  description: string;
  scope: CampaignScope;
  goals: CampaignGoals;
  startsOn: string;
  deadline: string;
  status: CampaignStatus;
}

/** An edit names the version it started from, like an assessment. @public */
export interface CampaignUpdate extends CampaignInput {
  baseVersion: number;
}

/** Where a campaign comes from: the database (editable) or app-config. @public */
export type CampaignSource = 'database' | 'config';

/** A stored campaign at its latest version. @public */
export interface Campaign extends CampaignInput {
  id: string;
  version: number;
  source: CampaignSource;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /**
   * Scope keys whose group or system the caller may not see: their value is
   * replaced by words ("a hidden group"), and the campaign is not editable
   * by that caller.
   */
  hiddenScope?: Array<'owner' | 'system'>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The limits every campaign is held to (the backend's `maturity.campaignLimits`). @public */
export interface CampaignLimits {
  /**
   * The most days a campaign may run, its start and deadline days included;
   * it bounds the days of a burn-up and the history read for them.
   */
  maxDays: number;
}

/** The days a campaign runs, its start and deadline days included. @public */
export function campaignDays(
  campaign: Pick<CampaignInput, 'startsOn' | 'deadline'>,
): number {
  return (
    Math.round(
      (Date.parse(`${campaign.deadline}T00:00:00Z`) -
        Date.parse(`${campaign.startsOn}T00:00:00Z`)) /
        DAY_MS,
    ) + 1
  );
}

/**
 * Why a campaign created or moved now may not start on `startsOn`, or
 * undefined when it may: at most `maxDays` before today (UTC), so that a
 * campaign cannot be set up over years of history.
 * @public
 */
export function campaignStartProblem(
  startsOn: string,
  limits: CampaignLimits,
  now: Date,
): string | undefined {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const earliest = new Date(today - limits.maxDays * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return startsOn < earliest
    ? `must be at most ${limits.maxDays} days before today, ${earliest} or later (maturity.campaignLimits.maxDays)`
    : undefined;
}

/**
 * The schema of a campaign against one model: goals must name topics and
 * dimensions of the model, levels within a topic's range, at least one goal,
 * a deadline not before the start, and at most `limits.maxDays` days from
 * the start to the deadline, both included.
 * @public
 */
export function createCampaignInputSchema(
  model: MaturityModel,
  limits: CampaignLimits,
) {
  const topicMax = new Map(
    model.dimensions.flatMap(d => d.topics.map(t => [t.id, t.maxLevel])),
  );
  const dimensionIds = new Set(model.dimensions.map(d => d.id));
  const level = z.number().int().min(1).max(5);
  const goals = z
    .strictObject({
      topics: z.record(z.string(), level).optional(),
      dimensions: z.record(z.string(), level).optional(),
      assessedWithinDays: z.number().int().min(1).max(3650).optional(),
    })
    .superRefine((value, ctx) => {
      for (const [id, min] of Object.entries(value.topics ?? {})) {
        const max = topicMax.get(id);
        if (max === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['topics', id],
            message: 'is not a topic of the model',
          });
        } else if (min > max) {
          ctx.addIssue({
            code: 'custom',
            path: ['topics', id],
            message: `must be at most ${max}, the topic's highest level`,
          });
        }
      }
      for (const id of Object.keys(value.dimensions ?? {})) {
        if (!dimensionIds.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', id],
            message: 'is not a dimension of the model',
          });
        }
      }
      if (campaignGoalIds(value).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'needs at least one goal',
        });
      }
    });
  return z
    .strictObject({
      title: z.string().trim().min(1).max(200),
      description: z.string().max(4000).default(''),
      scope: campaignScopeSchema.default({}),
      goals,
      startsOn: calendarDateSchema,
      deadline: calendarDateSchema,
      status: z.enum(CAMPAIGN_STATUSES).default('open'),
    })
    .refine(value => value.deadline >= value.startsOn, {
      path: ['deadline'],
      message: 'must not be before startsOn',
    })
    .refine(value => campaignDays(value) <= limits.maxDays, {
      path: ['deadline'],
      message: `must be at most ${limits.maxDays} days from startsOn, both days included (maturity.campaignLimits.maxDays)`,
    });
}

/** The schema of `PUT /campaigns/{id}`. @public */
export function createCampaignUpdateSchema(
  model: MaturityModel,
  limits: CampaignLimits,
) {
  return createCampaignInputSchema(model, limits).and(
    z.object({ baseVersion: z.number().int().min(1) }),
  );
}

/** Query of `GET /campaigns/{id}/progress`. @public */
export const campaignProgressQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
  /** Only entities that still fall short (default) or every one. */
  show: z.enum(['short', 'all']).default('short'),
});

/** One goal's id: `topic:<id>`, `dimension:<id>` or `assessedWithinDays`. @public */
export function campaignGoalIds(goals: CampaignGoals): string[] {
  return [
    ...Object.keys(goals.topics ?? {}).map(id => `topic:${id}`),
    ...Object.keys(goals.dimensions ?? {}).map(id => `dimension:${id}`),
    ...(goals.assessedWithinDays !== undefined ? ['assessedWithinDays'] : []),
  ];
}
