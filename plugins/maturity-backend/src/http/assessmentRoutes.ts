import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  AssessmentSubmission,
  createSubmissionSchema,
  describeV3Import,
  historyQuerySchema,
  mapV3Ratings,
  MaturityModel,
  StoredAssessment,
  v3ImportSchema,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request, Response } from 'express';
import { AssessmentService } from '../services/AssessmentService';
import { AssessmentWriter } from '../services/AssessmentWriter';
import { withAuditEvent } from '../services/audit';
import { parse, readJsonBody, refFromPath } from './request';
import { Route, route } from './routes';
import { TooManyRequestsError } from '../services/writeRateLimit';

/** What a write route makes of its validated body. */
type ToSubmission = (body: unknown) => {
  submission: AssessmentSubmission;
  /** What the answer carries besides the snapshot, if anything. */
  answer?: (stored: StoredAssessment) => unknown;
};

/** The model, one entity's assessment and history, and writes of snapshots. */
export function assessmentRoutes(deps: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  model: MaturityModel;
  assessments: AssessmentService;
  writer: AssessmentWriter;
}): Route[] {
  const { httpAuth, auditor, assessments } = deps;
  const submissionSchema = createSubmissionSchema(deps.model);

  /** Who may write: a user; a refusal is audited with the caller's address. */
  async function writer(req: Request, eventId: string) {
    try {
      return await httpAuth.credentials(req, { allow: ['user'] });
    } catch (error) {
      // Without credentials there is no actor: the event names the address.
      return withAuditEvent(
        auditor,
        { eventId, meta: { path: { ...req.params }, ip: req.ip ?? null } },
        () => Promise.reject(error),
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
            const { submission, answer } = toSubmission(req.body);
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
    route('get', '/entities/:kind/:namespace/:name', {}, async (req, res) => {
      const ref = refFromPath(req);
      const credentials = await httpAuth.credentials(req);
      res.json(await assessments.getLatest(ref, { credentials }));
    }),

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
      recordAssessment('assessment-create', body => ({
        submission: parse(submissionSchema, body, 'assessment'),
      })),
    ),

    // A CNMM 3.x assessment becomes an ordinary snapshot of 4.0 ratings, its
    // source and what the mapping moved or dropped said in its comment.
    route(
      'post',
      '/entities/:kind/:namespace/:name/imports/v3',
      {},
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
            mapping: {
              dropped: mapping.dropped,
              shifted: mapping.shifted,
              approximate: mapping.approximate,
            },
          }),
        };
      }),
    ),
  ];
}
