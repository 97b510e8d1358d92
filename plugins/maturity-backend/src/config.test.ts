import { ConfigReader } from '@backstage/config';
import { HumanDuration, JsonValue } from '@backstage/types';
import {
  DEFAULT_STALE_AFTER_DAYS,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  checkAttestationDimensions,
  clientSettings,
  DEFAULTS,
  expiryEnabled,
  readMaturityConfig,
} from './config';

// Invalid settings are still JSON: the reader, not the type, refuses them.
const read = (maturity: JsonValue) =>
  readMaturityConfig(new ConfigReader({ maturity }));

describe('readMaturityConfig', () => {
  it('gives every default from an empty config', () => {
    expect(readMaturityConfig(new ConfigReader({}))).toEqual({
      scoring: {
        strict: false,
        staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
        targets: {},
        attestation: { maxAgeDays: null, dimensions: {} },
        exemptions: { enabled: false, maxDays: 365 },
      },
      dataSafety: {
        cacheMaxBytes: 32 * 2 ** 20,
        writesPerMinute: 60,
        snapshotsPerEntityPerDay: 50,
        retention: { thinAfterDays: undefined, maxDeletesPerRun: 10_000 },
        orphans: {
          deleteAfterDays: undefined,
          purgeAfterDays: 30,
          maxDeletePercent: 10,
        },
      },
      reminders: {
        staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
        enabled: {
          'campaign-started': true,
          'assessment-missing': true,
          'assessment-stale': true,
          'deadline-14-days': true,
          'deadline-3-days': true,
        },
        repeatWeekly: false,
        listEntities: false,
        maxRunMs: 10 * 60_000,
      },
      review: { required: false, reviewers: [] },
      expiryReminders: { enabled: true, daysBefore: 14 },
      index: { maxAgePeriods: 3, maxAgeMs: 30 * 60_000 },
      model: { file: undefined, mode: 'replace' },
      campaignLimits: { maxDays: 366 },
      campaigns: [],
      permissions: { adminGroups: [] },
      evidence: {
        enabled: false,
        catalogFacts: undefined,
        appBaseUrl: undefined,
      },
      schedules: {
        orphanCleanup: {
          frequency: { hours: 6 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 2 },
        },
        catalogIndex: {
          frequency: { minutes: 10 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 10 },
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
        reviewDigest: {
          frequency: { cron: '0 8 * * 1-5' },
          timeout: { minutes: 5 },
        },
        expiry: {
          frequency: { hours: 1 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 5 },
        },
      },
    });
    expect(read({})).toEqual(readMaturityConfig(new ConfigReader({})));
  });

  it('does not hand out the defaults themselves', () => {
    const first = readMaturityConfig(new ConfigReader({}));
    // The default reminder frequency is a HumanDuration ({ hours: 1 }).
    (first.schedules.reminders.frequency as HumanDuration).hours = 99;
    first.permissions.adminGroups.push('group:default/x');
    const second = readMaturityConfig(new ConfigReader({}));
    expect(second.schedules.reminders.frequency).toEqual({ hours: 1 });
    expect(second.permissions.adminGroups).toEqual([]);
    expect(DEFAULTS.schedules.reminders.frequency).toEqual({ hours: 1 });
  });

  it('reads every key', () => {
    const campaign = {
      id: 'q3-security',
      title: 'Security',
      goals: { topics: { 'security.secrets': 2 } },
      startsOn: '2026-01-01',
      deadline: '2026-03-31',
    };
    const config = read({
      staleAfterDays: 90,
      scoring: { strict: true },
      targets: { default: 2, byLifecycle: { production: { security: 3 } } },
      model: { file: 'model.yaml', mode: 'extend' },
      index: { refreshMinutes: 1 },
      orphans: { deleteAfterDays: 7, purgeAfterDays: 14, maxDeletePercent: 25 },
      cache: { maxBytes: 2 ** 21 },
      rateLimit: { writesPerMinute: 5, snapshotsPerEntityPerDay: 7 },
      retention: {
        thinAfterDays: 30,
        maxDeletesPerRun: 100,
        schedule: { frequency: { hours: 12 }, timeout: { minutes: 5 } },
      },
      permissions: { adminGroups: ['group:default/admins'] },
      campaignLimits: { maxDays: 92 },
      campaigns: [campaign],
      attestation: {
        maxAgeDays: 180,
        dimensions: { process: 90 },
        remindDaysBefore: 7,
      },
      exemptions: { enabled: true, maxDays: 120 },
      reminders: {
        campaignStarted: false,
        assessmentMissing: true,
        assessmentStale: false,
        deadline14Days: false,
        deadline3Days: true,
        attestationExpiry: false,
        repeatWeekly: true,
        listEntities: true,
        maxRunMinutes: 3,
      },
    });
    expect(config.scoring).toEqual({
      strict: true,
      staleAfterDays: 90,
      targets: { default: 2, byLifecycle: { production: { security: 3 } } },
      attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
      exemptions: { enabled: true, maxDays: 120 },
    });
    expect(config.expiryReminders).toEqual({ enabled: false, daysBefore: 7 });
    expect(config.model).toEqual({ file: 'model.yaml', mode: 'extend' });
    expect(config.dataSafety).toEqual({
      cacheMaxBytes: 2 ** 21,
      writesPerMinute: 5,
      snapshotsPerEntityPerDay: 7,
      retention: { thinAfterDays: 30, maxDeletesPerRun: 100 },
      orphans: { deleteAfterDays: 7, purgeAfterDays: 14, maxDeletePercent: 25 },
    });
    expect(config.schedules.retention).toEqual({
      frequency: { hours: 12 },
      timeout: { minutes: 5 },
    });
    expect(config.permissions).toEqual({
      adminGroups: ['group:default/admins'],
    });
    expect(config.campaignLimits).toEqual({ maxDays: 92 });
    expect(config.campaigns).toEqual([campaign]);
    expect(config.reminders).toEqual({
      staleAfterDays: 90,
      enabled: {
        'campaign-started': false,
        'assessment-missing': true,
        'assessment-stale': false,
        'deadline-14-days': false,
        'deadline-3-days': true,
      },
      repeatWeekly: true,
      listEntities: true,
      maxRunMs: 3 * 60_000,
    });
    // refreshMinutes sets the index task's period and its first delay.
    expect(config.schedules.catalogIndex).toEqual({
      frequency: { minutes: 1 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 1 },
    });
  });

  it('reads the evidence switch, its map of catalog facts and the portal address', () => {
    const rule = {
      id: 'runbook',
      label: 'A runbook',
      annotation: 'example.com/runbook',
      topics: [{ topicId: 'process.audit-and-logs', level: 2 }],
      url: '{value}',
    };
    const config = readMaturityConfig(
      new ConfigReader({
        app: { baseUrl: 'https://portal.example.com' },
        maturity: { evidence: { enabled: true, catalogFacts: [rule] } },
      }),
    );
    expect(config.evidence).toEqual({
      enabled: true,
      catalogFacts: [rule],
      appBaseUrl: 'https://portal.example.com',
    });
  });

  it('reads numbers and switches given as strings, as environment variables give them', () => {
    const config = read({
      staleAfterDays: '30',
      scoring: { strict: 'true' },
      rateLimit: { writesPerMinute: ' 12 ' },
      reminders: { deadline3Days: 'off' },
    });
    expect(config.scoring.staleAfterDays).toBe(30);
    expect(config.scoring.strict).toBe(true);
    expect(config.dataSafety.writesPerMinute).toBe(12);
    expect(config.reminders.enabled['deadline-3-days']).toBe(false);
  });

  it('reads every schedule from config', () => {
    const config = read({
      orphans: {
        schedule: { frequency: { cron: '0 3 * * *' }, timeout: 'PT30M' },
      },
      index: {
        schedule: {
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          initialDelay: '30s',
          scope: 'global',
        },
      },
      reminders: {
        schedule: {
          frequency: { seconds: 10 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 5 },
        },
      },
      retention: {
        schedule: { frequency: { cron: '0 2 * * *' }, timeout: 'PT1H' },
      },
      review: {
        schedule: { frequency: { hours: 4 }, timeout: { minutes: 1 } },
      },
      attestation: {
        schedule: { frequency: { minutes: 15 }, timeout: { minutes: 10 } },
      },
    });
    expect(config.schedules).toEqual({
      orphanCleanup: {
        frequency: { cron: '0 3 * * *' },
        timeout: { minutes: 30 },
        initialDelay: undefined,
        scope: undefined,
      },
      catalogIndex: {
        frequency: { minutes: 5 },
        timeout: { minutes: 2 },
        initialDelay: { seconds: 30 },
        scope: 'global',
      },
      reminders: {
        frequency: { seconds: 10 },
        timeout: { minutes: 1 },
        initialDelay: { seconds: 5 },
        scope: undefined,
      },
      retention: {
        frequency: { cron: '0 2 * * *' },
        timeout: { hours: 1 },
        initialDelay: undefined,
        scope: undefined,
      },
      reviewDigest: {
        frequency: { hours: 4 },
        timeout: { minutes: 1 },
        initialDelay: undefined,
        scope: undefined,
      },
      expiry: {
        frequency: { minutes: 15 },
        timeout: { minutes: 10 },
        initialDelay: undefined,
        scope: undefined,
      },
    });
  });

  it('refuses attestation and exemption days out of bounds, naming the key', () => {
    expect(() => read({ attestation: { maxAgeDays: 0 } })).toThrow(
      'maturity.attestation.maxAgeDays must be an integer of at least 1 and at most 3660',
    );
    expect(() =>
      read({ attestation: { dimensions: { security: 'soon' } } }),
    ).toThrow('maturity.attestation.dimensions.security must be');
    expect(() => read({ exemptions: { maxDays: 1.5 } })).toThrow(
      'maturity.exemptions.maxDays must be an integer',
    );
  });

  it('refuses attestation days for a dimension the model lacks', () => {
    const { scoring } = read({
      attestation: { maxAgeDays: 180, dimensions: { secruity: 90 } },
    });
    expect(() =>
      checkAttestationDimensions(scoring.attestation, defaultMaturityModel),
    ).toThrow(
      'maturity.attestation.dimensions names dimensions the model lacks: secruity',
    );
    expect(() =>
      checkAttestationDimensions(
        read({ attestation: { dimensions: { process: 90 } } }).scoring
          .attestation,
        defaultMaturityModel,
      ),
    ).not.toThrow();
  });

  it('turns expiry on with either setting, and serves the settings clients need', () => {
    expect(expiryEnabled(read({}).scoring)).toBe(false);
    expect(expiryEnabled(read({ exemptions: { enabled: true } }).scoring)).toBe(
      true,
    );
    const scoring = read({
      attestation: { dimensions: { people: 30 } },
    }).scoring;
    expect(expiryEnabled(scoring)).toBe(true);
    expect(clientSettings(scoring, { required: true })).toEqual({
      staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
      attestation: { maxAgeDays: null, dimensions: { people: 30 } },
      exemptions: { enabled: false, maxDays: 365 },
      review: { required: true },
    });
  });

  it('reads the review: required, and the reviewers as lower-cased refs', () => {
    expect(
      read({
        review: {
          required: true,
          reviewers: ['group:default/Maturity-Admins', 'user:default/alex'],
        },
      }).review,
    ).toEqual({
      required: true,
      reviewers: ['group:default/maturity-admins', 'user:default/alex'],
    });
  });

  it.each([
    [{ required: 'maybe' }, 'maturity.review.required must be true or false'],
    [
      { reviewers: ['maturity-admins'] },
      'maturity.review.reviewers.0 must be a full user or group reference',
    ],
    [
      { reviewers: ['component:default/a'] },
      'maturity.review.reviewers.0 must be a full user or group reference',
    ],
    [
      { reviewers: 'group:default/a' },
      'maturity.review.reviewers must be a list',
    ],
    [{ reviewerz: [] }, 'maturity.review.reviewerz is not a known key'],
  ])('refuses the review setting %j', (review, message) => {
    expect(() => read({ review } as JsonValue)).toThrow(message);
  });

  it('bounds the index age by maxAgePeriods sync periods', () => {
    expect(read({ index: { refreshMinutes: 5 } }).index).toEqual({
      maxAgePeriods: 3,
      maxAgeMs: 15 * 60_000,
    });
    expect(
      read({ index: { refreshMinutes: 2, maxAgePeriods: '1.5' } }).index,
    ).toEqual({ maxAgePeriods: 1.5, maxAgeMs: 3 * 60_000 });
    const schedule = (frequency: JsonValue) => ({
      index: { maxAgePeriods: 2, schedule: { frequency, timeout: '5m' } },
    });
    expect(read(schedule({ hours: 1 })).index.maxAgeMs).toBe(2 * 3_600_000);
    // A cron's period is its longest gap: a weekday schedule's weekend.
    expect(read(schedule({ cron: '*/20 * * * *' })).index.maxAgeMs).toBe(
      2 * 20 * 60_000,
    );
    expect(read(schedule({ cron: '0 9 * * 1-5' })).index.maxAgeMs).toBe(
      2 * 3 * 86_400_000,
    );
    // Synced by hand: no age is too old.
    expect(read(schedule({ trigger: 'manual' })).index.maxAgeMs).toBe(
      undefined,
    );
  });

  it('reads a manually triggered schedule', () => {
    expect(
      read({
        reminders: {
          schedule: { frequency: { trigger: 'manual' }, timeout: '5m' },
        },
      }).schedules.reminders.frequency,
    ).toEqual({ trigger: 'manual' });
  });

  describe('refuses', () => {
    it.each<[string, JsonValue, RegExp | string]>([
      [
        'a refreshMinutes of 0',
        { index: { refreshMinutes: 0 } },
        'Invalid configuration: maturity.index.refreshMinutes must be an integer of at least 1, got 0',
      ],
      [
        'a negative refreshMinutes',
        { index: { refreshMinutes: -5 } },
        'maturity.index.refreshMinutes must be an integer of at least 1, got -5',
      ],
      [
        'a fractional refreshMinutes',
        { index: { refreshMinutes: 1.5 } },
        'maturity.index.refreshMinutes must be an integer of at least 1, got 1.5',
      ],
      [
        'refreshMinutes together with an index schedule',
        {
          index: {
            refreshMinutes: 5,
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
          },
        },
        'maturity.index.refreshMinutes must not be set together with maturity.index.schedule',
      ],
      [
        'a staleAfterDays of 0',
        { staleAfterDays: 0 },
        'Invalid configuration: maturity.staleAfterDays must be an integer of at least 1, got 0',
      ],
      [
        'a negative staleAfterDays',
        { staleAfterDays: -1 },
        'maturity.staleAfterDays must be an integer of at least 1, got -1',
      ],
      [
        'a fractional staleAfterDays',
        { staleAfterDays: 30.5 },
        'maturity.staleAfterDays must be an integer of at least 1, got 30.5',
      ],
      [
        'a staleAfterDays that is not a number',
        { staleAfterDays: 'soon' },
        'maturity.staleAfterDays must be an integer of at least 1, got "soon"',
      ],
      [
        'a cache below 1 MiB',
        { cache: { maxBytes: 1000 } },
        'Invalid configuration: maturity.cache.maxBytes must be an integer of at least 1048576, got 1000',
      ],
      [
        'a campaign length of 0 days',
        { campaignLimits: { maxDays: 0 } },
        'Invalid configuration: maturity.campaignLimits.maxDays must be an integer of at least 1 and at most 3660, got 0',
      ],
      [
        'a campaign length beyond ten years',
        { campaignLimits: { maxDays: 100000 } },
        'maturity.campaignLimits.maxDays must be an integer of at least 1 and at most 3660, got 100000',
      ],
      [
        'an unknown campaign limit',
        { campaignLimits: { maxEntities: 10 } },
        'Invalid configuration: maturity.campaignLimits.maxEntities is not a known key',
      ],
      [
        'a fractional cache size',
        { cache: { maxBytes: 2 ** 21 + 0.5 } },
        'maturity.cache.maxBytes must be an integer of at least 1048576',
      ],
      [
        'a writesPerMinute of 0',
        { rateLimit: { writesPerMinute: 0 } },
        'Invalid configuration: maturity.rateLimit.writesPerMinute must be an integer of at least 1, got 0',
      ],
      [
        'a fractional writesPerMinute',
        { rateLimit: { writesPerMinute: 2.5 } },
        'maturity.rateLimit.writesPerMinute must be an integer of at least 1, got 2.5',
      ],
      [
        'a deleteAfterDays below 1',
        { orphans: { deleteAfterDays: 0 } },
        'Invalid configuration: maturity.orphans.deleteAfterDays must be a number of at least 1, got 0',
      ],
      [
        'a purgeAfterDays below 1',
        { orphans: { purgeAfterDays: 0.5 } },
        'maturity.orphans.purgeAfterDays must be a number of at least 1, got 0.5',
      ],
      [
        'an index age below one period',
        { index: { maxAgePeriods: 0.5 } },
        'Invalid configuration: maturity.index.maxAgePeriods must be a number of at least 1, got 0.5',
      ],
      [
        'an index age that is not a number',
        { index: { maxAgePeriods: 'three' } },
        'maturity.index.maxAgePeriods must be a number of at least 1, got "three"',
      ],
      [
        'a maxDeletePercent above 100',
        { orphans: { maxDeletePercent: 101 } },
        'Invalid configuration: maturity.orphans.maxDeletePercent must be a number of at least 0 and at most 100, got 101',
      ],
      [
        'a negative maxDeletePercent',
        { orphans: { maxDeletePercent: -1 } },
        'maturity.orphans.maxDeletePercent must be a number of at least 0 and at most 100, got -1',
      ],
      [
        'a target above the top level',
        { targets: { default: 6 } },
        /^Invalid maturity\.targets: default: /,
      ],
      [
        'a fractional target',
        { targets: { byLifecycle: { production: { security: 2.5 } } } },
        /^Invalid maturity\.targets: byLifecycle\.production/,
      ],
      [
        'an unknown targets key',
        { targets: { production: 3 } },
        /^Invalid maturity\.targets: \(root\): Unrecognized key: "production"/,
      ],
      [
        'a strict switch that is not a boolean',
        { scoring: { strict: 'maybe' } },
        'Invalid configuration: maturity.scoring.strict must be true or false, got "maybe"',
      ],
      [
        'a reminder switch that is not a boolean',
        { reminders: { deadline3Days: 'sometimes' } },
        'maturity.reminders.deadline3Days must be true or false',
      ],
      [
        'an unknown model mode',
        { model: { file: 'model.yaml', mode: 'merge' } },
        'Invalid configuration: maturity.model.mode must be "replace" or "extend", not "merge"',
      ],
      [
        'an empty model file',
        { model: { file: '' } },
        'maturity.model.file must be the path of a YAML file',
      ],
      [
        'admin groups that are not a list',
        { permissions: { adminGroups: 'group:default/admins' } },
        'maturity.permissions.adminGroups must be a list of group references',
      ],
      [
        'a per-entity quota of zero',
        { rateLimit: { snapshotsPerEntityPerDay: 0 } },
        'Invalid configuration: maturity.rateLimit.snapshotsPerEntityPerDay must be an integer of at least 1, got 0',
      ],
      [
        'a retention of half a day',
        { retention: { thinAfterDays: 0.5 } },
        'Invalid configuration: maturity.retention.thinAfterDays must be an integer of at least 1, got 0.5',
      ],
      [
        'a retention brake of zero',
        { retention: { maxDeletesPerRun: 0 } },
        'maturity.retention.maxDeletesPerRun must be an integer of at least 1',
      ],
      [
        'a reminder run without time',
        { reminders: { maxRunMinutes: 0 } },
        'maturity.reminders.maxRunMinutes must be an integer of at least 1',
      ],
      [
        'a listEntities switch that is not a boolean',
        { reminders: { listEntities: 'names' } },
        'maturity.reminders.listEntities must be true or false',
      ],
      [
        'campaigns that are not a list',
        { campaigns: { id: 'x' } },
        'Invalid maturity.campaigns: (root): must be a list of campaigns',
      ],
      [
        'an unknown key',
        { index: { refreshMinute: 5 } },
        'Invalid configuration: maturity.index.refreshMinute is not a known key',
      ],
      [
        'a schedule without a timeout',
        { reminders: { schedule: { frequency: { hours: 1 } } } },
        /^Invalid configuration: maturity\.reminders\.schedule: .*Missing required config value at 'timeout' in 'maturity\.reminders\.schedule'/,
      ],
      [
        'a schedule with an unreadable frequency',
        {
          orphans: {
            schedule: { frequency: 'soon', timeout: { minutes: 1 } },
          },
        },
        /^Invalid configuration: maturity\.orphans\.schedule: .*soon/,
      ],
      [
        'a schedule with an unknown unit',
        {
          index: {
            schedule: { frequency: { minuts: 5 }, timeout: { minutes: 1 } },
          },
        },
        /^Invalid configuration: maturity\.index\.schedule: .*frequency.*Needs one or more of/,
      ],
      [
        'a schedule with a frequency of zero',
        {
          index: {
            schedule: { frequency: { minutes: 0 }, timeout: { minutes: 1 } },
          },
        },
        'Invalid configuration: maturity.index.schedule must have a frequency longer than zero',
      ],
      [
        'a schedule with a negative frequency',
        {
          reminders: {
            schedule: { frequency: { hours: -1 }, timeout: { minutes: 1 } },
          },
        },
        'maturity.reminders.schedule must have a frequency longer than zero',
      ],
      [
        'a schedule with a timeout of zero',
        {
          orphans: {
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 0 } },
          },
        },
        'maturity.orphans.schedule must have a timeout longer than zero',
      ],
      [
        'a schedule with a negative initial delay',
        {
          orphans: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 1 },
              initialDelay: { minutes: -1 },
            },
          },
        },
        'maturity.orphans.schedule must not have a negative initialDelay',
      ],
      [
        'a schedule with an unknown scope',
        {
          reminders: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 1 },
              scope: 'cluster',
            },
          },
        },
        /^Invalid configuration: maturity\.reminders\.schedule: .*scope/,
      ],
      [
        'a schedule with a misspelt key',
        {
          reminders: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 1 },
              initalDelay: { minutes: 1 },
            },
          },
        },
        'Invalid configuration: maturity.reminders.schedule must have only frequency, timeout, initialDelay, scope, not "initalDelay"',
      ],
      [
        'a catalog fact that names neither an annotation nor a relation',
        {
          evidence: {
            catalogFacts: [
              {
                id: 'x',
                label: 'X',
                topics: [{ topicId: 'process.security', level: 1 }],
              },
            ],
          },
        },
        'Invalid configuration: maturity.evidence.catalogFacts.0 must name exactly one of annotation or relation',
      ],
      [
        'a catalog fact at level 6',
        {
          evidence: {
            catalogFacts: [
              {
                id: 'x',
                label: 'X',
                relation: 'dependsOn',
                topics: [{ topicId: 'process.security', level: 6 }],
              },
            ],
          },
        },
        'maturity.evidence.catalogFacts.0.topics.0.level',
      ],
      [
        'catalog facts that are not a list',
        { evidence: { catalogFacts: { id: 'x' } } },
        'maturity.evidence.catalogFacts must be a list of rules',
      ],
      [
        'a schedule that is not an object',
        { reminders: { schedule: 'hourly' } },
        'maturity.reminders.schedule must be an object with frequency and timeout, got "hourly"',
      ],
    ])('%s', (_name, maturity, message) => {
      expect(() => read(maturity)).toThrow(message);
    });

    it('naming every invalid key at once', () => {
      expect(() =>
        read({
          staleAfterDays: 0,
          index: { refreshMinutes: 0 },
          targets: { default: 9 },
        }),
      ).toThrow(
        /maturity\.staleAfterDays .*; .*maturity\.index\.refreshMinutes .*; Invalid maturity\.targets: default/,
      );
    });
  });
});
