import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CronTime } from 'cron';
import {
  AttestationSettings,
  CampaignLimits,
  CatalogEvidenceRule,
  DEFAULT_STALE_AFTER_DAYS,
  ExemptionSettings,
  MaturityModel,
  MaturitySettings,
  TargetDefaults,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  describeConfigIssues,
  durationMs,
  maturitySchema,
} from './configSchema';

/** Why an entity's owners are reminded of a campaign. */
export const REMINDER_REASONS = [
  'campaign-started',
  'assessment-missing',
  'assessment-stale',
  'deadline-14-days',
  'deadline-3-days',
] as const;

export type ReminderReason = (typeof REMINDER_REASONS)[number];

/** The `maturity.reminders.<key>` switch of each reason. */
export const REMINDER_CONFIG_KEYS = {
  'campaign-started': 'campaignStarted',
  'assessment-missing': 'assessmentMissing',
  'assessment-stale': 'assessmentStale',
  'deadline-14-days': 'deadline14Days',
  'deadline-3-days': 'deadline3Days',
} as const satisfies Record<ReminderReason, string>;

const REFRESH_MINUTES = 10;

/** Every default of `maturity.*`, in one place. */
export const DEFAULTS = {
  staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
  scoring: { strict: false },
  targets: {},
  model: { mode: 'replace' },
  index: { refreshMinutes: REFRESH_MINUTES, maxAgePeriods: 3 },
  orphans: { purgeAfterDays: 30, maxDeletePercent: 10 },
  cache: { maxBytes: 32 * 2 ** 20 },
  rateLimit: { writesPerMinute: 60, snapshotsPerEntityPerDay: 50 },
  retention: { maxDeletesPerRun: 10_000 },
  permissions: { adminGroups: [] },
  campaignLimits: { maxDays: 366 },
  campaigns: [],
  review: { required: false, reviewers: [] },
  attestation: { maxAgeDays: null, dimensions: {}, remindDaysBefore: 14 },
  exemptions: { enabled: false, maxDays: 365 },
  // Unset catalogFacts: DEFAULT_CATALOG_EVIDENCE_RULES of -common.
  evidence: { enabled: false },
  reminders: {
    attestationExpiry: true,
    campaignStarted: true,
    assessmentMissing: true,
    assessmentStale: true,
    deadline14Days: true,
    deadline3Days: true,
    repeatWeekly: false,
    listEntities: false,
    maxRunMinutes: 10,
  },
  schedules: {
    orphanCleanup: {
      frequency: { hours: 6 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 2 },
    },
    // Frequency and initial delay: index.refreshMinutes. The first read
    // syncs a fresh index itself, so the task waits one period first.
    catalogIndex: {
      frequency: { minutes: REFRESH_MINUTES },
      timeout: { minutes: 15 },
      initialDelay: { minutes: REFRESH_MINUTES },
    },
    reminders: {
      frequency: { hours: 1 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 1 },
    },
    retention: {
      frequency: { hours: 24 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 10 },
    },
    // The reviewers' digest: once a working day, mornings UTC.
    reviewDigest: {
      frequency: { cron: '0 8 * * 1-5' },
      timeout: { minutes: 5 },
    },
    // Expiry moves a summary on at most a run late: hourly is far finer
    // than days of attestation.
    expiry: {
      frequency: { hours: 1 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 5 },
    },
  },
} as const;

/**
 * How assessments are scored (`maturity.scoring`, `staleAfterDays`,
 * `targets`, `attestation`, `exemptions`).
 */
export interface ScoringSettings {
  /** Require `fully` for every level below the reached one. */
  strict: boolean;
  /** Days after which an assessment is stale. */
  staleAfterDays: number;
  /** Default targets; an assessment's own targets win. */
  targets: TargetDefaults;
  /** When topics expire; both off when absent or unconfigured. */
  attestation?: AttestationSettings;
  exemptions?: ExemptionSettings;
}

/** Whether anything expires: attestation or exemptions configured. */
export function expiryEnabled(
  scoring: Pick<ScoringSettings, 'attestation' | 'exemptions'>,
): boolean {
  const { attestation, exemptions } = scoring;
  return (
    (attestation !== undefined &&
      (attestation.maxAgeDays !== null ||
        Object.keys(attestation.dimensions).length > 0)) ||
    exemptions?.enabled === true
  );
}

/** What `GET /settings` answers: the settings a client shows or sends by. */
export function clientSettings(
  scoring: ScoringSettings,
  review: Pick<ReviewSettings, 'required'>,
): MaturitySettings {
  return {
    staleAfterDays: scoring.staleAfterDays,
    attestation: scoring.attestation ?? {
      maxAgeDays: DEFAULTS.attestation.maxAgeDays,
      dimensions: {},
    },
    exemptions: scoring.exemptions ?? { ...DEFAULTS.exemptions },
    review: { required: review.required },
  };
}

/**
 * Refuses `maturity.attestation.dimensions` naming a dimension the model
 * lacks: a typo would otherwise leave that dimension on the default age.
 */
export function checkAttestationDimensions(
  attestation: AttestationSettings | undefined,
  model: MaturityModel,
): void {
  const known = new Set(model.dimensions.map(d => d.id));
  const unknown = Object.keys(attestation?.dimensions ?? {}).filter(
    id => !known.has(id),
  );
  if (unknown.length > 0) {
    throw new Error(
      `Invalid configuration: maturity.attestation.dimensions names dimensions the model lacks: ${unknown.join(
        ', ',
      )}`,
    );
  }
}

/** Reminders of topics about to expire (`maturity.reminders.attestationExpiry`). */
export interface ExpiryReminderSettings {
  /** On by default; sent only while attestation or exemptions are on. */
  enabled: boolean;
  /** Days before a topic expires that its owners are reminded. */
  daysBefore: number;
}

/** The limits that keep data and memory safe, read once at start-up. */
export interface DataSafetySettings {
  /** Budget of each in-memory cache, in bytes. */
  cacheMaxBytes: number;
  /** Snapshot writes one user may make per minute, over every replica. */
  writesPerMinute: number;
  /** Snapshots one entity may receive in any 24 hours. */
  snapshotsPerEntityPerDay: number;
  /** Thinning of old revisions; off unless `thinAfterDays` is set. */
  retention: RetentionSettings;
  orphans: {
    /** Unset: orphans are only recorded, never deleted. */
    deleteAfterDays?: number;
    purgeAfterDays: number;
    /** The most assessed entities (in percent) one run may delete. */
    maxDeletePercent: number;
  };
}

/** Which old revisions the retention task deletes. */
export interface RetentionSettings {
  /** Unset: nothing is ever deleted. */
  thinAfterDays?: number;
  maxDeletesPerRun: number;
}

/** Which campaign reminders are sent, and how. */
export interface ReminderSettings {
  enabled: Record<ReminderReason, boolean>;
  staleAfterDays: number;
  /** Missing and stale assessments reminded every week, not once. */
  repeatWeekly: boolean;
  /** Entities named in each reminder. */
  listEntities: boolean;
  /** The longest one run may take. */
  maxRunMs: number;
}

/** The four-eyes review of assessments (`maturity.review`). */
export interface ReviewSettings {
  /** A new snapshot counts once someone else approves it. */
  required: boolean;
  /** Users and groups the reviewers' digest goes to; lower-cased refs. */
  reviewers: string[];
}

/** How far lists rely on the catalog index (`maturity.index`). */
export interface IndexSettings {
  /** Sync periods after the last successful sync beyond which lists ask the catalog. */
  maxAgePeriods: number;
  /** That age in milliseconds; undefined for a manually triggered sync. */
  maxAgeMs: number | undefined;
}

/** Where the model comes from (`maturity.model`). */
export interface ModelSettings {
  /** An organisation's model file; unset: the bundled model. */
  file?: string;
  /** replace: the file is the whole model; extend: it adds topics. */
  mode: 'replace' | 'extend';
}

/**
 * A campaign of `maturity.campaigns` as configured: an object, not yet
 * validated against the model.
 */
export type ConfiguredCampaignValue = Record<string, unknown>;

/** What the form is offered from the catalog (`maturity.evidence`). */
export interface EvidenceSettings {
  enabled: boolean;
  /** Unset: the default map of -common, as far as the model has its topics. */
  catalogFacts?: CatalogEvidenceRule[];
  /** `app.baseUrl`, which makes the portal paths of facts absolute links. */
  appBaseUrl?: string;
}

/** Everything under `maturity.*`, validated and with its defaults. */
export interface MaturityConfig {
  scoring: ScoringSettings;
  dataSafety: DataSafetySettings;
  reminders: ReminderSettings;
  review: ReviewSettings;
  expiryReminders: ExpiryReminderSettings;
  index: IndexSettings;
  model: ModelSettings;
  /** The longest a campaign (configured or stored) may run. */
  campaignLimits: CampaignLimits;
  /** Validated later, against the model, by the campaign service. */
  campaigns: ConfiguredCampaignValue[];
  permissions: {
    /** Groups whose members may assess any entity and manage campaigns. */
    adminGroups: string[];
  };
  evidence: EvidenceSettings;
  schedules: {
    orphanCleanup: SchedulerServiceTaskScheduleDefinition;
    catalogIndex: SchedulerServiceTaskScheduleDefinition;
    reminders: SchedulerServiceTaskScheduleDefinition;
    retention: SchedulerServiceTaskScheduleDefinition;
    reviewDigest: SchedulerServiceTaskScheduleDefinition;
    /** The recompute of expired summaries, then the expiry reminders. */
    expiry: SchedulerServiceTaskScheduleDefinition;
  };
}

/**
 * The time between two runs of a schedule: its duration, or for a cron
 * expression the longest gap among its next runs (a weekday schedule's
 * weekend, say); undefined when it runs only when triggered.
 */
function periodMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number | undefined {
  if ('trigger' in frequency) return undefined;
  if ('cron' in frequency) {
    const runs = new CronTime(frequency.cron).sendAt(8).map(t => t.toMillis());
    return Math.max(...runs.slice(1).map((t, i) => t - runs[i]));
  }
  return durationMs(frequency);
}

/** A default schedule of its own, so that no caller changes DEFAULTS. */
function copy(
  definition: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return structuredClone(definition);
}

/**
 * Reads and validates every `maturity.*` key once, at start-up. An invalid
 * value throws an error that names its key, so the backend does not start
 * with a limit it would not keep.
 */
export function readMaturityConfig(config: Config): MaturityConfig {
  const parsed = maturitySchema.safeParse(config.getOptional('maturity') ?? {});
  if (!parsed.success) {
    throw new Error(describeConfigIssues(parsed.error.issues));
  }
  const m = parsed.data;
  const staleAfterDays = m.staleAfterDays ?? DEFAULTS.staleAfterDays;
  const refreshMinutes =
    m.index?.refreshMinutes ?? DEFAULTS.index.refreshMinutes;
  const indexPeriod = { minutes: refreshMinutes };
  const catalogIndex = m.index?.schedule ?? {
    ...copy(DEFAULTS.schedules.catalogIndex),
    frequency: indexPeriod,
    initialDelay: indexPeriod,
  };
  const maxAgePeriods = m.index?.maxAgePeriods ?? DEFAULTS.index.maxAgePeriods;
  const period = periodMs(catalogIndex.frequency);
  return {
    scoring: {
      strict: m.scoring?.strict ?? DEFAULTS.scoring.strict,
      staleAfterDays,
      targets: m.targets ?? { ...DEFAULTS.targets },
      attestation: {
        maxAgeDays:
          m.attestation?.maxAgeDays ?? DEFAULTS.attestation.maxAgeDays,
        dimensions: Object.fromEntries(
          Object.entries(m.attestation?.dimensions ?? {}).filter(
            (entry): entry is [string, number] => entry[1] !== undefined,
          ),
        ),
      },
      exemptions: {
        enabled: m.exemptions?.enabled ?? DEFAULTS.exemptions.enabled,
        maxDays: m.exemptions?.maxDays ?? DEFAULTS.exemptions.maxDays,
      },
    },
    dataSafety: {
      cacheMaxBytes: m.cache?.maxBytes ?? DEFAULTS.cache.maxBytes,
      writesPerMinute:
        m.rateLimit?.writesPerMinute ?? DEFAULTS.rateLimit.writesPerMinute,
      snapshotsPerEntityPerDay:
        m.rateLimit?.snapshotsPerEntityPerDay ??
        DEFAULTS.rateLimit.snapshotsPerEntityPerDay,
      retention: {
        thinAfterDays: m.retention?.thinAfterDays,
        maxDeletesPerRun:
          m.retention?.maxDeletesPerRun ?? DEFAULTS.retention.maxDeletesPerRun,
      },
      orphans: {
        deleteAfterDays: m.orphans?.deleteAfterDays,
        purgeAfterDays:
          m.orphans?.purgeAfterDays ?? DEFAULTS.orphans.purgeAfterDays,
        maxDeletePercent:
          m.orphans?.maxDeletePercent ?? DEFAULTS.orphans.maxDeletePercent,
      },
    },
    reminders: {
      enabled: Object.fromEntries(
        REMINDER_REASONS.map(reason => {
          const key = REMINDER_CONFIG_KEYS[reason];
          return [reason, m.reminders?.[key] ?? DEFAULTS.reminders[key]];
        }),
      ) as Record<ReminderReason, boolean>,
      staleAfterDays,
      repeatWeekly:
        m.reminders?.repeatWeekly ?? DEFAULTS.reminders.repeatWeekly,
      listEntities:
        m.reminders?.listEntities ?? DEFAULTS.reminders.listEntities,
      maxRunMs:
        (m.reminders?.maxRunMinutes ?? DEFAULTS.reminders.maxRunMinutes) *
        60_000,
    },
    review: {
      required: m.review?.required ?? DEFAULTS.review.required,
      reviewers: (m.review?.reviewers ?? DEFAULTS.review.reviewers).map(ref =>
        ref.toLocaleLowerCase('en-US'),
      ),
    },
    expiryReminders: {
      enabled:
        m.reminders?.attestationExpiry ?? DEFAULTS.reminders.attestationExpiry,
      daysBefore:
        m.attestation?.remindDaysBefore ??
        DEFAULTS.attestation.remindDaysBefore,
    },
    index: {
      maxAgePeriods,
      maxAgeMs: period === undefined ? undefined : maxAgePeriods * period,
    },
    model: {
      file: m.model?.file,
      mode: m.model?.mode ?? DEFAULTS.model.mode,
    },
    campaignLimits: {
      maxDays: m.campaignLimits?.maxDays ?? DEFAULTS.campaignLimits.maxDays,
    },
    campaigns: m.campaigns ?? [...DEFAULTS.campaigns],
    permissions: {
      adminGroups: m.permissions?.adminGroups ?? [
        ...DEFAULTS.permissions.adminGroups,
      ],
    },
    evidence: {
      enabled: m.evidence?.enabled ?? DEFAULTS.evidence.enabled,
      catalogFacts: m.evidence?.catalogFacts,
      appBaseUrl: config.getOptionalString('app.baseUrl'),
    },
    schedules: {
      orphanCleanup:
        m.orphans?.schedule ?? copy(DEFAULTS.schedules.orphanCleanup),
      catalogIndex,
      reminders: m.reminders?.schedule ?? copy(DEFAULTS.schedules.reminders),
      retention: m.retention?.schedule ?? copy(DEFAULTS.schedules.retention),
      reviewDigest: m.review?.schedule ?? copy(DEFAULTS.schedules.reviewDigest),
      expiry: m.attestation?.schedule ?? copy(DEFAULTS.schedules.expiry),
    },
  };
}
