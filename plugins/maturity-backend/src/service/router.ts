import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createSubmissionSchema,
  EntityMaturityExportRow,
  exportQuerySchema,
  historyQuerySchema,
  maturityAssessmentCreatePermission,
  overviewQuerySchema,
} from '@cnmm/backstage-plugin-maturity-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MaturityService } from './MaturityService';
import { readVisibility } from './visibility';

/** Larger bodies answer 413: a full assessment with notes is well below it. */
export const BODY_LIMIT = '512kb';

export function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(
      issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new InputError(`Invalid ${what}: ${issues.join('; ')}`);
  }
  return result.data;
}

// The catalog's own grammar for ref parts; anything else (":", "/", spaces)
// cannot name an entity, so it is a 400 rather than a failed lookup.
const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: 'must be letters, digits, ".", "_" or "-"',
  });
const pathParams = z.object({
  kind: refPart.optional(),
  namespace: refPart,
  name: refPart,
});

export function refFromPath(req: Request, kind?: string): string {
  const params = parse(pathParams, req.params, 'entity path');
  return stringifyEntityRef({
    kind: kind ?? params.kind!,
    namespace: params.namespace,
    name: params.name,
  });
}

const CSV_FIXED_COLUMNS = [
  'entityRef',
  'kind',
  'namespace',
  'name',
  'ownerRef',
  'systemRef',
  'lifecycle',
  'revision',
  'assessedAt',
  'stale',
  'percentToTarget',
] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what would break a row, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The HTTP API of the maturity plugin: validate, authorise, delegate. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  service: MaturityService;
}): Promise<express.Router> {
  const { httpAuth, permissions, auditor, service } = options;
  const submissionSchema = createSubmissionSchema(service.model);
  const topicIds = service.model.dimensions.flatMap(d =>
    d.topics.map(t => t.id),
  );

  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  /** Who is asking, and what of the catalog they may read: once a request. */
  async function reader(req: Request) {
    const credentials = await httpAuth.credentials(req);
    return {
      credentials,
      visibility: await readVisibility(permissions, credentials),
    };
  }

  router.get('/model', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(service.model);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req);
    const entity = await service.findEntity(ref, await reader(req));
    res.json(await service.getLatest(entity));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const caller = await reader(req);
    const query = parse(historyQuerySchema, req.query, 'query');
    const entity = await service.findEntity(refFromPath(req), caller);
    res.json(await service.getHistory(entity, query));
  });

  router.post(
    '/entities/:kind/:namespace/:name/assessments',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const entityRef = refFromPath(req);
      const auditorEvent = await auditor.createEvent({
        eventId: 'assessment-create',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef },
      });
      try {
        const submission = parse(submissionSchema, req.body, 'assessment');
        const entity = await service.getEntity(entityRef, { credentials });
        const [decision] = await permissions.authorize(
          [
            {
              permission: maturityAssessmentCreatePermission,
              resourceRef: stringifyEntityRef(entity),
            },
          ],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `You may not record a maturity assessment for ${entityRef}`,
          );
        }
        const stored = await service.submit(
          entity,
          submission,
          credentials.principal.userEntityRef,
        );
        await auditorEvent.success({ meta: { revision: stored.revision } });
        res.status(201).json(stored);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.get('/scorecards/systems/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req, 'system');
    res.json(await service.systemScorecard(ref, await reader(req)));
  });

  router.get('/scorecards/domains/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req, 'domain');
    res.json(await service.domainScorecard(ref, await reader(req)));
  });

  router.get('/scorecards/groups/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req, 'group');
    const { direct } = parse(
      z.strictObject({ direct: z.enum(['true', 'false']).optional() }),
      req.query,
      'query',
    );
    res.json(
      await service.groupScorecard(ref, {
        ...(await reader(req)),
        direct: direct === 'true',
      }),
    );
  });

  router.get('/overview', async (req, res) => {
    const caller = await reader(req);
    const query = parse(overviewQuerySchema, req.query, 'query');
    res.json(await service.overview(query, caller));
  });

  router.get('/export', async (req, res) => {
    const caller = await reader(req);
    const { format, ...filter } = parse(exportQuerySchema, req.query, 'query');
    const rows = service.exportRows(filter, caller);
    // The first batch is read before anything is sent, so that a failure
    // there is still a clean error answer rather than a cut-off file.
    const first = await rows.next();
    const stamp = new Date().toISOString().slice(0, 10);
    res.attachment(`maturity-${stamp}.${format}`);
    res.setHeader(
      'X-Maturity-Indexed-At',
      (await service.indexedAt()).toISOString(),
    );
    const batches = async function* batches() {
      if (!first.done) yield first.value;
      yield* rows;
    };
    if (format === 'json') {
      res.type('application/json');
      res.write('[');
      let separator = '\n';
      for await (const batch of batches()) {
        if (!batch.length) continue;
        res.write(separator + batch.map(r => JSON.stringify(r)).join(',\n'));
        separator = ',\n';
      }
      res.end('\n]\n');
      return;
    }
    res.type('text/csv');
    const dimensionIds = service.model.dimensions.map(d => d.id);
    res.write(
      `${[
        ...CSV_FIXED_COLUMNS,
        ...dimensionIds.map(id => `median:${id}`),
        ...topicIds,
      ].join(',')}\n`,
    );
    // One write per batch: one write per row costs more than the rows.
    for await (const batch of batches()) {
      res.write(
        batch
          .map((row: EntityMaturityExportRow) =>
            [
              ...CSV_FIXED_COLUMNS.map(column => row[column]),
              ...dimensionIds.map(id => row.dimensions[id]),
              ...topicIds.map(id => row.topics[id]),
            ]
              .map(csvCell)
              .join(','),
          )
          .map(line => `${line}\n`)
          .join(''),
      );
    }
    res.end();
  });

  return router;
}
