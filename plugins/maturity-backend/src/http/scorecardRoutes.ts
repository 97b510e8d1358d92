import {
  groupScorecardQuerySchema,
  scorecardQuerySchema,
  trendQuerySchema,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request } from 'express';
import { ScorecardService } from '../services/ScorecardService';
import type { Caller } from '../services/VisibleIndex';
import { refFromPath } from './request';
import { sendScorecard } from './response/streamScorecard';
import { Route, route } from './routes';

/**
 * The scorecards of a system, a domain, and a group with its sub-teams (now
 * or as of a date), and a group's trend by month.
 */
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
      async (req, res, { entities, asOf }) => {
        const ref = refFromPath(req, 'system');
        const read = { ...(await readCaller(req)), asOf };
        await sendScorecard(res, read, entities, options =>
          scorecards.systemScorecard(ref, options),
        );
      },
    ),

    route(
      'get',
      '/scorecards/domains/:namespace/:name',
      { query: scorecardQuerySchema },
      async (req, res, { entities, asOf }) => {
        const ref = refFromPath(req, 'domain');
        const read = { ...(await readCaller(req)), asOf };
        await sendScorecard(res, read, entities, options =>
          scorecards.domainScorecard(ref, options),
        );
      },
    ),

    route(
      'get',
      '/scorecards/groups/:namespace/:name',
      { query: groupScorecardQuerySchema },
      async (req, res, { entities, direct, asOf }) => {
        const ref = refFromPath(req, 'group');
        const read = { ...(await readCaller(req)), asOf };
        await sendScorecard(res, read, entities, options =>
          scorecards.groupScorecard(ref, {
            ...options,
            direct: direct === 'true',
          }),
        );
      },
    ),

    route(
      'get',
      '/scorecards/groups/:namespace/:name/trend',
      { query: trendQuerySchema },
      async (req, res, { months, direct }) => {
        const ref = refFromPath(req, 'group');
        const caller = await readCaller(req);
        res.json(
          await scorecards.groupTrend(ref, {
            ...caller,
            months,
            direct: direct === 'true',
          }),
        );
      },
    ),
  ];
}
