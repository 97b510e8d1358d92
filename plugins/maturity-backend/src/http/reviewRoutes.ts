import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  reviewDecisionSchema,
  reviewQueueQuerySchema,
} from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod';
import { ReviewService } from '../services/ReviewService';
import { parse, readJsonBody, refFromPath } from './request';
import { Route, route } from './routes';

const revisionParams = z.object({
  revision: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

/** The four-eyes review: decisions on pending snapshots, and the queue. */
export function reviewRoutes(deps: {
  httpAuth: HttpAuthService;
  reviews: ReviewService;
}): Route[] {
  const { httpAuth, reviews } = deps;
  return [
    route(
      'post',
      '/entities/:kind/:namespace/:name/assessments/:revision/review',
      {},
      async (req, res) => {
        const entityRef = refFromPath(req);
        const { revision } = parse(revisionParams, req.params, 'revision');
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const stored = await reviews.decide({
          entityRef,
          revision,
          credentials,
          decision: async () => {
            await readJsonBody(req, res);
            return parse(reviewDecisionSchema, req.body, 'review');
          },
          audit: req,
        });
        res.json(stored);
      },
    ),

    // Oldest first: what the caller may decide, never their own.
    route(
      'get',
      '/reviews',
      { query: reviewQueueQuerySchema },
      async (req, res, query) => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        res.json(await reviews.queue(credentials, query));
      },
    ),
  ];
}
