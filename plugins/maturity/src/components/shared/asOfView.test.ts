import { asOfView, formatDay, quarterStart } from './asOfView';

const NOW = new Date('2026-11-20T10:00:00Z');
const view = (asOf: string, compare = '') => asOfView({ asOf, compare }, NOW);

describe('asOfView', () => {
  it('reads now without a day, and today as now', () => {
    expect(view('')).toEqual({ problems: {} });
    expect(view('2026-11-20')).toEqual({ problems: {} });
  });

  it('reads a past day as the end of that day, as the server does', () => {
    expect(view('2026-07-01')).toEqual({ asOf: '2026-07-01', problems: {} });
  });

  it('refuses a day in the future or that is not a date, comparing nothing', () => {
    expect(view('2026-11-21', '30d')).toEqual({
      problems: { asOf: 'A date in the future has no answer yet' },
    });
    expect(view('2026-02-30').problems.asOf).toBe('Not a date: 2026-02-30');
    expect(view('yesterday').problems.asOf).toBe('Not a date: yesterday');
  });

  it('counts 30 and 90 days back from the as-of day, or from today', () => {
    expect(view('2026-07-01', '30d')).toMatchObject({
      asOf: '2026-07-01',
      compareAsOf: '2026-06-01',
      compareLabel: formatDay('2026-06-01'),
    });
    expect(view('', '90d').compareAsOf).toBe('2026-08-22');
  });

  it('compares with the first moment of the quarter of the as-of day', () => {
    expect(view('2026-08-15', 'quarter')).toMatchObject({
      compareAsOf: '2026-07-01T00:00:00Z',
      compareLabel: `${formatDay('2026-07-01')}, 00:00 UTC`,
    });
    expect(view('', 'quarter').compareAsOf).toBe('2026-10-01T00:00:00Z');
    expect(quarterStart('2026-03-31')).toBe('2026-01-01');
    expect(quarterStart('2026-12-01')).toBe('2026-10-01');
  });

  it('compares with a day of its own only when before the as-of day', () => {
    expect(view('2026-07-01', '2026-05-02').compareAsOf).toBe('2026-05-02');
    expect(view('2026-07-01', '2026-07-01')).toEqual({
      asOf: '2026-07-01',
      problems: { compare: `Must be before ${formatDay('2026-07-01')}` },
    });
    expect(view('', 'last-week').problems.compare).toBe(
      'Not a date or a comparison: last-week',
    );
  });

  it('compares with nothing while a day of its own is being chosen', () => {
    expect(view('2026-07-01', 'date')).toEqual({
      asOf: '2026-07-01',
      problems: {},
    });
  });
});
