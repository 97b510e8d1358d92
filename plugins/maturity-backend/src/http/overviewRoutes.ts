import { AuditorService } from '@backstage/backend-plugin-api';
import {
  assessedRefsQuerySchema,
  catalogRowsRequestSchema,
  exportQuerySchema,
  MaturityModel,
  overviewQuerySchema,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request } from 'express';
import { OverviewService } from '../services/OverviewService';
import type { Caller } from '../services/VisibleIndex';
import { toJson, withAuditEvent } from '../services/audit';
import { parse, readJsonBody } from './request';
import { writeExport } from './response/writeExport';
import { Route, route } from './routes';

/**
 * The organisation as lists: the catalog table's column and filter, the
 * overview and the export. Reads of the whole organisation are audited: who,
 * with which filter, and how many rows they returned.
 */
export function overviewRoutes(deps: {
  auditor: AuditorService;
  model: MaturityModel;
  overview: OverviewService;
  readCaller: (req: Request) => Promise<Caller>;
}): Route[] {
  const { auditor, overview, readCaller } = deps;
  const audited = (req: Request, eventId: string, filter: unknown) => ({
    eventId,
    request: req,
    meta: { filter: toJson(filter) },
  });

  return [
    // The catalog table asks for one page of rows at once, never row by row.
    route('post', '/entities/by-refs', {}, async (req, res) => {
      const caller = await readCaller(req);
      await readJsonBody(req, res);
      const { entityRefs, asOf } = parse(
        catalogRowsRequestSchema,
        req.body,
        'body',
      );
      res.json(await overview.catalogRows(entityRefs, { ...caller, asOf }));
    }),

    // What the catalog's maturity filter keeps: one list for the whole table.
    route(
      'get',
      '/entities/assessed',
      { query: assessedRefsQuerySchema },
      async (req, res, query) => {
        const caller = await readCaller(req);
        const filter = {
          minLevel: query.minLevel,
          stale: query.stale === undefined ? undefined : query.stale === 'true',
        };
        const entityRefs = await withAuditEvent(
          auditor,
          audited(req, 'assessed-refs-read', query),
          () => overview.assessedRefs(filter, caller),
          refs => ({ rows: refs.length }),
        );
        res.json({ entityRefs });
      },
    ),

    route(
      'get',
      '/overview',
      { query: overviewQuerySchema },
      async (req, res, { asOf, ...query }) => {
        const read = { ...(await readCaller(req)), asOf };
        res.json(
          await withAuditEvent(
            auditor,
            audited(req, 'overview-read', { ...query, asOf }),
            () => overview.overview(query, read),
            page => ({ rows: page.items.length }),
          ),
        );
      },
    ),

    route(
      'get',
      '/export',
      { query: exportQuerySchema },
      async (req, res, query) => {
        const { format, asOf, ...filter } = query;
        const read = { ...(await readCaller(req)), asOf };
        await withAuditEvent(
          auditor,
          audited(req, 'export-read', query),
          async () => {
            const { moment, rows } = overview.exportRows(filter, read);
            return writeExport(
              res,
              {
                format,
                model: deps.model,
                indexedAt: () => overview.indexedAt(),
                asOf: moment.answer.asOf,
              },
              rows,
            );
          },
          rows => ({ rows }),
        );
      },
    ),
  ];
}
