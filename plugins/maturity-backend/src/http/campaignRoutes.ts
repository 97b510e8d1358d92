import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  campaignProgressQuerySchema,
  createCampaignInputSchema,
  createCampaignUpdateSchema,
  maturityCampaignManagePermission,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Request } from 'express';
import { authorizeOrThrow } from '../permissions/authorize';
import { CampaignService } from '../services/CampaignService';
import { EntityLookup } from '../services/EntityLookup';
import { normalizeRef } from '../services/entityRefs';
import type { Caller } from '../services/VisibleIndex';
import { withAuditEvent } from '../services/audit';
import {
  campaignIdFromPath,
  parse,
  readJsonBody,
  refFromPath,
} from './request';
import { Route, route } from './routes';

/** The campaign routes: validate, authorise, call the campaign service, answer. */
export function campaignRoutes(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  model: MaturityModel;
  entities: EntityLookup;
  campaigns: CampaignService;
  readCaller: (req: Request) => Promise<Caller>;
}): Route[] {
  const { httpAuth, auditor, entities, campaigns, readCaller } = deps;
  const inputSchema = createCampaignInputSchema(deps.model, campaigns.limits);
  const updateSchema = createCampaignUpdateSchema(deps.model, campaigns.limits);

  /** The user who may create and edit campaigns; a 403 for anyone else. */
  async function manager(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorizeOrThrow(
      deps.permissions,
      { permission: maturityCampaignManagePermission },
      credentials,
      'You may not create or edit maturity campaigns',
    );
    return credentials;
  }

  return [
    route('get', '/campaigns', {}, async (req, res) => {
      res.json({ items: await campaigns.list(await readCaller(req)) });
    }),

    route('post', '/campaigns', {}, async (req, res) => {
      const campaign = await withAuditEvent(
        auditor,
        { eventId: 'campaign-create', request: req },
        async () => {
          const credentials = await manager(req);
          // Read only for a manager: nobody else gets a body parsed.
          await readJsonBody(req, res);
          const input = parse(inputSchema, req.body, 'campaign');
          return campaigns.create(input, credentials.principal.userEntityRef);
        },
        created => ({ campaignId: created.id }),
      );
      res.status(201).json(campaign);
    }),

    route('get', '/campaigns/:id', {}, async (req, res) => {
      const caller = await readCaller(req);
      res.json(await campaigns.summary(campaignIdFromPath(req), caller));
    }),

    route('put', '/campaigns/:id', {}, async (req, res) => {
      const id = campaignIdFromPath(req);
      const campaign = await withAuditEvent(
        auditor,
        { eventId: 'campaign-update', request: req, meta: { campaignId: id } },
        async () => {
          const credentials = await manager(req);
          await readJsonBody(req, res);
          const update = parse(updateSchema, req.body, 'campaign');
          return campaigns.update(
            id,
            update,
            credentials.principal.userEntityRef,
          );
        },
        updated => ({ version: updated.version, status: updated.status }),
      );
      res.json(campaign);
    }),

    route('get', '/campaigns/:id/versions', {}, async (req, res) => {
      const caller = await readCaller(req);
      res.json({
        items: await campaigns.versions(campaignIdFromPath(req), caller),
      });
    }),

    route(
      'get',
      '/campaigns/:id/progress',
      { query: campaignProgressQuerySchema },
      async (req, res, query) => {
        const caller = await readCaller(req);
        const id = campaignIdFromPath(req);
        res.json(await campaigns.progress(id, query, caller));
      },
    ),

    route(
      'get',
      '/entities/:kind/:namespace/:name/campaigns',
      {},
      async (req, res) => {
        const caller = await readCaller(req);
        // A 404 for an entity the caller cannot see, like the other entity routes.
        const entity = await entities.getEntity(refFromPath(req), caller);
        res.json(await campaigns.forEntity(normalizeRef(entity), caller));
      },
    ),
  ];
}
