import type { ActionDeps } from './types';
import { Zod } from './common';
import { readCaller } from '../permissions/readVisibility';
import { ActionsRegistryService } from './registry';

const countSchema = (z: Zod) =>
  z.object({ total: z.number(), meeting: z.number() });

const campaignSchema = (z: Zod) =>
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(['open', 'closed']),
    phase: z.enum(['scheduled', 'running', 'ended', 'closed']),
    startsOn: z.string(),
    deadline: z.string(),
    daysLeft: z.number(),
    scope: z.record(z.string(), z.string()),
    goals: z
      .object({
        topics: z.record(z.string(), z.number()).optional(),
        dimensions: z.record(z.string(), z.number()).optional(),
        assessedWithinDays: z.number().optional(),
      })
      .describe('Minimum topic levels, dimension medians, assessment age'),
    progress: countSchema(z).describe(
      'In-scope entities the caller may see, and how many meet every goal',
    ),
  });

/** A campaign summary without what a model does not need (versions, authors). */
function campaignOutput(summary: {
  id: string;
  title: string;
  description: string;
  status: 'open' | 'closed';
  phase: 'scheduled' | 'running' | 'ended' | 'closed';
  startsOn: string;
  deadline: string;
  daysLeft: number;
  scope: Partial<Record<string, string>>;
  goals: {
    topics?: Partial<Record<string, number>>;
    dimensions?: Partial<Record<string, number>>;
    assessedWithinDays?: number;
  };
  progress: { total: number; meeting: number };
}) {
  const defined = (record: Partial<Record<string, number | string>>) =>
    Object.fromEntries(
      Object.entries(record).filter(([, v]) => v !== undefined),
    );
  return {
    id: summary.id,
    title: summary.title,
    description: summary.description,
    status: summary.status,
    phase: summary.phase,
    startsOn: summary.startsOn,
    deadline: summary.deadline,
    daysLeft: summary.daysLeft,
    scope: defined(summary.scope) as Record<string, string>,
    goals: {
      ...(summary.goals.topics && {
        topics: defined(summary.goals.topics) as Record<string, number>,
      }),
      ...(summary.goals.dimensions && {
        dimensions: defined(summary.goals.dimensions) as Record<string, number>,
      }),
      ...(summary.goals.assessedWithinDays !== undefined && {
        assessedWithinDays: summary.goals.assessedWithinDays,
      }),
    },
    progress: summary.progress,
  };
}

/** `list-campaigns` and `get-campaign-progress`. */
export function registerCampaignActions(
  registry: ActionsRegistryService,
  deps: ActionDeps,
) {
  const { permissions, campaigns } = deps;

  registry.register({
    name: 'list-campaigns',
    title: 'List maturity campaigns',
    description:
      'Every maturity improvement campaign (e.g. "all production services at level 3 in security by Q3"): its goals, scope, deadline, phase and how many in-scope entities the caller may see meet every goal. Use it to find a campaign id for get-campaign-progress.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [{ title: 'Every campaign', input: {} }],
    schema: {
      input: z => z.object({}),
      output: z => z.object({ items: z.array(campaignSchema(z)) }),
    },
    action: async ({ credentials }) => {
      const caller = await readCaller(permissions, credentials);
      const items = await campaigns.list(caller);
      return { output: { items: items.map(campaignOutput) } };
    },
  });

  registry.register({
    name: 'get-campaign-progress',
    title: 'Get the progress of a maturity campaign',
    description:
      "One campaign's progress for the entities the caller may see: how many meet every goal, per goal and per owning team, a daily burn-up, and the entities (those still short by default, show: all for every one) with the goals each misses. Paged: pass nextCursor back as cursor.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: 'Who is still short',
        input: { id: 'security-baseline', show: 'short', limit: 50 },
      },
      {
        title: 'Every entity, 10 at a time',
        input: { id: 'security-baseline', show: 'all', limit: 10 },
      },
    ],
    schema: {
      input: z =>
        z.object({
          id: z
            .string()
            .min(1)
            .max(64)
            .regex(/^[A-Za-z0-9-]+$/)
            .describe('The campaign id, from list-campaigns'),
          show: z.enum(['short', 'all']).default('short'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(512).optional(),
        }),
      output: z =>
        z.object({
          campaign: campaignSchema(z),
          total: z.number(),
          meeting: z.number(),
          byGoal: z.array(countSchema(z).extend({ goal: z.string() })),
          byTeam: z.array(
            countSchema(z).extend({ ownerRef: z.string().nullable() }),
          ),
          burnup: z.array(countSchema(z).extend({ date: z.string() })),
          entities: z.object({
            items: z.array(
              z.object({
                entityRef: z.string(),
                title: z.string().nullable(),
                ownerRef: z.string().nullable(),
                meets: z.boolean(),
                assessedAt: z.string().nullable(),
                misses: z.array(
                  z.object({
                    goal: z.string(),
                    type: z.enum(['topic', 'dimension', 'assessedWithinDays']),
                    id: z.string().optional(),
                    required: z.number(),
                    actual: z.number().nullable().optional(),
                    assessedAt: z.string().nullable().optional(),
                  }),
                ),
              }),
            ),
            totalCount: z.number(),
            nextCursor: z.string().nullable(),
          }),
        }),
    },
    action: async ({ input, credentials }) => {
      const caller = await readCaller(permissions, credentials);
      const { id, ...query } = input;
      const progress = await campaigns.progress(id, query, caller);
      return {
        output: { ...progress, campaign: campaignOutput(progress.campaign) },
      };
    },
  });
}
