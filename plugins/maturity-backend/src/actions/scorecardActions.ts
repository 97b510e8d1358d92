import { InputError } from '@backstage/errors';
import { Scorecard } from '@cnmm/backstage-plugin-maturity-common';
import type { ActionDeps } from './types';
import {
  entityRefOf,
  levelStatsSchema,
  nextStepSchema,
  toNextStep,
} from './common';
import { readCaller } from '../permissions/readVisibility';
import { findTopic } from './entityActions';
import { ActionsRegistryService } from './registry';

/** Topics a scorecard answers as its weakest. */
const WEAKEST_TOPICS = 5;

/** `get-scorecard` and `list-below-target`. */
export function registerScorecardActions(
  registry: ActionsRegistryService,
  deps: ActionDeps,
) {
  const { model, permissions, scorecards, belowTarget } = deps;
  const dimensionIds = model.dimensions.map(d => d.id);

  registry.register({
    name: 'get-scorecard',
    title: 'Get the maturity scorecard of a system, team or domain',
    description: `The ${model.title} roll-up of many components: a system's components, a group's (a team or department, with every team below it unless direct is true), or a domain's systems. Answers coverage (components, assessed, stale), the distribution and median of each dimension over the components, percent to target, the weakest topics (lowest medians) and one line per child (each sub-team of a group, each system of a domain). It lists no single component: use list-below-target for those. Current state only (no history).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: 'A department with its teams',
        input: { entityRef: 'group:default/engineering' },
      },
      {
        title: 'One team alone',
        input: { entityRef: 'group:default/payments', direct: true },
      },
      { title: 'A system', input: { entityRef: 'system:default/shop' } },
    ],
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe(
              'A system, group or domain as kind:namespace/name, e.g. group:default/engineering',
            ),
          direct: z
            .boolean()
            .optional()
            .describe(
              "Groups only: count only the group's own components, not its sub-teams'",
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          components: z.object({
            total: z.number(),
            assessed: z.number(),
            stale: z.number(),
          }),
          percentToTarget: z.number().nullable(),
          dimensions: z.array(
            levelStatsSchema(z).extend({ id: z.string(), title: z.string() }),
          ),
          weakestTopics: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              dimensionId: z.string(),
              median: z.number().nullable(),
              rated: z.number(),
            }),
          ),
          children: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().nullable(),
              components: z.object({
                total: z.number(),
                assessed: z.number(),
                stale: z.number(),
              }),
              dimensions: z.record(z.string(), z.number().nullable()),
              percentToTarget: z.number().nullable(),
            }),
          ),
          indexedAt: z
            .string()
            .describe('When ownership and group trees were last synced'),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = entityRefOf(input.entityRef, {
        kinds: ['system', 'group', 'domain'],
      });
      const caller = await readCaller(permissions, credentials);
      const options = { ...caller, entities: 'none' as const };
      let card: Scorecard;
      if (ref.startsWith('system:')) {
        card = await scorecards.systemScorecard(ref, options);
      } else if (ref.startsWith('domain:')) {
        card = await scorecards.domainScorecard(ref, options);
      } else {
        card = await scorecards.groupScorecard(ref, {
          ...options,
          direct: input.direct ?? false,
        });
      }
      return { output: scorecardOutput(deps, card) };
    },
  });

  registry.register({
    name: 'list-below-target',
    title: 'List the entities below their maturity target',
    description: `The assessed components (or another kind) of a scope whose latest ${
      model.title
    } assessment is below target, furthest from target first, each with its gaps (topic, level, target, gap) and next steps. The scope is a group with every team below it (scope: group), a group's own components (owner), a system, or a domain. Narrow to one dimension (${dimensionIds.join(
      ', ',
    )}) or one topic. Paged: pass nextCursor back as cursor for more; a narrowed page may hold fewer than limit and still continue. Unassessed entities are not listed (get-scorecard counts them).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: "A team's components below target in security",
        input: {
          scope: 'group',
          entityRef: 'group:default/payments',
          topic: 'process.security',
          limit: 20,
        },
      },
      {
        title: "A department's components below target in one dimension",
        input: {
          scope: 'group',
          entityRef: 'group:default/engineering',
          dimension: dimensionIds[0],
          limit: 10,
        },
      },
    ],
    schema: {
      input: z =>
        z.object({
          scope: z
            .enum(['group', 'owner', 'system', 'domain'])
            .describe(
              'group: owned by the group or a team below it; owner: owned by the group itself; system; domain',
            ),
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe(
              'The group, system or domain, e.g. group:default/payments',
            ),
          kind: z
            .string()
            .max(64)
            .optional()
            .describe('The kind of entity listed; component by default'),
          dimension: z
            .string()
            .max(128)
            .optional()
            .describe(`A dimension id or title: ${dimensionIds.join(', ')}`),
          topic: z
            .string()
            .max(200)
            .optional()
            .describe('A topic id (e.g. process.security) or its name'),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          cursor: z
            .string()
            .max(512)
            .optional()
            .describe('nextCursor of the previous page'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().nullable(),
              ownerRef: z.string().nullable(),
              systemRef: z.string().nullable(),
              revision: z.number().nullable(),
              assessedAt: z.string().nullable(),
              stale: z.boolean(),
              percentToTarget: z.number().nullable(),
              gaps: z.array(
                z.object({
                  dimensionId: z.string(),
                  topicId: z.string(),
                  level: z.number().nullable(),
                  target: z.number(),
                  gap: z.number(),
                }),
              ),
              nextSteps: z.array(nextStepSchema(z)),
            }),
          ),
          totalCount: z
            .number()
            .nullable()
            .describe(
              'Entities below target in the scope; null when narrowed to a dimension or topic',
            ),
          nextCursor: z.string().nullable(),
          indexedAt: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const kinds = {
        group: 'group',
        owner: 'group',
        system: 'system',
        domain: 'domain',
      } as const;
      const ref = entityRefOf(input.entityRef, {
        defaultKind: kinds[input.scope],
        kinds: [kinds[input.scope]],
      });
      const dimension =
        input.dimension === undefined
          ? undefined
          : dimensionOf(deps, input.dimension);
      const topic =
        input.topic === undefined ? undefined : findTopic(deps, input.topic);
      const caller = await readCaller(permissions, credentials);
      // The scope itself must be visible, like a scorecard's: else not found.
      await deps.entities.findEntity(ref, caller);
      const page = await belowTarget.page(
        {
          scope: {
            kind: input.kind,
            [input.scope]: ref,
          },
          dimension,
          topic: topic?.topic.id,
          limit: input.limit,
          cursor: input.cursor,
        },
        caller,
      );
      return {
        output: {
          items: page.items.map(item => ({
            entityRef: item.row.entityRef,
            title: item.row.title,
            ownerRef: item.row.ownerRef,
            systemRef: item.row.systemRef,
            revision: item.row.revision,
            assessedAt: item.row.assessedAt,
            stale: item.row.stale,
            percentToTarget: item.row.percentToTarget,
            gaps: item.gaps,
            nextSteps: item.nextSteps.map(toNextStep),
          })),
          totalCount: page.totalCount,
          nextCursor: page.nextCursor,
          indexedAt: page.indexedAt,
        },
      };
    },
  });
}

/** A dimension by id or title. */
function dimensionOf(deps: Pick<ActionDeps, 'model'>, text: string): string {
  const wanted = text.trim().toLocaleLowerCase('en-US');
  const found = deps.model.dimensions.find(
    d => d.id === wanted || d.title.toLocaleLowerCase('en-US') === wanted,
  );
  if (!found) {
    throw new InputError(
      `No dimension "${text}"; dimensions are ${deps.model.dimensions
        .map(d => d.id)
        .join(', ')}`,
    );
  }
  return found.id;
}

/** A scorecard as the action answers it: by dimension, weakest topics first. */
export function scorecardOutput(
  deps: Pick<ActionDeps, 'model'>,
  card: Scorecard,
) {
  const topics = deps.model.dimensions.flatMap(d =>
    d.topics.map(t => ({
      id: t.id,
      title: t.title,
      dimensionId: d.id,
      median: card.topics[t.id]?.median ?? null,
      rated: card.topics[t.id]?.rated ?? 0,
    })),
  );
  return {
    entityRef: card.entityRef,
    components: card.components,
    percentToTarget: card.percentToTarget,
    dimensions: deps.model.dimensions.map(d => ({
      id: d.id,
      title: d.title,
      ...card.dimensions[d.id],
    })),
    weakestTopics: topics
      .filter(t => t.median !== null)
      .sort((a, b) => a.median! - b.median! || b.rated - a.rated)
      .slice(0, WEAKEST_TOPICS),
    children: card.children,
    indexedAt: card.indexedAt,
  };
}
