import { ServiceUnavailableError } from '@backstage/errors';

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
 * An outage becomes a 503 with a clear message instead of a 500, so clients
 * can tell "try again" from "this request is wrong". The driver's error names
 * hosts and ports: it stays out of the answer.
 */
export function mapDatabaseError(error: unknown): unknown {
  return isUnavailable(error)
    ? new ServiceUnavailableError(
        'The maturity database is not available; try again shortly',
      )
    : error;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown>)?.then === 'function';
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> {
  return (
    typeof (value as AsyncIterator<unknown>)?.next === 'function' &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] ===
      'function'
  );
}

async function* mapIterator<T>(iterator: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* iterator;
  } catch (error) {
    throw mapDatabaseError(error);
  }
}

/**
 * Wraps every method of a store so that its database errors are mapped,
 * whether it answers a promise or a stream of batches: applied once where the
 * stores are made, no query can forget it.
 */
export function withDatabaseErrors<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = value.apply(target, args);
        } catch (error) {
          throw mapDatabaseError(error);
        }
        if (isAsyncIterator(result)) {
          return mapIterator(result as AsyncGenerator<unknown>);
        }
        if (isPromise(result)) {
          return result.catch(error => {
            throw mapDatabaseError(error);
          });
        }
        return result;
      };
    },
  });
}
