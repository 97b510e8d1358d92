import {
  Campaign,
  CampaignLimits,
  createCampaignInputSchema,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod';

/**
 * Campaigns declared in `maturity.campaigns`: validated like the API's input,
 * length included, with an id of their own; they are read-only. Their start
 * may be long past: they are not created now, and stay until removed.
 */
export function readConfiguredCampaigns(
  configured: unknown[],
  model: MaturityModel,
  limits: CampaignLimits,
): Campaign[] {
  const schema = z.array(
    createCampaignInputSchema(model, limits).and(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
          message: 'must be lower-case letters, digits and "-"',
        }),
      }),
    ),
  );
  const parsed = schema.safeParse(configured);
  if (!parsed.success) {
    throw new Error(
      `Invalid maturity.campaigns: ${parsed.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data.map(({ id, ...input }) => ({
    ...input,
    id,
    version: 1,
    source: 'config' as const,
    createdAt: `${input.startsOn}T00:00:00.000Z`,
    createdBy: 'config',
    updatedAt: `${input.startsOn}T00:00:00.000Z`,
    updatedBy: 'config',
  }));
}
