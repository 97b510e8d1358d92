import { ServiceUnavailableError } from '@backstage/errors';

// Parameters per IN (...) list; well below SQLite's and PostgreSQL's limits.
const CHUNK = 1000;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

// Codes of a database that is down or unreachable, rather than of a bad query.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
]);

function isUnavailable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as {
    code?: string;
    name?: string;
    message?: string;
  };
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    name === 'KnexTimeoutError' ||
    // knex and pg report a lost connection in words only: a failed ROLLBACK
    // hides the original error, and read timeouts carry no code.
    /Connection terminated|connection is closed|not queryable|Query read timeout|timeout expired/i.test(
      message ?? '',
    )
  );
}

/**
 * Lets a database outage answer 503 with a clear message instead of a 500,
 * so clients can tell "try again" from "this request is wrong".
 */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isUnavailable(error)) {
      // The driver's error names hosts and ports: it stays out of the answer.
      throw new ServiceUnavailableError(
        'The maturity database is not available; try again shortly',
      );
    }
    throw error;
  }
}
