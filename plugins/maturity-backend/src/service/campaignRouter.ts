import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  campaignProgressQuerySchema,
  createCampaignInputSchema,
  createCampaignUpdateSchema,
  maturityCampaignManagePermission,
} from '@cnmm/backstage-plugin-maturity-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { CampaignService } from './CampaignService';
import { MaturityService, normalizeRef } from './MaturityService';
import { BODY_LIMIT, parse, refFromPath } from './router';
import { readVisibility } from './visibility';

const idParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, { message: 'must be a campaign id' }),
});

/**
 * The campaign routes: validate, authorise, call the campaign service,
 * answer. Mounted by the plugin next to the assessment routes.
 */
export function createCampaignRouter(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  maturity: MaturityService;
  campaigns: CampaignService;
}) {
  const { httpAuth, permissions, auditor, maturity, campaigns } = deps;
  const inputSchema = createCampaignInputSchema(maturity.model);
  const updateSchema = createCampaignUpdateSchema(maturity.model);
  const router = Router();
  router.use(express.json({ limit: BODY_LIMIT }));

  async function authorizeManage(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: maturityCampaignManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not create or edit maturity campaigns',
      );
    }
    return credentials;
  }

  /** The caller and what of the catalog they may see. */
  async function reader(req: Request) {
    const credentials = await httpAuth.credentials(req);
    return {
      credentials,
      visibility: await readVisibility(permissions, credentials),
    };
  }

  router.get('/campaigns', async (req, res) => {
    res.json({ items: await campaigns.list(await reader(req)) });
  });

  router.post('/campaigns', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'campaign-create',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const credentials = await authorizeManage(req);
      const input = parse(inputSchema, req.body, 'campaign');
      const campaign = await campaigns.create(
        input,
        credentials.principal.userEntityRef,
      );
      await auditorEvent.success({ meta: { campaignId: campaign.id } });
      res.status(201).json(campaign);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/campaigns/:id', async (req, res) => {
    const options = await reader(req);
    const { id } = parse(idParams, req.params, 'campaign path');
    res.json(await campaigns.summary(id, options));
  });

  router.put('/campaigns/:id', async (req, res) => {
    const { id } = parse(idParams, req.params, 'campaign path');
    const auditorEvent = await auditor.createEvent({
      eventId: 'campaign-update',
      severityLevel: 'medium',
      request: req,
      meta: { campaignId: id },
    });
    try {
      const credentials = await authorizeManage(req);
      const update = parse(updateSchema, req.body, 'campaign');
      const campaign = await campaigns.update(
        id,
        update,
        credentials.principal.userEntityRef,
      );
      await auditorEvent.success({
        meta: { version: campaign.version, status: campaign.status },
      });
      res.json(campaign);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/campaigns/:id/versions', async (req, res) => {
    await httpAuth.credentials(req);
    const { id } = parse(idParams, req.params, 'campaign path');
    res.json({ items: await campaigns.versions(id) });
  });

  router.get('/campaigns/:id/progress', async (req, res) => {
    const options = await reader(req);
    const { id } = parse(idParams, req.params, 'campaign path');
    const query = parse(campaignProgressQuerySchema, req.query, 'query');
    res.json(await campaigns.progress(id, query, options));
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const options = await reader(req);
    // A 404 for an entity the caller cannot see, like the other entity routes.
    const entity = await maturity.getEntity(refFromPath(req), options);
    res.json(
      await campaigns.forEntity(
        normalizeRef(stringifyEntityRef(entity)),
        options,
      ),
    );
  });

  return router;
}
