import { AuditorService } from '@backstage/backend-plugin-api';
import {
  changesQuerySchema,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request } from 'express';
import { ChangesService } from '../services/ChangesService';
import type { Caller } from '../services/VisibleIndex';
import { toJson, withAuditEvent } from '../services/audit';
import { writeChanges } from './response/writeChanges';
import { Route, route } from './routes';

/**
 * What changed between two dates in a scope, as a page or a CSV file of the
 * whole scope. Audited like the overview: who, with which filter and
 * dates, and how many rows they returned.
 */
export function changesRoutes(deps: {
  auditor: AuditorService;
  model: MaturityModel;
  changes: ChangesService;
  readCaller: (req: Request) => Promise<Caller>;
}): Route[] {
  const { auditor, changes, readCaller } = deps;
  return [
    route(
      'get',
      '/changes',
      { query: changesQuerySchema },
      async (req, res, { format, direct, ...query }) => {
        const caller = await readCaller(req);
        const asked = { ...query, direct: direct === 'true' };
        const event = {
          eventId: 'changes-read',
          request: req,
          meta: { filter: toJson({ ...asked, format }) },
        };
        if (format === 'json') {
          res.json(
            await withAuditEvent(
              auditor,
              event,
              () => changes.page(asked, caller),
              page => ({ rows: page.items.length }),
            ),
          );
          return;
        }
        await withAuditEvent(
          auditor,
          event,
          async () => {
            const { span, indexedAt, rows } = await changes.rows(asked, caller);
            return writeChanges(
              res,
              { model: deps.model, span, indexedAt },
              rows,
            );
          },
          rows => ({ rows }),
        );
      },
    ),
  ];
}
