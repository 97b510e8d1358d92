import { Config } from '@backstage/config';

/** The limits that keep data and memory safe, read once at start-up. */
export type DataSafetySettings = {
  /** Budget of each in-memory cache, in bytes. */
  cacheMaxBytes: number;
  /** Snapshot writes one user may make per minute. */
  writesPerMinute: number;
  orphans: {
    /** Unset: orphans are only recorded, never deleted. */
    deleteAfterDays?: number;
    purgeAfterDays: number;
    /** The most assessed entities (in percent) one run may delete. */
    maxDeletePercent: number;
  };
};

function readNumber(
  config: Config,
  key: string,
  fallback: number | undefined,
  check: { min: number; max?: number; integer?: boolean },
): number | undefined {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (value === undefined) return undefined;
  if (
    !Number.isFinite(value) ||
    value < check.min ||
    (check.max !== undefined && value > check.max) ||
    (check.integer && !Number.isInteger(value))
  ) {
    throw new Error(
      `Invalid configuration: ${key} must be ${
        check.integer ? 'an integer' : 'a number'
      } of at least ${check.min}${
        check.max === undefined ? '' : ` and at most ${check.max}`
      }, got ${value}`,
    );
  }
  return value;
}

export function readDataSafetySettings(config: Config): DataSafetySettings {
  return {
    cacheMaxBytes: readNumber(config, 'maturity.cache.maxBytes', 32 * 2 ** 20, {
      min: 2 ** 20,
      integer: true,
    })!,
    writesPerMinute: readNumber(
      config,
      'maturity.rateLimit.writesPerMinute',
      60,
      { min: 1, integer: true },
    )!,
    orphans: {
      // 0 or less would delete on the first run that misses an entity.
      deleteAfterDays: readNumber(
        config,
        'maturity.orphans.deleteAfterDays',
        undefined,
        { min: 1 },
      ),
      purgeAfterDays: readNumber(
        config,
        'maturity.orphans.purgeAfterDays',
        30,
        { min: 1 },
      )!,
      maxDeletePercent: readNumber(
        config,
        'maturity.orphans.maxDeletePercent',
        10,
        { min: 0, max: 100 },
      )!,
    },
  };
}
