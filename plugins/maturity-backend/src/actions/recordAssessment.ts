import { NotAllowedError } from '@backstage/errors';
import {
  createSubmissionSchema,
  RATINGS,
  REVIEW_STATUSES,
} from '@cnmm/backstage-plugin-maturity-common';
import { parse } from '../http/request';
import { TooManyRequestsError } from '../services/writeRateLimit';
import type { ActionDeps } from './types';
import { entityRefOf } from './common';
import { ActionsRegistryService } from './registry';

/** `record-assessment`: the form's write path, for a signed-in user. */
export function registerRecordAssessment(
  registry: ActionsRegistryService,
  deps: ActionDeps,
) {
  const { model, writer } = deps;
  const submissionSchema = createSubmissionSchema(model);
  const firstTopic = model.dimensions[0].topics[0].id;

  registry.register({
    name: 'record-assessment',
    title: 'Record a maturity assessment',
    description: `Records a new ${
      model.title
    } assessment of one entity as the signed-in user, exactly as the portal's form does: a new revision that replaces the latest for every reader. Rate each topic level by level (1 up to the topic's maximum) with one of ${RATINGS.join(
      ', ',
    )}; a topic left out stays unrated; a topic rated not-applicable at every level is an exemption and, when the portal enables exemptions, needs its reason in exemptions. To re-confirm topics whose ratings have not changed, send their ratings as read and list them in confirmed. Give baseRevision: the revision you read with get-entity-maturity (0 for a first assessment); if someone recorded another since, this is a conflict and nothing is stored. Needs the create permission for the entity (usually its owners); a service token is refused. Confirm with the user before calling it.`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    examples: [
      {
        title: 'A first, partial assessment',
        input: {
          entityRef: 'component:default/payments-api',
          baseRevision: 0,
          ratings: { [firstTopic]: { '1': 'fully', '2': 'partially' } },
          comment: 'Baseline from the team review',
        },
      },
    ],
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe('kind:namespace/name, or a bare component name'),
          baseRevision: z.coerce
            .number()
            .int()
            .min(0)
            .describe('The latest revision read; 0 when none exists'),
          ratings: z
            .record(z.string(), z.record(z.string(), z.enum(RATINGS)))
            .describe(
              `By topic id, then by level ("1".."5"): a rating, e.g. {"${firstTopic}": {"1": "fully", "2": "largely"}}`,
            ),
          targets: z
            .record(z.string(), z.number().int().min(0).max(5))
            .optional()
            .describe('Target level by topic id, overriding the defaults'),
          notes: z.record(z.string(), z.string()).optional(),
          evidence: z
            .record(z.string(), z.array(z.string()))
            .optional()
            .describe('http(s) links by topic id'),
          comment: z.string().optional(),
          confirmed: z
            .array(z.string())
            .optional()
            .describe(
              'Topic ids whose ratings are confirmed unchanged (re-attested): send their ratings as read',
            ),
          exemptions: z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'By topic id, the reason of each topic rated not-applicable at every level (an exemption): required for each when exemptions are enabled, refused otherwise',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          revision: z.number().describe('The new revision'),
          createdAt: z.string(),
          createdBy: z.string(),
          percentToTarget: z.number().nullable(),
          dimensions: z.record(z.string(), z.number().nullable()),
          review: z
            .enum(REVIEW_STATUSES)
            .nullable()
            .describe(
              'pending: it counts once someone else approves it; null: it counts at once',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entityRef, ...body } = input;
      try {
        const { stored } = await writer.write({
          eventId: 'assessment-create',
          credentials,
          entityRef: () => entityRefOf(entityRef, { defaultKind: 'component' }),
          prepare: async () => ({
            submission: parse(submissionSchema, body, 'assessment'),
          }),
          audit: { meta: { entityRef, via: 'action' } },
        });
        return {
          output: {
            entityRef: stored.entityRef,
            revision: stored.revision,
            createdAt: stored.createdAt,
            createdBy: stored.createdBy,
            percentToTarget: stored.result.percentToTarget,
            dimensions: Object.fromEntries(
              Object.entries(stored.result.dimensions).map(([id, s]) => [
                id,
                s.median,
              ]),
            ),
            review: stored.review?.status ?? null,
          },
        };
      } catch (error) {
        // MCP clients are shown known errors only: the limit says when to retry.
        if (error instanceof TooManyRequestsError) {
          throw new NotAllowedError(error.message);
        }
        throw error;
      }
    },
  });
}
