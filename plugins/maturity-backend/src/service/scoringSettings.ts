import { Config } from '@backstage/config';
import { DEFAULT_STALE_AFTER_DAYS } from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod';
import { ScoringSettings } from './MaturityService';

const targetSpec = z.union([
  z.number().int().min(0).max(5),
  z.record(z.string(), z.number().int().min(0).max(5)),
]);
const targetsSchema = z.strictObject({
  default: targetSpec.optional(),
  byLifecycle: z.record(z.string(), targetSpec).optional(),
});

/** Reads `maturity.scoring`, `maturity.staleAfterDays` and `maturity.targets`. */
export function readScoringSettings(config: Config): ScoringSettings {
  const targets = targetsSchema.safeParse(
    config.getOptional('maturity.targets') ?? {},
  );
  if (!targets.success) {
    throw new Error(
      `Invalid maturity.targets: ${targets.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return {
    strict: config.getOptionalBoolean('maturity.scoring.strict') ?? false,
    staleAfterDays:
      config.getOptionalNumber('maturity.staleAfterDays') ??
      DEFAULT_STALE_AFTER_DAYS,
    targets: targets.data,
  };
}
