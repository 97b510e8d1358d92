import { RefusalSampler } from './refusalAudit';

describe('RefusalSampler', () => {
  it('audits at most `perAddress` refusals a minute from one address, then reports the ones left out', () => {
    let now = 0;
    const sampler = new RefusalSampler({ perAddress: 2, total: 10 }, () => now);
    const taken = Array.from({ length: 5 }, () => sampler.take('10.0.0.1'));
    expect(taken.map(t => t.audit)).toEqual([true, true, false, false, false]);
    // Another address still gets its share.
    expect(sampler.take('10.0.0.2')).toEqual({ audit: true, suppressed: 3 });
    now = 60_000;
    expect(sampler.take('10.0.0.1')).toEqual({ audit: true, suppressed: 0 });
  });

  it('audits at most `total` refusals a minute over every address', () => {
    let now = 0;
    const sampler = new RefusalSampler({ perAddress: 5, total: 3 }, () => now);
    const audited = Array.from(
      { length: 1000 },
      (_, i) => sampler.take(`10.0.${i >> 8}.${i & 255}`).audit,
    ).filter(Boolean);
    expect(audited).toHaveLength(3);
    now = 60_000;
    expect(sampler.take('10.9.9.9')).toEqual({ audit: true, suppressed: 997 });
  });
});
