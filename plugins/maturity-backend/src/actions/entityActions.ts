import { InputError, NotFoundError } from '@backstage/errors';
import {
  nextSteps,
  REVIEW_STATUSES,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ActionDeps } from './types';
import {
  entityRefOf,
  levelStatsSchema,
  nextStepSchema,
  toNextStep,
} from './common';
import { ActionsRegistryService } from './registry';

/** `get-entity-maturity` and `describe-topic`. */
export function registerEntityActions(
  registry: ActionsRegistryService,
  deps: ActionDeps,
) {
  const { model, assessments } = deps;

  registry.register({
    name: 'get-entity-maturity',
    title: 'Get the maturity of one entity',
    description: `How mature one catalog entity (usually a component) is on the ${model.title}: its latest assessment's level per dimension (the median of its topics) and per topic, each topic's target and gap, the next steps to close the gaps (the next level's criteria, with the official link), the revision, when and by whom it was assessed, and whether it is stale. Use it for "how mature is X?" or "what should X do next?". An entity that was never assessed answers assessed: false. An entity the caller may not see is not found.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      {
        title: 'A component by name',
        description: 'A bare name means component:default/<name>.',
        input: { entityRef: 'payments-api' },
      },
      {
        title: 'A full ref',
        input: { entityRef: 'component:default/payments-api' },
      },
    ],
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe(
              'The entity, as kind:namespace/name (e.g. component:default/payments-api) or a bare component name',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          assessed: z.boolean(),
          revision: z.number().nullable(),
          assessedAt: z.string().nullable(),
          assessedBy: z.string().nullable(),
          stale: z
            .boolean()
            .describe('Older than the configured staleness window'),
          modelVersion: z.string().nullable(),
          percentToTarget: z
            .number()
            .nullable()
            .describe('1 − total gap / total target; null without targets'),
          dimensions: z.array(
            levelStatsSchema(z).extend({ id: z.string(), title: z.string() }),
          ),
          topics: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              dimensionId: z.string(),
              level: z.number().nullable(),
              target: z.number().nullable(),
              gap: z.number().nullable(),
              notApplicable: z.boolean(),
            }),
          ),
          nextSteps: z.array(nextStepSchema(z)),
          comment: z.string().nullable(),
          review: z
            .enum(REVIEW_STATUSES)
            .nullable()
            .describe(
              'The latest assessment waits for review (pending) or was returned: the portal counts the earlier approved one meanwhile; null when written without review',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = entityRefOf(input.entityRef, { defaultKind: 'component' });
      // Visible and never assessed answers assessed: false, not "not found".
      const { entity, assessment: latest } = await assessments.latest(ref, {
        credentials,
      });
      const result = latest?.result;
      return {
        output: {
          entityRef: entity.ref,
          assessed: latest !== undefined,
          revision: latest?.revision ?? null,
          assessedAt: latest?.createdAt ?? null,
          assessedBy: latest?.createdBy ?? null,
          stale: result?.stale ?? false,
          modelVersion: latest?.modelVersion ?? null,
          percentToTarget: result?.percentToTarget ?? null,
          dimensions: result
            ? model.dimensions.map(d => ({
                id: d.id,
                title: d.title,
                ...result.dimensions[d.id],
              }))
            : [],
          topics: result
            ? model.dimensions.flatMap(d =>
                d.topics.map(t => ({
                  id: t.id,
                  title: t.title,
                  dimensionId: d.id,
                  level: result.topics[t.id]?.level ?? null,
                  target: result.topics[t.id]?.target ?? null,
                  gap: result.topics[t.id]?.gap ?? null,
                  notApplicable: result.topics[t.id]?.notApplicable ?? false,
                })),
              )
            : [],
          nextSteps: result ? nextSteps(model, result).map(toNextStep) : [],
          comment: latest?.comment ?? null,
          review: latest?.review?.status ?? null,
        },
      };
    },
  });

  registry.register({
    name: 'describe-topic',
    title: 'Describe a maturity model topic',
    description: `What one topic of the ${model.title} (${model.version}) means: its dimension, summary, and for each level its title and the criteria that must be true, with the official CNMM link. Give a topic id (e.g. process.security) or a name or part of one (e.g. "security"); several matches answer an error listing them. Use it to explain a level or a next step.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    examples: [
      { title: 'By id', input: { topic: 'process.security' } },
      { title: 'By name', input: { topic: 'Observability' } },
    ],
    schema: {
      input: z =>
        z.object({
          topic: z
            .string()
            .min(1)
            .max(200)
            .describe('A topic id (dimension.topic) or its name'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          title: z.string(),
          summary: z.string().nullable(),
          url: z.string().describe('The official CNMM page'),
          dimension: z.object({ id: z.string(), title: z.string() }),
          maxLevel: z.number(),
          levels: z.array(
            z.object({
              level: z.number(),
              name: z.string().describe('The model-wide name of the level'),
              title: z.string(),
              criteria: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const { dimension, topic } = findTopic(deps, input.topic);
      return {
        output: {
          id: topic.id,
          title: topic.title,
          summary: topic.summary ?? null,
          url: topic.url,
          dimension: { id: dimension.id, title: dimension.title },
          maxLevel: topic.maxLevel,
          levels: topic.levels.map(l => ({
            level: l.level,
            name: model.levels.find(info => info.level === l.level)?.name ?? '',
            title: l.title,
            criteria: l.criteria,
          })),
        },
      };
    },
  });
}

/** A topic by id, by exact name, or by the one name containing the text. */
export function findTopic(deps: Pick<ActionDeps, 'model'>, text: string) {
  const all = deps.model.dimensions.flatMap(dimension =>
    dimension.topics.map(topic => ({ dimension, topic })),
  );
  const wanted = text.trim().toLocaleLowerCase('en-US');
  const exact = all.filter(
    ({ topic }) =>
      topic.id === wanted || topic.title.toLocaleLowerCase('en-US') === wanted,
  );
  const found = exact.length
    ? exact
    : all.filter(({ topic }) =>
        `${topic.id} ${topic.title}`
          .toLocaleLowerCase('en-US')
          .includes(wanted),
      );
  if (found.length === 1) return found[0];
  if (!found.length) {
    throw new NotFoundError(
      `No topic matches "${text}"; topics are ${all
        .map(t => t.topic.id)
        .join(', ')}`,
    );
  }
  throw new InputError(
    `"${text}" matches several topics: ${found
      .map(t => `${t.topic.id} (${t.topic.title})`)
      .join(', ')}`,
  );
}
