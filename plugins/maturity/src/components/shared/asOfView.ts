// The "As of" and "Compare with" choices of a page, as its address holds
// them, turned into the moments the reads are asked for. Dates are calendar
// days in UTC, as the server reads them: "2026-07-01" is the end of that day.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The choices of "Compare with", in the order offered. */
export const COMPARE_CHOICES = [
  { value: '', label: 'Nothing' },
  { value: '30d', label: '30 days ago' },
  { value: '90d', label: '90 days ago' },
  { value: 'quarter', label: 'Start of quarter' },
  { value: 'date', label: 'A date' },
] as const;

/** The value of "Compare with" that asks for a date of one's own. */
export const COMPARE_DATE = 'date';

/** A moment as YYYY-MM-DD of its UTC day. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

export function isCalendarDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 30 February over into March rather than failing.
  return !Number.isNaN(time) && utcDay(new Date(time)) === value;
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** The first day of the quarter a day is in. */
export function quarterStart(day: string): string {
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** A calendar day (YYYY-MM-DD) or a moment as people read it: "1 Jul 2026". */
export function formatDay(dayOrTime: string): string {
  const time = DATE.test(dayOrTime) ? `${dayOrTime}T12:00:00Z` : dayOrTime;
  return new Date(time).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** What the reads of a page ask for, from its "As of" and "Compare with". */
export interface AsOfView {
  /** `asOf` of the reads; undefined for now. */
  asOf?: string;
  /** `asOf` of the earlier reads to compare with; undefined for none. */
  compareAsOf?: string;
  /** The earlier moment as people read it, e.g. "1 Jun 2026". */
  compareLabel?: string;
  /** Why a choice in the address cannot be used, per field. */
  problems: { asOf?: string; compare?: string };
}

/**
 * The reads' moments for an address's `asOf` (a day, empty for now) and
 * `compare` (30d, 90d, quarter, a day, or "date" while one is being
 * chosen): the comparisons count back from the as-of day, or from today.
 * Today as the as-of day is now, whose answer is the freshest.
 */
export function asOfView(
  params: { asOf: string; compare: string },
  now: Date,
): AsOfView {
  const today = utcDay(now);
  const problems: AsOfView['problems'] = {};
  let asOf: string | undefined;
  if (params.asOf) {
    if (!isCalendarDay(params.asOf)) {
      problems.asOf = `Not a date: ${params.asOf}`;
    } else if (params.asOf > today) {
      problems.asOf = 'A date in the future has no answer yet';
    } else if (params.asOf < today) {
      asOf = params.asOf;
    }
  }
  const base = asOf ?? today;
  const compare = params.compare;
  if (!compare || compare === COMPARE_DATE || problems.asOf) {
    return { asOf, problems };
  }
  if (compare === '30d' || compare === '90d') {
    const day = addDays(base, -Number.parseInt(compare, 10));
    return { asOf, compareAsOf: day, compareLabel: formatDay(day), problems };
  }
  if (compare === 'quarter') {
    const day = quarterStart(base);
    return {
      asOf,
      compareAsOf: `${day}T00:00:00Z`,
      compareLabel: `${formatDay(day)}, 00:00 UTC`,
      problems,
    };
  }
  if (!isCalendarDay(compare)) {
    problems.compare = `Not a date or a comparison: ${compare}`;
  } else if (compare >= base) {
    problems.compare = `Must be before ${formatDay(base)}`;
  } else {
    return {
      asOf,
      compareAsOf: compare,
      compareLabel: formatDay(compare),
      problems,
    };
  }
  return { asOf, problems };
}
