import { defaultMaturityModel } from '../model/bundled';
import { computeAssessmentResult } from './assess';
import {
  attestationsOf,
  carriedAttestations,
  exemptionReasons,
  exemptionsOf,
  recordExemptions,
  topicExpiries,
} from './attestation';
import { summarizeResult } from './rollup';

const model = defaultMaturityModel;
const DAY = 24 * 60 * 60 * 1000;
const T0 = '2026-01-01T00:00:00.000Z';
const after = (days: number) =>
  new Date(new Date(T0).getTime() + days * DAY).toISOString();

const NA = { '1': 'not-applicable' as const };
const base = {
  ratings: {
    'process.security': { '1': 'fully' as const, '2': 'largely' as const },
    'people.culture': { '1': 'fully' as const },
    'policy.ai': NA,
  },
  createdAt: T0,
  createdBy: 'user:default/ann',
  attestedAt: {
    'process.security': T0,
    'people.culture': T0,
    'policy.ai': T0,
  },
  exemptions: {
    'policy.ai': { reason: 'No AI in use', author: 'user:default/ann' },
  },
};
const settings = {
  attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
  exemptions: { enabled: true, maxDays: 365 },
};

describe('carriedAttestations', () => {
  it('carries over unchanged topics; changed or confirmed ones are attested anew', () => {
    const carried = carriedAttestations(
      {
        ratings: {
          ...base.ratings,
          'people.culture': { '1': 'fully', '2': 'partially' },
        },
        confirmed: ['policy.ai'],
      },
      base,
    );
    expect(carried).toEqual({ 'process.security': T0 });
    const next = {
      ratings: base.ratings,
      createdAt: after(30),
      attestedAt: carried,
    };
    expect(attestationsOf(next)).toEqual({
      'process.security': T0,
      'people.culture': after(30),
      'policy.ai': after(30),
    });
  });

  it('counts a snapshot written before attestation from its createdAt', () => {
    const { attestedAt, ...older } = { ...base, createdAt: after(-5) };
    expect(carriedAttestations({ ratings: base.ratings }, older)).toMatchObject(
      { 'process.security': after(-5) },
    );
  });

  it('carries nothing without a base, and attests no unrated topic', () => {
    expect(carriedAttestations({ ratings: base.ratings }, null)).toEqual({});
    expect(
      attestationsOf({
        ratings: { 'people.culture': { '1': 'fully' }, 'people.ai': {} },
        createdAt: T0,
      }),
    ).toEqual({ 'people.culture': T0 });
  });
});

describe('topicExpiries', () => {
  const expiries = topicExpiries(model, base, settings);

  it('ends an attestation after its dimension’s days, else the default', () => {
    expect(expiries['process.security'].expiresAt).toBe(after(90));
    expect(expiries['people.culture'].expiresAt).toBe(after(180));
  });

  it('ends an exemption at the first of its attestation and its grant', () => {
    expect(expiries['policy.ai'].expiresAt).toBe(after(180));
    expect(
      topicExpiries(model, base, {
        ...settings,
        attestation: { maxAgeDays: null, dimensions: {} },
      })['policy.ai'].expiresAt,
    ).toBe(after(365));
  });

  it('never ends an unrated topic, nor anything with the settings off', () => {
    expect(expiries['people.ai']).toEqual({
      attestedAt: null,
      expiresAt: null,
    });
    const off = topicExpiries(model, base, {
      attestation: { maxAgeDays: null, dimensions: {} },
      exemptions: { enabled: false, maxDays: 365 },
    });
    expect(Object.values(off).every(e => e.expiresAt === null)).toBe(true);
  });
});

describe('computeAssessmentResult with attestation', () => {
  const input = { ...base, targets: { 'process.security': 3 } };

  it('counts an expired topic as unrated: no level, all gap, out of medians', () => {
    const before = computeAssessmentResult(model, input, {
      ...settings,
      now: new Date(after(89)),
    });
    const expired = computeAssessmentResult(model, input, {
      ...settings,
      now: new Date(after(90)),
    });
    expect(before.topics['process.security']).toMatchObject({
      level: 2,
      gap: 1,
      expired: false,
      attestedAt: T0,
      expiresAt: after(90),
    });
    expect(before.dimensions.process.median).toBe(2);
    expect(expired.topics['process.security']).toMatchObject({
      level: null,
      gap: 3,
      expired: true,
    });
    expect(expired.dimensions.process.median).toBeNull();
    expect(summarizeResult(expired).topicLevels['process.security']).toBeNull();
  });

  it('turns an ended exemption into an unrated topic, not a not-applicable one', () => {
    const ended = computeAssessmentResult(model, input, {
      attestation: { maxAgeDays: null, dimensions: {} },
      exemptions: { enabled: true, maxDays: 365 },
      now: new Date(after(365)),
    });
    expect(ended.topics['policy.ai']).toMatchObject({
      notApplicable: false,
      expired: true,
    });
    expect(summarizeResult(ended).notApplicableTopics).toEqual([]);
  });

  it('knows when its summary next changes', () => {
    const result = computeAssessmentResult(model, input, {
      ...settings,
      now: new Date(after(100)),
    });
    expect(summarizeResult(result).validUntil).toBe(after(180));
  });

  it('is as before attestation without the settings', () => {
    const result = computeAssessmentResult(model, input, {
      now: new Date(after(1000)),
    });
    expect(result.topics['process.security']).not.toHaveProperty('expired');
    expect(result.topics['process.security'].level).toBe(2);
  });
});

describe('exemptions', () => {
  it('grants one set in an approved snapshot from the approval, by its reviewer', () => {
    const approval = { reviewer: 'user:default/rev', decidedAt: after(3) };
    expect(exemptionsOf(model, { ...base, approval })).toEqual([
      {
        topicId: 'policy.ai',
        reason: 'No AI in use',
        author: 'user:default/ann',
        approver: 'user:default/rev',
        grantedAt: after(3),
      },
    ]);
  });

  it('keeps author and approver of one carried over with the same reason', () => {
    const approved = {
      ...base,
      exemptions: {
        'policy.ai': {
          ...base.exemptions['policy.ai'],
          approver: 'user:default/rev',
        },
      },
    };
    const carried = carriedAttestations({ ratings: base.ratings }, approved);
    expect(
      recordExemptions(
        model,
        { reasons: { 'policy.ai': 'No AI in use' }, carried },
        approved,
        'user:default/bob',
      ),
    ).toEqual({ 'policy.ai': approved.exemptions['policy.ai'] });
    const renewed = carriedAttestations(
      { ratings: base.ratings, confirmed: ['policy.ai'] },
      approved,
    );
    expect(
      recordExemptions(
        model,
        { reasons: { 'policy.ai': 'No AI in use' }, carried: renewed },
        approved,
        'user:default/bob',
      ),
    ).toEqual({
      'policy.ai': { reason: 'No AI in use', author: 'user:default/bob' },
    });
  });
});

describe('exemptionReasons', () => {
  it('keeps the base reason of a topic that stays an exemption, a given one wins', () => {
    expect(exemptionReasons(model, { ratings: base.ratings }, base)).toEqual({
      'policy.ai': 'No AI in use',
    });
    expect(
      exemptionReasons(
        model,
        { ratings: base.ratings, exemptions: { 'policy.ai': 'Still none' } },
        base,
      ),
    ).toEqual({ 'policy.ai': 'Still none' });
    expect(
      exemptionReasons(
        model,
        { ratings: { ...base.ratings, 'policy.ai': { '1': 'fully' } } },
        base,
      ),
    ).toEqual({});
  });
});
