import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  exemptionsQuerySchema,
  MaturitySettings,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request } from 'express';
import { toJson, withAuditEvent } from '../services/audit';
import { ExemptionService } from '../services/ExemptionService';
import type { Caller } from '../services/VisibleIndex';
import { chunkWriter } from './response/chunkWriter';
import { csvLine } from './response/csvLine';
import { Route, route } from './routes';

const CSV_COLUMNS = [
  'entityRef',
  'title',
  'ownerRef',
  'topicId',
  'reason',
  'author',
  'approver',
  'grantedAt',
  'endsAt',
] as const;

/**
 * The settings a client shows and sends by (attestation, exemptions), and
 * the exemptions in force as a list, JSON pages or one CSV file; reading the
 * list is audited like the overview's.
 */
export function attestationRoutes(deps: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  settings: MaturitySettings;
  exemptions: ExemptionService;
  readCaller: (req: Request) => Promise<Caller>;
}): Route[] {
  const { auditor, exemptions, readCaller } = deps;
  return [
    route('get', '/settings', {}, async (req, res) => {
      await deps.httpAuth.credentials(req);
      res.json(deps.settings);
    }),

    route(
      'get',
      '/exemptions',
      { query: exemptionsQuerySchema },
      async (req, res, query) => {
        const { format, limit, cursor, ...filter } = query;
        const caller = await readCaller(req);
        const event = {
          eventId: 'exemptions-read',
          request: req,
          meta: { filter: toJson(query) },
        };
        if (format === 'json') {
          res.json(
            await withAuditEvent(
              auditor,
              event,
              () => exemptions.page({ filter, limit, cursor }, caller),
              page => ({ rows: page.items.length }),
            ),
          );
          return;
        }
        await withAuditEvent(
          auditor,
          event,
          async () => {
            let rows = 0;
            const pages = exemptions.all(filter, caller);
            // The first page before the headers: a bad filter is still a 400.
            const first = await pages.next();
            res.setHeader('Content-Type', 'text/csv; charset=utf-8');
            res.setHeader(
              'Content-Disposition',
              'attachment; filename="maturity-exemptions.csv"',
            );
            const write = chunkWriter(res);
            await write(csvLine([...CSV_COLUMNS]));
            for (let page = first; !page.done; page = await pages.next()) {
              for (const item of page.value) {
                await write(csvLine(CSV_COLUMNS.map(c => item[c])));
              }
              rows += page.value.length;
            }
            res.end();
            return rows;
          },
          rows => ({ rows }),
        );
      },
    ),
  ];
}
