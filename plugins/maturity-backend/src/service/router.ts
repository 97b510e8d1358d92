import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  assessedRefsQuerySchema,
  AssessmentSubmission,
  catalogRowsRequestSchema,
  createSubmissionSchema,
  describeV3Import,
  EntityMaturityExportRow,
  exportQuerySchema,
  groupScorecardQuerySchema,
  historyQuerySchema,
  mapV3Ratings,
  maturityAssessmentCreatePermission,
  overviewQuerySchema,
  Scorecard,
  scorecardQuerySchema,
  StoredAssessment,
  v3ImportSchema,
} from '@cnmm/backstage-plugin-maturity-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { MaturityService, ScorecardOptions } from './MaturityService';
import { chunkWriter } from './streaming';
import { readVisibility } from './visibility';
import { TooManyRequestsError, WriteRateLimiter } from './writeRateLimit';

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

const jsonBody = express.json({ limit: BODY_LIMIT });

/** Parses the body inside a handler, so that a 413 is audited like a 400. */
function readJsonBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) =>
    jsonBody(req, res, error => (error ? reject(error) : resolve())),
  );
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
  // Most cells are levels: nothing in them can need quoting.
  if (typeof value === 'boolean' || (typeof value === 'number' && value >= 0)) {
    return String(value);
  }
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
  /** Snapshot writes one user may make per minute; 60 by default. */
  writesPerMinute?: number;
}): Promise<express.Router> {
  const { httpAuth, permissions, auditor, service } = options;
  const limiter = new WriteRateLimiter(options.writesPerMinute ?? 60);

  /**
   * Audits a read of the whole organisation: who, with which filter, and how
   * many rows it returned.
   */
  async function auditedRead<T>(
    req: Request,
    eventId: string,
    filter: Record<string, unknown>,
    read: () => Promise<T>,
    rowsOf: (result: T) => number,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: { filter: JSON.parse(JSON.stringify(filter)) },
    });
    try {
      const result = await read();
      await event.success({ meta: { rows: rowsOf(result) } });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
  const submissionSchema = createSubmissionSchema(service.model);
  const topicIds = service.model.dimensions.flatMap(d =>
    d.topics.map(t => t.id),
  );

  const router = Router();

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

  // The catalog table asks for one page of rows at once, never row by row.
  router.post('/entities/by-refs', async (req, res) => {
    const caller = await reader(req);
    await readJsonBody(req, res);
    const { entityRefs } = parse(catalogRowsRequestSchema, req.body, 'body');
    res.json({ items: await service.catalogRows(entityRefs, caller) });
  });

  // What the catalog's maturity filter keeps: one list for the whole table.
  router.get('/entities/assessed', async (req, res) => {
    const caller = await reader(req);
    const query = parse(assessedRefsQuerySchema, req.query, 'query');
    const filter = {
      minLevel: query.minLevel,
      stale: query.stale === undefined ? undefined : query.stale === 'true',
    };
    const entityRefs = await auditedRead(
      req,
      'assessed-refs-read',
      query,
      () => service.assessedRefs(filter, caller),
      refs => refs.length,
    );
    res.json({ entityRefs });
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

  /**
   * Records a snapshot for the entity in the path: authenticated as a user,
   * rate limited, validated, authorised for that entity, audited (refusals
   * too). `toSubmission` turns the validated body into the submission, and
   * says what else the answer carries.
   */
  const recordAssessment =
    (
      eventId: string,
      toSubmission: (body: unknown) => {
        submission: AssessmentSubmission;
        answer?: (stored: StoredAssessment) => unknown;
      },
    ) =>
    async (req: Request, res: Response) => {
      const path = { ...req.params };
      let credentials;
      try {
        credentials = await httpAuth.credentials(req, { allow: ['user'] });
      } catch (error) {
        // Without credentials there is no actor: the event names the address.
        const refused = await auditor.createEvent({
          eventId,
          severityLevel: 'medium',
          meta: { path, ip: req.ip ?? null },
        });
        await refused.fail({ error: error as Error });
        throw error;
      }
      const auditorEvent = await auditor.createEvent({
        eventId,
        severityLevel: 'medium',
        request: req,
        meta: { path },
      });
      try {
        const entityRef = refFromPath(req);
        limiter.take(credentials.principal.userEntityRef);
        await readJsonBody(req, res);
        const { submission, answer } = toSubmission(req.body);
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
        await auditorEvent.success({
          meta: { entityRef, revision: stored.revision },
        });
        res.status(201).json(answer ? answer(stored) : stored);
      } catch (error) {
        if (error instanceof TooManyRequestsError) {
          res.set('Retry-After', String(error.retryAfterSeconds));
        }
        await auditorEvent.fail({ error: error as Error });
        throw error;
      }
    };

  router.post(
    '/entities/:kind/:namespace/:name/assessments',
    recordAssessment('assessment-create', body => ({
      submission: parse(submissionSchema, body, 'assessment'),
    })),
  );

  // A CNMM 3.x assessment becomes an ordinary snapshot of 4.0 ratings, its
  // source and what the mapping moved or dropped said in its comment.
  router.post(
    '/entities/:kind/:namespace/:name/imports/v3',
    recordAssessment('assessment-import', body => {
      const { baseRevision, assessment } = parse(
        v3ImportSchema,
        body,
        'import',
      );
      const mapping = mapV3Ratings(assessment.ratings);
      const submission = parse(
        submissionSchema,
        {
          baseRevision,
          ratings: mapping.ratings,
          comment: describeV3Import(assessment.cnmmVersion, mapping),
        },
        'import',
      );
      return {
        submission,
        answer: stored => ({
          assessment: stored,
          mapping: { dropped: mapping.dropped, shifted: mapping.shifted },
        }),
      };
    }),
  );

  /**
   * Answers a scorecard. With every entity (the default) the rows are
   * streamed as they are read and the roll-up follows them, so that an
   * organisation of 100,000 components is never held in memory at once.
   */
  const sendScorecard = async (
    req: Request,
    res: Response,
    entities: 'all' | 'none',
    compute: (cardOptions: ScorecardOptions) => Promise<Scorecard>,
  ) => {
    const caller = await reader(req);
    if (entities === 'none') {
      res.json(await compute({ ...caller, entities: 'none' }));
      return;
    }
    const write = chunkWriter(res);
    let separator: string | undefined;
    const card = await compute({
      ...caller,
      entities: async rows => {
        if (separator === undefined) {
          res.type('application/json');
          await write('{"entities":[');
          separator = '';
        }
        if (!rows.length) return;
        await write(separator + rows.map(row => JSON.stringify(row)).join(','));
        separator = ',';
      },
    });
    if (separator === undefined) {
      res.json(card);
      return;
    }
    const { entities: _streamed, ...rollUp } = card;
    res.end(`],${JSON.stringify(rollUp).slice(1)}`);
  };

  router.get('/scorecards/systems/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req, 'system');
    const { entities } = parse(scorecardQuerySchema, req.query, 'query');
    await sendScorecard(req, res, entities, cardOptions =>
      service.systemScorecard(ref, cardOptions),
    );
  });

  router.get('/scorecards/domains/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req, 'domain');
    const { entities } = parse(scorecardQuerySchema, req.query, 'query');
    await sendScorecard(req, res, entities, cardOptions =>
      service.domainScorecard(ref, cardOptions),
    );
  });

  router.get('/scorecards/groups/:namespace/:name', async (req, res) => {
    const ref = refFromPath(req, 'group');
    const { entities, direct } = parse(
      groupScorecardQuerySchema,
      req.query,
      'query',
    );
    await sendScorecard(req, res, entities, cardOptions =>
      service.groupScorecard(ref, {
        ...cardOptions,
        direct: direct === 'true',
      }),
    );
  });

  router.get('/overview', async (req, res) => {
    const caller = await reader(req);
    const query = parse(overviewQuerySchema, req.query, 'query');
    res.json(
      await auditedRead(
        req,
        'overview-read',
        query,
        () => service.overview(query, caller),
        page => page.items.length,
      ),
    );
  });

  router.get('/export', async (req, res) => {
    const caller = await reader(req);
    const { format, ...filter } = parse(exportQuerySchema, req.query, 'query');
    const event = await auditor.createEvent({
      eventId: 'export-read',
      severityLevel: 'medium',
      request: req,
      meta: { filter: JSON.parse(JSON.stringify({ format, ...filter })) },
    });
    const rows = service.exportRows(filter, caller);
    // The first batch is read before anything is sent, so that a failure
    // there is still a clean error answer rather than a cut-off file.
    let first: IteratorResult<EntityMaturityExportRow[]>;
    try {
      first = await rows.next();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    let count = 0;
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
    const counted = async function* counted() {
      for await (const batch of batches()) {
        count += batch.length;
        yield batch;
      }
    };
    const write = chunkWriter(res);
    if (format === 'json') {
      res.type('application/json');
      res.write('[');
      let separator = '\n';
      for await (const batch of counted()) {
        if (!batch.length) continue;
        await write(separator + batch.map(r => JSON.stringify(r)).join(',\n'));
        separator = ',\n';
      }
      res.end('\n]\n');
      await event.success({ meta: { rows: count } });
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
    for await (const batch of counted()) {
      await write(
        batch
          .map((row: EntityMaturityExportRow) =>
            [
              ...CSV_FIXED_COLUMNS.map(column => row[column]),
              ...dimensionIds.map(id => row.dimensions[id]),
              ...topicIds.map(id =>
                row.notApplicable.includes(id) ? 'n/a' : row.topics[id],
              ),
            ]
              .map(csvCell)
              .join(','),
          )
          .map(line => `${line}\n`)
          .join(''),
      );
    }
    res.end();
    await event.success({ meta: { rows: count } });
  });

  return router;
}
