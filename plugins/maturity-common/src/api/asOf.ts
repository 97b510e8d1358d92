import { z } from 'zod';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A moment to read history at: an ISO date-time with its offset, or an ISO
 * date, which means the end of that day in UTC ("where were we on 1 July"
 * counts what was written on 1 July). Parsed to a Date; whether it is in
 * the future is the server's to say, by its own clock.
 * @public
 */
export const asOfSchema = z
  .string()
  .trim()
  .max(64)
  .refine(
    value =>
      DATE_ONLY.test(value) ||
      z.iso.datetime({ offset: true }).safeParse(value).success,
    {
      message:
        'must be an ISO date (2026-07-01) or date-time (2026-07-01T12:00:00Z)',
    },
  )
  .transform((value, ctx) => {
    const dateOnly = DATE_ONLY.test(value);
    const time = dateOnly
      ? Date.parse(`${value}T00:00:00.000Z`) + DAY_MS - 1
      : Date.parse(value);
    // Date.parse rolls 30 February over into March rather than failing.
    const valid =
      !Number.isNaN(time) &&
      (!dateOnly || new Date(time).toISOString().slice(0, 10) === value);
    if (!valid) {
      ctx.addIssue({ code: 'custom', message: 'is not a calendar date' });
      return z.NEVER;
    }
    return new Date(time);
  });

/** `asOf` as an optional query parameter, as every "now" read takes it. @public */
export const asOfQuerySchema = z.strictObject({
  asOf: asOfSchema.optional(),
});

/**
 * What an answer "as of" a moment says of itself: the moment used, and that
 * its scope is today's catalog membership, since the catalog keeps no
 * history.
 * @public
 */
export interface AsOfAnswer {
  asOf?: string;
  scopeAsOf?: 'now';
}
