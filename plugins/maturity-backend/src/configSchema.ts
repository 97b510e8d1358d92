import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogEvidenceRuleSchema } from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod';

// Messages that start with "must" follow the key with a space, as in
// "Invalid configuration: maturity.cache.maxBytes must be ...".
const MUST = 'must ';

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** A number, or a string that reads as one (as Config.getOptionalNumber). */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return undefined;
}

/** An optional number within bounds; integer where integers are meant. */
function num(check: { min: number; max?: number; integer?: boolean }) {
  const wanted = `${MUST}be ${
    check.integer ? 'an integer' : 'a number'
  } of at least ${check.min}${
    check.max === undefined ? '' : ` and at most ${check.max}`
  }`;
  return z
    .unknown()
    .transform((value, ctx): number | undefined => {
      if (value === undefined) return undefined;
      const n = toNumber(value);
      if (
        n === undefined ||
        !Number.isFinite(n) ||
        n < check.min ||
        (check.max !== undefined && n > check.max) ||
        (check.integer && !Number.isInteger(n))
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `${wanted}, got ${show(value)}`,
        });
        return z.NEVER;
      }
      return n;
    })
    .optional();
}

/** An optional boolean, or a string that reads as one (as Config.getOptionalBoolean). */
function bool() {
  return z
    .unknown()
    .transform((value, ctx): boolean | undefined => {
      if (value === undefined || typeof value === 'boolean') return value;
      const text = String(value).trim();
      if (/^(?:y|yes|true|1|on)$/i.test(text)) return true;
      if (/^(?:n|no|false|0|off)$/i.test(text)) return false;
      ctx.addIssue({
        code: 'custom',
        message: `${MUST}be true or false, got ${show(value)}`,
      });
      return z.NEVER;
    })
    .optional();
}

type Duration = Partial<
  Record<
    | 'years'
    | 'months'
    | 'weeks'
    | 'days'
    | 'hours'
    | 'minutes'
    | 'seconds'
    | 'milliseconds',
    number
  >
>;

const UNIT_MS: Record<keyof Duration, number> = {
  years: 365.25 * 864e5,
  months: 30 * 864e5,
  weeks: 7 * 864e5,
  days: 864e5,
  hours: 36e5,
  minutes: 6e4,
  seconds: 1e3,
  milliseconds: 1,
};

/** The length of a duration, or undefined if a part is negative or not finite. */
export function durationMs(duration: object): number | undefined {
  let total = 0;
  for (const [unit, value] of Object.entries(duration)) {
    const ms = UNIT_MS[unit as keyof Duration];
    if (ms === undefined || typeof value !== 'number') continue;
    if (!Number.isFinite(value) || value < 0) return undefined;
    total += value * ms;
  }
  return total;
}

const SCHEDULE_KEYS = ['frequency', 'timeout', 'initialDelay', 'scope'];

/**
 * An optional task schedule, read as Backstage reads one; a duration
 * frequency and the timeout must be longer than zero.
 */
function schedule(key: string) {
  return z
    .unknown()
    .transform(
      (value, ctx): SchedulerServiceTaskScheduleDefinition | undefined => {
        if (value === undefined) return undefined;
        const fail = (message: string) => {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        };
        if (
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value)
        ) {
          return fail(
            `${MUST}be an object with frequency and timeout, got ${show(
              value,
            )}`,
          );
        }
        // Backstage ignores unknown keys: a misspelt initialDelay would pass.
        const unknown = Object.keys(value).filter(
          name => !SCHEDULE_KEYS.includes(name),
        );
        if (unknown.length) {
          return fail(
            `${MUST}have only ${SCHEDULE_KEYS.join(', ')}, not ${unknown
              .map(name => `"${name}"`)
              .join(', ')}`,
          );
        }
        let definition: SchedulerServiceTaskScheduleDefinition;
        try {
          definition = readSchedulerServiceTaskScheduleDefinitionFromConfig(
            new ConfigReader(
              value as ConstructorParameters<typeof ConfigReader>[0],
              key,
            ),
          );
        } catch (error) {
          return fail((error as Error).message);
        }
        const { frequency, timeout, initialDelay } = definition;
        if ('cron' in frequency) {
          if (typeof frequency.cron !== 'string' || !frequency.cron.trim()) {
            return fail(`${MUST}have a cron expression in frequency.cron`);
          }
        } else if (!('trigger' in frequency)) {
          if (!durationMs(frequency)) {
            return fail(`${MUST}have a frequency longer than zero`);
          }
        }
        if (!durationMs(timeout)) {
          return fail(`${MUST}have a timeout longer than zero`);
        }
        if (initialDelay && durationMs(initialDelay) === undefined) {
          return fail(`${MUST}not have a negative initialDelay`);
        }
        return definition;
      },
    )
    .optional();
}

const targetSpec = z.union([
  z.number().int().min(0).max(5),
  z.record(z.string(), z.number().int().min(0).max(5)),
]);

/** `maturity.*`, as in config.d.ts; unknown keys are refused. */
/** The `maturity` config, as `config.d.ts` declares it. */
export const maturitySchema = z.strictObject({
  staleAfterDays: num({ min: 1, integer: true }),
  scoring: z.strictObject({ strict: bool() }).optional(),
  targets: z
    .strictObject({
      default: targetSpec.optional(),
      byLifecycle: z.record(z.string(), targetSpec).optional(),
    })
    .optional(),
  model: z
    .strictObject({
      file: z
        .string({ error: `${MUST}be the path of a YAML file` })
        .min(1, { error: `${MUST}be the path of a YAML file` })
        .optional(),
      mode: z
        .unknown()
        .transform((mode, ctx): 'replace' | 'extend' | undefined => {
          if (mode === undefined || mode === 'replace' || mode === 'extend') {
            return mode;
          }
          ctx.addIssue({
            code: 'custom',
            message: `${MUST}be "replace" or "extend", not "${String(mode)}"`,
          });
          return z.NEVER;
        })
        .optional(),
    })
    .optional(),
  index: z
    .strictObject({
      refreshMinutes: num({ min: 1, integer: true }),
      maxAgePeriods: num({ min: 1 }),
      schedule: schedule('maturity.index.schedule'),
    })
    .superRefine((index, ctx) => {
      if (index.refreshMinutes !== undefined && index.schedule) {
        ctx.addIssue({
          code: 'custom',
          path: ['refreshMinutes'],
          message: `${MUST}not be set together with maturity.index.schedule`,
        });
      }
    })
    .optional(),
  orphans: z
    .strictObject({
      // 0 or less would delete on the first run that misses an entity.
      deleteAfterDays: num({ min: 1 }),
      purgeAfterDays: num({ min: 1 }),
      maxDeletePercent: num({ min: 0, max: 100 }),
      schedule: schedule('maturity.orphans.schedule'),
    })
    .optional(),
  cache: z
    .strictObject({ maxBytes: num({ min: 2 ** 20, integer: true }) })
    .optional(),
  rateLimit: z
    .strictObject({
      writesPerMinute: num({ min: 1, integer: true }),
      snapshotsPerEntityPerDay: num({ min: 1, integer: true }),
    })
    .optional(),
  retention: z
    .strictObject({
      thinAfterDays: num({ min: 1, integer: true }),
      maxDeletesPerRun: num({ min: 1, integer: true }),
      schedule: schedule('maturity.retention.schedule'),
    })
    .optional(),
  permissions: z
    .strictObject({
      adminGroups: z
        .array(z.string(), { error: `${MUST}be a list of group references` })
        .optional(),
    })
    .optional(),
  campaignLimits: z
    .strictObject({
      // Ten years: the days of a burn-up stay bounded whatever is configured.
      maxDays: num({ min: 1, max: 3660, integer: true }),
    })
    .optional(),
  campaigns: z
    .array(z.record(z.string(), z.unknown()), {
      error: 'must be a list of campaigns',
    })
    .optional(),
  reminders: z
    .strictObject({
      schedule: schedule('maturity.reminders.schedule'),
      campaignStarted: bool(),
      assessmentMissing: bool(),
      assessmentStale: bool(),
      deadline14Days: bool(),
      deadline3Days: bool(),
      repeatWeekly: bool(),
      listEntities: bool(),
      maxRunMinutes: num({ min: 1, integer: true }),
    })
    .optional(),
  evidence: z
    .strictObject({
      enabled: bool(),
      // Their topics and levels are checked against the model once it is
      // loaded (EvidenceService), still at start-up.
      catalogFacts: z
        .array(catalogEvidenceRuleSchema, {
          error: `${MUST}be a list of rules`,
        })
        .optional(),
    })
    .optional(),
});

// These keep the wording of their former readers: "Invalid maturity.targets:
// default: ..." with paths relative to the key.
const GROUPED = ['targets', 'campaigns'];

/** Zod's issues as one message, each naming its key. */
export function describeConfigIssues(issues: z.ZodError['issues']): string {
  const lines: string[] = [];
  const groups = new Map<string, string[]>();
  for (const issue of issues) {
    const path = issue.path.map(String);
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map(key => [...path, key])
        : [path];
    for (const keyPath of keys) {
      if (GROUPED.includes(keyPath[0])) {
        const [group, ...rest] = keyPath;
        const message =
          issue.code === 'unrecognized_keys'
            ? `Unrecognized key: "${rest.pop()}"`
            : issue.message;
        const list = groups.get(group) ?? [];
        list.push(`${rest.join('.') || '(root)'}: ${message}`);
        groups.set(group, list);
        continue;
      }
      const key = ['maturity', ...keyPath].join('.');
      if (issue.code === 'unrecognized_keys') {
        lines.push(`Invalid configuration: ${key} is not a known key`);
      } else if (issue.message.startsWith(MUST)) {
        lines.push(`Invalid configuration: ${key} ${issue.message}`);
      } else {
        lines.push(`Invalid configuration: ${key}: ${issue.message}`);
      }
    }
  }
  for (const [group, list] of groups) {
    lines.push(`Invalid maturity.${group}: ${list.join('; ')}`);
  }
  return lines.join('; ');
}
