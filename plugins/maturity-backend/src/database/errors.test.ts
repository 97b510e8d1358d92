import { ServiceUnavailableError } from '@backstage/errors';
import { mapDatabaseError, withDatabaseErrors } from './errors';

/** An error as node's net module and pg raise it for a refused connection. */
function refused(): Error {
  return Object.assign(
    new Error('connect ECONNREFUSED 10.1.2.3:5432 (db.internal.example)'),
    { code: 'ECONNREFUSED', address: '10.1.2.3', port: 5432 },
  );
}

/** A small store with every kind of method the stores have. */
class Store {
  readonly name = 'store';
  calls = 0;

  constructor(private readonly failure?: unknown) {}

  async get(ref: string): Promise<string> {
    this.calls++;
    if (this.failure) throw this.failure;
    return `${this.name}:${ref}`;
  }

  countSync(): number {
    this.calls++;
    return this.calls;
  }

  throwSync(): never {
    throw this.failure;
  }

  async *batches(): AsyncGenerator<number[]> {
    yield [1, 2];
    if (this.failure) throw this.failure;
    yield [3];
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('mapDatabaseError', () => {
  it.each([
    ['ECONNREFUSED', { code: 'ECONNREFUSED' }],
    ['ECONNRESET', { code: 'ECONNRESET' }],
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }],
    ['PostgreSQL admin shutdown', { code: '57P01' }],
    ['PostgreSQL cannot connect now', { code: '57P03' }],
    ['a connection failure class 08', { code: '08006' }],
    ['SQLITE_BUSY', { code: 'SQLITE_BUSY' }],
    ['a knex pool timeout', { name: 'KnexTimeoutError' }],
    ['a terminated connection', { message: 'Connection terminated' }],
    ['a read timeout', { message: 'Query read timeout' }],
  ])('maps %s to ServiceUnavailableError', (_, fields) => {
    const error = Object.assign(new Error(''), fields);
    expect(mapDatabaseError(error)).toBeInstanceOf(ServiceUnavailableError);
  });

  it('leaves the host and port of the driver error out of the message', () => {
    const mapped = mapDatabaseError(refused()) as Error;
    expect(mapped.message).not.toMatch(/10\.1\.2\.3|5432|db\.internal/);
    expect(mapped.message).toMatch(/not available/);
  });

  it('returns an error of a bad query itself', () => {
    const error = Object.assign(new Error('syntax error at or near "FROM"'), {
      code: '42601',
    });
    expect(mapDatabaseError(error)).toBe(error);
  });

  it('returns non-errors unchanged', () => {
    expect(mapDatabaseError(undefined)).toBeUndefined();
    expect(mapDatabaseError('text')).toBe('text');
  });
});

describe('withDatabaseErrors', () => {
  it('answers ServiceUnavailableError when a method rejects with ECONNREFUSED', async () => {
    const store = withDatabaseErrors(new Store(refused()));
    const failure = store.get('a').then(
      () => undefined,
      (error: Error) => error,
    );
    const error = await failure;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error?.message).not.toMatch(/10\.1\.2\.3|5432/);
  });

  it('passes a non-outage rejection through unchanged', async () => {
    const original = new Error('duplicate key value');
    const store = withDatabaseErrors(new Store(original));
    await expect(store.get('a')).rejects.toBe(original);
  });

  it('resolves with what the method resolves with', async () => {
    const store = withDatabaseErrors(new Store());
    await expect(store.get('a')).resolves.toBe('store:a');
  });

  it('maps an outage thrown synchronously', () => {
    const store = withDatabaseErrors(new Store(refused()));
    expect(() => store.throwSync()).toThrow(ServiceUnavailableError);
  });

  it('returns synchronous results as they are', () => {
    const store = withDatabaseErrors(new Store());
    expect(store.countSync()).toBe(1);
    expect(store.countSync()).toBe(2);
  });

  it('calls methods with the store as `this`', async () => {
    const inner = new Store();
    const store = withDatabaseErrors(inner);
    await store.get('a');
    store.countSync();
    // Both calls counted on the wrapped object's own state.
    expect(inner.calls).toBe(2);
  });

  it('reads non-function properties through', () => {
    const store = withDatabaseErrors(new Store());
    expect(store.name).toBe('store');
  });

  it('streams every batch of a healthy generator', async () => {
    const store = withDatabaseErrors(new Store());
    await expect(collect(store.batches())).resolves.toEqual([[1, 2], [3]]);
  });

  it('throws ServiceUnavailableError from the for-await of a stream failing after its first batch', async () => {
    const store = withDatabaseErrors(new Store(refused()));
    const seen: number[][] = [];
    let caught: unknown;
    try {
      for await (const batch of store.batches()) seen.push(batch);
    } catch (error) {
      caught = error;
    }
    expect(seen).toEqual([[1, 2]]);
    expect(caught).toBeInstanceOf(ServiceUnavailableError);
  });

  it('passes a non-outage stream error through unchanged', async () => {
    const original = new Error('column "x" does not exist');
    const store = withDatabaseErrors(new Store(original));
    await expect(collect(store.batches())).rejects.toBe(original);
  });

  it('ends the wrapped generator when the consumer stops early', async () => {
    const finished = jest.fn();
    const store = withDatabaseErrors({
      async *batches() {
        try {
          yield 1;
          yield 2;
        } finally {
          finished();
        }
      },
    });
    for await (const batch of store.batches()) {
      expect(batch).toBe(1);
      break;
    }
    expect(finished).toHaveBeenCalledTimes(1);
  });
});
