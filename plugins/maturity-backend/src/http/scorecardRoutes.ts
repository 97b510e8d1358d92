import {
  groupScorecardQuerySchema,
  scorecardQuerySchema,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request } from 'express';
import { ScorecardService } from '../services/ScorecardService';
import type { Caller } from '../services/VisibleIndex';
import { refFromPath } from './request';
import { sendScorecard } from './response/streamScorecard';
import { Route, route } from './routes';

/** The scorecards of a system, a domain, and a group with its sub-teams. */
export function scorecardRoutes(deps: {
  scorecards: ScorecardService;
  readCaller: (req: Request) => Promise<Caller>;
}): Route[] {
  const { scorecards, readCaller } = deps;
  return [
    route(
      'get',
      '/scorecards/systems/:namespace/:name',
      { query: scorecardQuerySchema },
      async (req, res, { entities }) => {
        const ref = refFromPath(req, 'system');
        await sendScorecard(res, await readCaller(req), entities, options =>
          scorecards.systemScorecard(ref, options),
        );
      },
    ),

    route(
      'get',
      '/scorecards/domains/:namespace/:name',
      { query: scorecardQuerySchema },
      async (req, res, { entities }) => {
        const ref = refFromPath(req, 'domain');
        await sendScorecard(res, await readCaller(req), entities, options =>
          scorecards.domainScorecard(ref, options),
        );
      },
    ),

    route(
      'get',
      '/scorecards/groups/:namespace/:name',
      { query: groupScorecardQuerySchema },
      async (req, res, { entities, direct }) => {
        const ref = refFromPath(req, 'group');
        await sendScorecard(res, await readCaller(req), entities, options =>
          scorecards.groupScorecard(ref, {
            ...options,
            direct: direct === 'true',
          }),
        );
      },
    ),
  ];
}
