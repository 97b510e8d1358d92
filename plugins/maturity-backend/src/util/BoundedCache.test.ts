import { BoundedCache, estimateBytes } from './BoundedCache';

describe('BoundedCache', () => {
  it('keeps what fits in maxBytes, forgetting the oldest written first', () => {
    const cache = new BoundedCache<string>({
      maxBytes: 300,
      sizeOf: v => v.length,
    });
    cache.set('a', 'x'.repeat(100));
    cache.set('b', 'x'.repeat(100));
    cache.set('a', 'y'.repeat(100)); // a is now the newest
    cache.set('c', 'x'.repeat(50));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('y'.repeat(100));
    expect(cache.get('c')).toBe('x'.repeat(50));
    expect(cache.size).toBeLessThanOrEqual(300);
  });

  it('never holds a value larger than its whole budget', () => {
    const cache = new BoundedCache<string>({ maxBytes: 1000 });
    cache.set('small', 'x');
    cache.set('huge', 'x'.repeat(1000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toBe('x');
  });

  it('stays within budget under many large values', () => {
    const cache = new BoundedCache<{ notes: string[] }>({ maxBytes: 1e6 });
    for (let i = 0; i < 1000; i++) {
      cache.set(`k${i}`, { notes: ['x'.repeat(10_000), `${i}`] });
    }
    expect(cache.size).toBeLessThanOrEqual(1e6);
    expect(cache.get('k999')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('estimates strings at two bytes a character at least', () => {
    expect(estimateBytes('x'.repeat(1000))).toBeGreaterThanOrEqual(2000);
    expect(
      estimateBytes({ a: ['x'.repeat(500), 'y'.repeat(500)], b: 1 }),
    ).toBeGreaterThanOrEqual(2000);
  });
});
