import { InputError } from '@backstage/errors';
import type { AsOfAnswer } from '@cnmm/backstage-plugin-maturity-common';

/** The moment a read answers for, and what its answer says of it. */
export type ReadMoment = {
  /** Staleness is measured at this moment, in epoch milliseconds. */
  atMs: number;
  /** `asOf` and `scopeAsOf` for a read as of a date; nothing for one of now. */
  answer: AsOfAnswer;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The moment of a read: `asOf`, or now. A moment still to come is a 400 by
 * the server's clock: the history cannot answer it, and "now" would be an
 * answer to another question. Today's date alone (the end of today) reads
 * as now: the day has begun, and a date picker offers it. The scope of an
 * answer as of a date is today's catalog membership, since the catalog
 * keeps no history.
 */
export function readMoment(
  asOf: Date | undefined,
  now: Date,
  name = 'asOf',
): ReadMoment {
  if (!asOf) return { atMs: now.getTime(), answer: {} };
  const endOfToday = (Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS - 1;
  if (asOf.getTime() === endOfToday) {
    return {
      atMs: now.getTime(),
      answer: { asOf: now.toISOString(), scopeAsOf: 'now' },
    };
  }
  if (asOf.getTime() > now.getTime()) {
    throw new InputError(
      `${name} ${asOf.toISOString()} is in the future (the server's time is ${now.toISOString()})`,
    );
  }
  return {
    atMs: asOf.getTime(),
    answer: { asOf: asOf.toISOString(), scopeAsOf: 'now' },
  };
}
