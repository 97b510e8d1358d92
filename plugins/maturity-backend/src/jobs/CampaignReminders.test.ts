import { ConfigReader } from '@backstage/config';
import { readMaturityConfig } from '../config';
import { isoWeek } from './CampaignReminders';

describe('isoWeek', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2027-01-01', '2026-W53'], // a Friday: the last week of the year before
    ['2024-12-30', '2025-W01'], // a Monday whose Thursday is in 2025
    ['2026-11-22', '2026-W47'], // a Sunday closes its week
    ['2026-11-23', '2026-W48'], // and the Monday after opens the next
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
    expect(isoWeek(new Date(`${day}T23:59:59Z`))).toBe(week);
  });
});

describe('readMaturityConfig(config).reminders', () => {
  it('turns every reason on unless switched off', () => {
    const settings = readMaturityConfig(
      new ConfigReader({
        maturity: { staleAfterDays: 90, reminders: { assessmentStale: false } },
      }),
    ).reminders;
    expect(settings).toEqual({
      staleAfterDays: 90,
      enabled: {
        'campaign-started': true,
        'assessment-missing': true,
        'assessment-stale': false,
        'deadline-14-days': true,
        'deadline-3-days': true,
      },
    });
  });
});
