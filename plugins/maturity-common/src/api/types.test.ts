import {
  assessedRefsQuerySchema,
  catalogRowsRequestSchema,
  entityFilterSchema,
  exemptionsQuerySchema,
  exportQuerySchema,
  historyQuerySchema,
  overviewQuerySchema,
} from './types';

describe('overviewQuerySchema', () => {
  it('fills in the defaults', () => {
    expect(overviewQuerySchema.parse({})).toEqual({
      sortBy: 'name',
      order: 'asc',
      limit: 50,
    });
  });

  it('coerces numbers from query strings and trims text', () => {
    expect(
      overviewQuerySchema.parse({
        kind: ' component ',
        minLevel: '3',
        limit: '200',
        order: 'desc',
        sortBy: 'people',
      }),
    ).toEqual({
      kind: 'component',
      minLevel: 3,
      limit: 200,
      order: 'desc',
      sortBy: 'people',
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a minLevel above 5', { minLevel: '6' }, 'minLevel'],
    ['a negative minLevel', { minLevel: '-1' }, 'minLevel'],
    ['a fractional minLevel', { minLevel: '2.5' }, 'minLevel'],
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit above 200', { limit: '201' }, 'limit'],
    ['an unknown order', { order: 'up' }, 'order'],
    ['a blank owner', { owner: '   ' }, 'owner'],
    ['a too-long cursor', { cursor: 'c'.repeat(513) }, 'cursor'],
    ['an unknown parameter', { format: 'csv' }, ''],
  ])('rejects %s', (_name, query, field) => {
    const result = overviewQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(field ? [field] : []);
  });
});

describe('exportQuerySchema', () => {
  it.each<[Record<string, unknown>, unknown]>([
    [{}, { format: 'csv' }],
    [
      { format: 'json', system: 'system:default/shop' },
      { format: 'json', system: 'system:default/shop' },
    ],
  ])('parses %j', (query, expected) => {
    expect(exportQuerySchema.parse(query)).toEqual(expected);
  });

  it.each([[{ format: 'xml' }], [{ limit: '10' }]])('rejects %j', query => {
    expect(exportQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe('historyQuerySchema', () => {
  it.each<[Record<string, unknown>, unknown]>([
    [{}, { limit: 20 }],
    [
      { limit: '100', cursor: 'abc' },
      { limit: 100, cursor: 'abc' },
    ],
  ])('parses %j', (query, expected) => {
    expect(historyQuerySchema.parse(query)).toEqual(expected);
  });

  it.each([[{ limit: '101' }], [{ limit: 'many' }], [{ kind: 'component' }]])(
    'rejects %j',
    query => {
      expect(historyQuerySchema.safeParse(query).success).toBe(false);
    },
  );
});

describe('entityFilterSchema', () => {
  it('refuses a NUL character in a filter, which PostgreSQL cannot compare', () => {
    const result = entityFilterSchema.safeParse({ kind: 'comp\0onent' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['kind'],
      message: 'must not contain a NUL character',
    });
  });

  it('accepts no filter at all', () => {
    expect(entityFilterSchema.parse({})).toEqual({});
  });
});

describe('expiresWithinDays', () => {
  it('is a number of days, empty meaning no filter', () => {
    expect(entityFilterSchema.parse({ expiresWithinDays: '30' })).toEqual({
      expiresWithinDays: 30,
    });
    expect(
      entityFilterSchema.parse({ expiresWithinDays: '' }).expiresWithinDays,
    ).toBeUndefined();
    expect(
      entityFilterSchema.safeParse({ expiresWithinDays: '-1' }).success,
    ).toBe(false);
  });
});

describe('exemptionsQuerySchema', () => {
  it('takes the scope filters and a page, JSON by default', () => {
    expect(
      exemptionsQuerySchema.parse({ owner: 'group:default/a', limit: '10' }),
    ).toEqual({ owner: 'group:default/a', limit: 10, format: 'json' });
    expect(exemptionsQuerySchema.safeParse({ minLevel: '2' }).success).toBe(
      false,
    );
  });

  it('takes the review and expiry filters together, as the overview does', () => {
    expect(
      exemptionsQuerySchema.parse({
        review: 'pending',
        expiresWithinDays: '30',
      }),
    ).toEqual({
      review: 'pending',
      expiresWithinDays: 30,
      limit: 50,
      format: 'json',
    });
    expect(
      exemptionsQuerySchema.safeParse({ review: 'approved' }).success,
    ).toBe(false);
  });
});

describe('an empty minLevel', () => {
  it('means no level filter rather than level 0', () => {
    expect(entityFilterSchema.parse({ minLevel: '' }).minLevel).toBeUndefined();
    expect(entityFilterSchema.parse({ minLevel: '0' }).minLevel).toBe(0);
  });
});

describe('catalogRowsRequestSchema', () => {
  it('takes full refs, up to 500', () => {
    const entityRefs = Array.from(
      { length: 500 },
      (_, i) => `component:default/service-${i}`,
    );
    expect(catalogRowsRequestSchema.parse({ entityRefs })).toEqual({
      entityRefs,
    });
  });

  it.each<[string, unknown, string]>([
    ['no refs', { entityRefs: [] }, 'entityRefs'],
    [
      '501 refs',
      { entityRefs: Array(501).fill('component:default/a') },
      'entityRefs',
    ],
    ['a ref without kind', { entityRefs: ['default/web'] }, 'entityRefs.0'],
    [
      'a ref without namespace',
      { entityRefs: ['component:web'] },
      'entityRefs.0',
    ],
    [
      'a ref with a space',
      { entityRefs: ['component:default/my web'] },
      'entityRefs.0',
    ],
    ['a number', { entityRefs: [42] }, 'entityRefs.0'],
    ['a missing body', undefined, ''],
    [
      'an unknown field',
      { entityRefs: ['component:default/a'], all: true },
      '',
    ],
  ])('rejects %s', (_name, body, field) => {
    const result = catalogRowsRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path.join('.')).toBe(field);
  });
});

describe('assessedRefsQuerySchema', () => {
  it.each<[Record<string, unknown>, unknown]>([
    [{}, {}],
    [{ minLevel: '', stale: 'true' }, { stale: 'true' }],
    [
      { minLevel: '3', stale: 'false' },
      { minLevel: 3, stale: 'false' },
    ],
  ])('parses %j', (query, expected) => {
    expect(assessedRefsQuerySchema.parse(query)).toEqual(expected);
  });

  it.each<Record<string, unknown>>([
    { minLevel: '0' },
    { minLevel: '6' },
    { stale: 'yes' },
    { kind: 'component' },
  ])('rejects %j', query => {
    expect(assessedRefsQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe('the review filter', () => {
  it('keeps review=pending on the overview and the export only', () => {
    expect(overviewQuerySchema.parse({ review: 'pending' }).review).toBe(
      'pending',
    );
    expect(exportQuerySchema.parse({ review: 'pending' }).review).toBe(
      'pending',
    );
    expect(overviewQuerySchema.safeParse({ review: 'approved' }).success).toBe(
      false,
    );
    expect(entityFilterSchema.safeParse({ review: 'pending' }).success).toBe(
      false,
    );
  });
});
