import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  asOfQuerySchema,
  AssessmentSubmission,
  createSubmissionSchema,
  historyQuerySchema,
  MaturityModel,
  StoredAssessment,
  v3ImportSchema,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request, Response } from 'express';
import { AssessmentService } from '../services/AssessmentService';
import { AssessmentWriter } from '../services/AssessmentWriter';
import { v3ImportSubmission } from '../services/v3Import';
import { RefusalSampler, refuseUnauthenticated } from './refusalAudit';
import { parse, readJsonBody, refFromPath } from './request';
import { Route, route } from './routes';
import { TooManyRequestsError } from '../services/writeRateLimit';

/** What a write route makes of its body, for the entity in its path. */
type ToSubmission = (
  body: unknown,
  entityRef: string,
  credentials: BackstageCredentials,
) => Promise<{
  submission: AssessmentSubmission;
  /** What the answer carries besides the snapshot, if anything. */
  answer?: (stored: StoredAssessment) => unknown;
}>;

/** The model, one entity's assessment and history, and writes of snapshots. */
export function assessmentRoutes(deps: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  model: MaturityModel;
  assessments: AssessmentService;
  writer: AssessmentWriter;
  /** Which refusals before authentication are audited. */
  refusals: RefusalSampler;
}): Route[] {
  const { httpAuth, auditor, assessments } = deps;
  const submissionSchema = createSubmissionSchema(deps.model);

  /**
   * Who may write: a user. The route is open to unauthenticated requests so
   * that their refusal is audited here, sampled by address.
   */
  async function writer(req: Request, eventId: string) {
    try {
      return await httpAuth.credentials(req, { allow: ['user'] });
    } catch (error) {
      return refuseUnauthenticated(
        { auditor, sampler: deps.refusals },
        req,
        eventId,
        error,
      );
    }
  }

  /**
   * Records a snapshot for the entity in the path through the write path of
   * `AssessmentWriter` (rate limit, validation, permission, audit, conflict
   * check); the body is read inside it, so that a 413 is audited too.
   */
  const recordAssessment =
    (eventId: string, toSubmission: ToSubmission) =>
    async (req: Request, res: Response) => {
      const credentials = await writer(req, eventId);
      try {
        const { stored, extra } = await deps.writer.write({
          eventId,
          credentials,
          entityRef: () => refFromPath(req),
          prepare: async () => {
            await readJsonBody(req, res);
            const { submission, answer } = await toSubmission(
              req.body,
              refFromPath(req),
              credentials,
            );
            return { submission, extra: answer };
          },
          audit: { request: req, meta: { path: { ...req.params } } },
        });
        res.status(201).json(extra ? extra(stored) : stored);
      } catch (error) {
        if (error instanceof TooManyRequestsError) {
          res.set('Retry-After', String(error.retryAfterSeconds));
        }
        throw error;
      }
    };

  return [
    route('get', '/model', {}, async (req, res) => {
      await httpAuth.credentials(req);
      res.json(deps.model);
    }),

    // One entity's notes, evidence and comments: the catalog decides, as
    // the caller, whether they may see it (AssessmentService).
    route(
      'get',
      '/entities/:kind/:namespace/:name',
      { query: asOfQuerySchema },
      async (req, res, { asOf }) => {
        const ref = refFromPath(req);
        const credentials = await httpAuth.credentials(req);
        res.json(await assessments.getLatest(ref, { credentials, asOf }));
      },
    ),

    route(
      'get',
      '/entities/:kind/:namespace/:name/history',
      { query: historyQuerySchema },
      async (req, res, query) => {
        const ref = refFromPath(req);
        const credentials = await httpAuth.credentials(req);
        res.json(await assessments.getHistory(ref, { credentials }, query));
      },
    ),

    route(
      'post',
      '/entities/:kind/:namespace/:name/assessments',
      {},
      recordAssessment('assessment-create', async body => ({
        submission: parse(submissionSchema, body, 'assessment'),
      })),
    ),

    // A CNMM 3.x assessment becomes an ordinary snapshot of 4.0 ratings,
    // merged into the latest one unless the client asks to replace it; its
    // source and what the mapping moved or dropped said in its comment.
    route(
      'post',
      '/entities/:kind/:namespace/:name/imports/v3',
      {},
      recordAssessment(
        'assessment-import',
        async (body, entityRef, credentials) => {
          const { submission, outcome } = await v3ImportSubmission(
            assessments,
            entityRef,
            { credentials },
            parse(v3ImportSchema, body, 'import'),
          );
          return {
            submission: parse(submissionSchema, submission, 'import'),
            answer: stored => ({ assessment: stored, ...outcome }),
          };
        },
      ),
    ),
  ];
}
