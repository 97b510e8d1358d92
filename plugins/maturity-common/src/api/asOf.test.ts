import { asOfSchema } from './asOf';
import { changesQuerySchema, trendQuerySchema } from './changes';

describe('asOfSchema', () => {
  it('reads a date as the end of that day in UTC', () => {
    expect(asOfSchema.parse('2026-07-01').toISOString()).toBe(
      '2026-07-01T23:59:59.999Z',
    );
  });

  it('reads a date-time with its offset', () => {
    expect(asOfSchema.parse('2026-07-01T12:00:00+02:00').toISOString()).toBe(
      '2026-07-01T10:00:00.000Z',
    );
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30', '2026-07-01T12:00:00', ''])(
    'refuses %j',
    value => {
      expect(asOfSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe('changesQuerySchema', () => {
  it('needs from, and from before to', () => {
    expect(changesQuerySchema.safeParse({}).success).toBe(false);
    expect(
      changesQuerySchema.safeParse({ from: '2026-07-01', to: '2026-06-01' })
        .success,
    ).toBe(false);
    const query = changesQuerySchema.parse({
      from: '2026-06-01',
      to: '2026-07-01',
      group: 'group:default/payments',
    });
    expect(query).toMatchObject({ limit: 50, format: 'json' });
  });

  it('refuses an unknown movement', () => {
    expect(
      changesQuerySchema.safeParse({ from: '2026-06-01', movement: 'better' })
        .success,
    ).toBe(false);
  });
});

describe('trendQuerySchema', () => {
  it('defaults to twelve months and caps at 24', () => {
    expect(trendQuerySchema.parse({}).months).toBe(12);
    expect(trendQuerySchema.safeParse({ months: '25' }).success).toBe(false);
  });
});
