/* eslint-disable no-script-url -- script URLs are the payloads under test */
import {
  AssessmentSubmission,
  OVERVIEW_SORT_FIELDS,
  RATINGS,
  SUBMISSION_LIMITS,
} from '@cnmm/backstage-plugin-maturity-common';
import fc from 'fast-check';
import { TOPICS } from '../../src/__testUtils__/fixtures';

const TOPIC_IDS = TOPICS.map(t => t.id);
const KNOWN_ROOT_KEYS = [
  'baseRevision',
  'ratings',
  'targets',
  'notes',
  'evidence',
  'comment',
];
/** Topics whose maxLevel is below 5: a level 5 there is out of range. */
const LOW_MAX_TOPICS = TOPICS.filter(t => t.maxLevel < 5);

/** Keys that mean something to JavaScript objects. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** A copy of `target` with an own, enumerable `key`, even `__proto__`. */
function withOwn(target: object, key: string, value: unknown): any {
  const copy: any = Array.isArray(target) ? [...target] : { ...target };
  Object.defineProperty(copy, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Markup and text that must come back exactly as sent. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(document.cookie)">',
  '"><svg/onload=alert(1)>',
  "javascript:alert('x')",
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7} #{7*7} <%= 7*7 %>',
  '=HYPERLINK("http://evil.example")',
  "'; DROP TABLE maturity_assessment; --",
  '\u0000\u0001\u001f\u007f',
  '\ud800 lone surrogate \udfff',
  'emoji 👩🏽‍💻 and RTL \u202e txt.exe',
  '&lt;already&gt; &amp; escaped',
  '\r\n\t back\\slash "quotes"',
];

export const text = (maxLength: number) =>
  fc.oneof(
    fc.constantFrom(...MARKUP),
    fc.string({ unit: 'binary', maxLength }),
    fc
      .array(fc.constantFrom(...MARKUP), { minLength: 1, maxLength: 6 })
      .map(parts => parts.join(' ')),
  );

const topic = fc.constantFrom(...TOPICS);
const rating = fc.constantFrom(...RATINGS);
const httpsUrl = fc.webUrl({ validSchemes: ['https', 'http'] });

/** A valid submission without its baseRevision: the base to corrupt. */
export const validBody = fc
  .record({
    ratings: fc.dictionary(
      topic.map(t => t.id),
      fc.constant(null),
      { maxKeys: 5 },
    ),
    targets: fc.option(fc.constant(true), { nil: undefined }),
    notes: fc.option(text(200), { nil: undefined }),
    evidence: fc.option(fc.array(httpsUrl, { maxLength: 3 }), {
      nil: undefined,
    }),
    comment: fc.option(text(200), { nil: undefined }),
    levels: fc.array(rating, { minLength: 5, maxLength: 5 }),
  })
  .map(({ ratings, targets, notes, evidence, comment, levels }) => {
    const body: Omit<AssessmentSubmission, 'baseRevision'> = {
      ratings: Object.fromEntries(
        Object.keys(ratings).map(id => {
          const { maxLevel } = TOPICS.find(t => t.id === id)!;
          return [
            id,
            Object.fromEntries(
              levels.slice(0, maxLevel).map((r, i) => [String(i + 1), r]),
            ),
          ];
        }),
      ),
    };
    if (targets) body.targets = { 'people.ai': 4, 'process.security': 5 };
    if (notes !== undefined) body.notes = { 'people.ai': notes };
    if (evidence) body.evidence = { 'policy.ai': evidence };
    if (comment !== undefined) body.comment = comment;
    return body;
  });

/**
 * One way to make a submission invalid, with what the 400 must name:
 * `fragments` are the field path (and the offending key, for unknown keys).
 * `raw` replaces the JSON body; `contentType` replaces application/json.
 */
export interface Corruption {
  label: string;
  apply(body: object, baseRevision: number): object;
  raw?: (baseRevision: number) => string;
  contentType?: string;
  fragments: string[];
  status: 400 | 413;
}

const notInteger = fc.oneof(
  fc
    .double({ noDefaultInfinity: true, noNaN: true })
    .filter(n => !Number.isInteger(n)),
  fc.integer({ max: -1 }),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.nat(), { maxLength: 3 }),
  fc.constant({ valueOf: 1 }),
  fc.constant(2 ** 53 + 2),
);
const notObject = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);
const unknownKey = (known: string[]) =>
  fc
    .oneof(
      fc.constantFrom(
        ...PROTOTYPE_KEYS,
        'people',
        'people.',
        'People.AI',
        'people.ai ',
        'people.nope',
        'process.security.extra',
        'revision',
        'createdBy',
        'createdAt',
        'entityRef',
        'result',
        '',
      ),
      fc.stringMatching(/^[a-z_$][\w$.-]{0,24}$/),
    )
    .filter(key => !known.includes(key));

/** Any http(s) string the schema would accept stays out of "bad URLs". */
function isHttpUrl(value: string) {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
const badUrl = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'ftp://example.com/file',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'mailto:someone@example.com',
    '//evil.example/path',
    '/relative/path',
    'example.com',
    'http//missing-colon.example',
    `https://example.com/${'a'.repeat(SUBMISSION_LIMITS.urlLength)}`,
  ),
  fc.string({ maxLength: 40 }).filter(s => !isHttpUrl(s)),
);

function nested(kind: 'array' | 'object', depth: number) {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  notInteger.map(value => ({
    label: `baseRevision ${JSON.stringify(value)}`,
    apply: (body: object) => ({ ...body, baseRevision: value }),
    fragments: ['baseRevision'],
    status: 400 as const,
  })),
  notObject.map(value => ({
    label: `ratings ${JSON.stringify(value)}`,
    apply: (body: object, base: number) => ({
      ...body,
      baseRevision: base,
      ratings: value,
    }),
    fragments: ['ratings'],
    status: 400 as const,
  })),
  fc
    .tuple(
      fc.constantFrom('ratings', 'targets', 'notes', 'evidence'),
      unknownKey(TOPIC_IDS),
    )
    .map(([field, key]) => ({
      label: `unknown topic ${JSON.stringify(key)} in ${field}`,
      apply: (body: any, base: number) => {
        const value = {
          ratings: { '1': 'fully' },
          targets: 2,
          notes: 'note',
          evidence: ['https://example.com'],
        }[field];
        return {
          ...body,
          baseRevision: base,
          [field]: withOwn(body[field] ?? {}, key, value),
        };
      },
      fragments: [field, key],
      status: 400 as const,
    })),
  fc
    .tuple(
      fc.oneof(fc.constantFrom(...LOW_MAX_TOPICS), topic),
      fc.oneof(
        fc.integer({ min: 5, max: 12 }).map(String),
        fc.constantFrom('0', '-1', '1.0', '01', ' 1', 'one', ...PROTOTYPE_KEYS),
      ),
      rating,
    )
    .filter(
      ([t, level]) => !(Number(level) <= t.maxLevel && /^[1-5]$/.test(level)),
    )
    .map(([t, level, r]) => ({
      label: `level ${JSON.stringify(level)} of ${t.id} (max ${t.maxLevel})`,
      apply: (body: any, base: number) => ({
        ...body,
        baseRevision: base,
        ratings: {
          ...body.ratings,
          [t.id]: withOwn({ '1': 'fully' }, level, r),
        },
      }),
      fragments: [`ratings.${t.id}`, level],
      status: 400 as const,
    })),
  fc
    .tuple(
      topic,
      fc.oneof(
        fc.constantFrom(
          'Fully',
          'fully ',
          'FULLY',
          'n/a',
          'not_applicable',
          '',
        ),
        fc.string().filter(s => !(RATINGS as readonly string[]).includes(s)),
        fc.integer(),
        fc.constant(null),
        fc.boolean(),
        fc.constant([]),
        fc.constant({}),
      ),
    )
    .map(([t, value]) => ({
      label: `rating ${JSON.stringify(value)} for ${t.id}.1`,
      apply: (body: any, base: number) => ({
        ...body,
        baseRevision: base,
        ratings: { ...body.ratings, [t.id]: { '1': value } },
      }),
      fragments: [`ratings.${t.id}.1`],
      status: 400 as const,
    })),
  fc
    .tuple(
      topic,
      fc.oneof(
        fc.integer({ min: 6, max: 1000 }),
        fc.integer({ max: -1 }),
        fc.constant(5.5),
        fc.constantFrom('3', null, true, [3]),
      ),
    )
    .map(([t, value]) => ({
      label: `target ${JSON.stringify(value)} for ${t.id}`,
      apply: (body: any, base: number) => ({
        ...body,
        baseRevision: base,
        targets: { [t.id]: value },
      }),
      fragments: [`targets.${t.id}`],
      status: 400 as const,
    })),
  // people.ai stops at level 4: a target of 5 is out of range.
  fc.constantFrom(...LOW_MAX_TOPICS).map(t => ({
    label: `target 5 for ${t.id} (max ${t.maxLevel})`,
    apply: (body: any, base: number) => ({
      ...body,
      baseRevision: base,
      targets: { [t.id]: 5 },
    }),
    fragments: [`targets.${t.id}`],
    status: 400 as const,
  })),
  fc
    .tuple(
      topic,
      fc.oneof(
        fc
          .integer({ min: SUBMISSION_LIMITS.noteLength + 1, max: 200_000 })
          .map(n => '<b>x</b>'.repeat(Math.ceil(n / 8))),
        fc.constantFrom(42, null, ['a'], { a: 1 }),
      ),
    )
    .map(([t, value]) => ({
      label: `note of ${
        typeof value === 'string'
          ? `${value.length} chars`
          : JSON.stringify(value)
      }`,
      apply: (body: any, base: number) => ({
        ...body,
        baseRevision: base,
        notes: { [t.id]: value },
      }),
      fragments: [`notes.${t.id}`],
      status: 400 as const,
    })),
  fc
    .oneof(
      fc
        .integer({ min: SUBMISSION_LIMITS.commentLength + 1, max: 500_000 })
        .map(n => 'c'.repeat(n)),
      fc.constantFrom(42, null, ['a'], { a: 1 }, true),
    )
    .map(value => ({
      label: `comment of ${
        typeof value === 'string'
          ? `${value.length} chars`
          : JSON.stringify(value)
      }`,
      apply: (body: any, base: number) => ({
        ...body,
        baseRevision: base,
        comment: value,
      }),
      fragments: ['comment'],
      status: 400 as const,
    })),
  fc
    .tuple(topic, badUrl, fc.array(httpsUrl, { maxLength: 4 }), fc.nat())
    .map(([t, url, good, at]) => {
      const index = at % (good.length + 1);
      const list = [...good.slice(0, index), url, ...good.slice(index)];
      return {
        label: `evidence ${JSON.stringify(url.slice(0, 60))} at ${index}`,
        apply: (body: any, base: number) => ({
          ...body,
          baseRevision: base,
          evidence: { [t.id]: list },
        }),
        fragments: [`evidence.${t.id}.${index}`],
        status: 400 as const,
      };
    }),
  fc
    .tuple(
      topic,
      fc.oneof(
        fc
          .integer({ min: SUBMISSION_LIMITS.evidencePerTopic + 1, max: 60 })
          .map(n =>
            Array.from({ length: n }, (_, i) => `https://e.example/${i}`),
          ),
        fc.constantFrom('https://example.com', 7, null, {
          0: 'https://x.example',
        }),
      ),
    )
    .map(([t, value]) => ({
      label: `evidence ${
        Array.isArray(value) ? `of ${value.length} URLs` : JSON.stringify(value)
      }`,
      apply: (body: any, base: number) => ({
        ...body,
        baseRevision: base,
        evidence: { [t.id]: value },
      }),
      fragments: [`evidence.${t.id}`],
      status: 400 as const,
    })),
  unknownKey(KNOWN_ROOT_KEYS).map(key => ({
    label: `unknown root key ${JSON.stringify(key)}`,
    apply: (body: object, base: number) =>
      withOwn({ ...body, baseRevision: base }, key, { polluted: true }),
    fragments: ['(root)', key],
    status: 400 as const,
  })),
  fc
    .tuple(
      fc.constantFrom(
        'ratings.people.ai',
        'notes.people.ai',
        'targets.people.ai',
        'evidence.process.security',
        'comment',
        'baseRevision',
      ),
      fc.constantFrom('array' as const, 'object' as const),
      fc.integer({ min: 50, max: 20_000 }),
    )
    .map(([path, kind, depth]) => {
      const [field, ...rest] = path.split('.');
      const topicId = rest.join('.');
      return {
        label: `${kind} nested ${depth} deep at ${path}`,
        apply: () => ({}),
        raw: (base: number) => {
          const value = nested(kind, depth);
          const fields: Record<string, string> = {
            baseRevision: String(base),
            ratings: '{}',
          };
          fields[field] = topicId ? `{"${topicId}":${value}}` : value;
          return `{${Object.entries(fields)
            .map(([k, v]) => `"${k}":${v}`)
            .join(',')}}`;
        },
        fragments: [path],
        status: 400 as const,
      };
    }),
  fc
    .tuple(
      fc.constantFrom('comment', 'note'),
      fc.integer({ min: 0, max: 400_000 }),
    )
    .map(([where, extra]) => ({
      label: `a ${where} making the body ${
        512 * 1024 + 1 + extra
      } bytes or more`,
      apply: (body: any, base: number) => {
        const huge = 'h'.repeat(512 * 1024 + 1 + extra);
        return where === 'comment'
          ? { ...body, baseRevision: base, comment: huge }
          : { ...body, baseRevision: base, notes: { 'people.ai': huge } };
      },
      fragments: [],
      status: 413 as const,
    })),
  fc
    .constantFrom('text/plain', 'application/x-www-form-urlencoded')
    .map(type => ({
      label: `a valid body sent as ${type}`,
      apply: (body: object, base: number) => ({ ...body, baseRevision: base }),
      contentType: type,
      fragments: ['baseRevision', 'ratings'],
      status: 400 as const,
    })),
  fc
    .jsonValue()
    .filter(v => typeof v !== 'object' || v === null || Array.isArray(v))
    .map(value => ({
      label: `a body of ${JSON.stringify(value)?.slice(0, 60)}`,
      apply: () => ({}),
      raw: () => JSON.stringify(value),
      // JSON scalars fail in body-parser's strict mode, before any field
      // exists; arrays reach the schema, which names the root.
      fragments: Array.isArray(value) ? ['(root)'] : [],
      status: 400 as const,
    })),
);

/** Path segments: encoded noise, separators, traversal, very long names. */
export const pathSegment = fc.oneof(
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 30 })
    .map(encodeURIComponent),
  fc.constantFrom(
    '%2F',
    '%2f',
    '%252F',
    '..',
    '.',
    '%2E%2E',
    '%3A',
    ':',
    'a:b',
    '%00',
    '%',
    '%E0%A4%A',
    '%C0%AF',
    '%FF',
    '%20',
    '+',
    '~',
    "'",
    '*',
    'component',
    'Component',
    'default',
    'DEFAULT',
    'payments-api',
    'PAYMENTS-API',
    'secret',
    'shop',
    'commerce',
    'payments',
    'a%2Fb',
    'default%2Fpayments-api',
    'component%3Adefault%2Fpayments-api',
  ),
  fc.integer({ min: 200, max: 3000 }).map(n => 'a'.repeat(n)),
  fc.integer({ min: 100, max: 600 }).map(n => '%C3%A9'.repeat(n)),
);

export const entityEndpoint = fc.constantFrom(
  'entity',
  'history',
  'assessments',
  'systems',
  'domains',
  'groups',
);

const queryValue = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom(
    '0',
    '1',
    '5',
    '6',
    '50',
    '100',
    '101',
    '200',
    '201',
    '-1',
    '1.5',
    '1e3',
    '1e309',
    '0x10',
    'NaN',
    'Infinity',
    '-0',
    '',
    '  ',
    'null',
    'true',
    '[]',
    '{}',
    'asc',
    'desc',
    'ASC',
    'csv',
    'json',
    'xml',
    'group:default/payments',
    'payments',
    ':::',
    'a:b:c/d',
    'user:/',
    '/',
    'production',
    ...OVERVIEW_SORT_FIELDS,
    'people',
    'process',
    'bogus',
    ...PROTOTYPE_KEYS,
  ),
  fc.bigInt().map(String),
  fc.integer({ min: 100, max: 4000 }).map(n => 'q'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const b64 = (value: unknown) =>
  Buffer.from(
    typeof value === 'string' ? value : JSON.stringify(value),
  ).toString('base64url');

/** Cursors: noise, JSON of any shape, the right keys with wrong numbers. */
export const cursor = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.jsonValue().map(b64),
  fc
    .tuple(
      fc.constantFrom('offset', 'beforeRevision', '__proto__', 'constructor'),
      fc.oneof(
        fc.integer(),
        fc.double(),
        fc.constantFrom(1e21, -1, 2 ** 53, 2 ** 53 + 2, '3', null, [1], {
          a: 1,
        }),
      ),
    )
    .map(([key, value]) => `{"${key}":${JSON.stringify(value) ?? 'null'}}`)
    .map(b64),
  fc.nat({ max: 1_000_000 }).map(n => b64({ offset: n })),
  fc.nat({ max: 1_000 }).map(n => b64({ beforeRevision: n })),
  fc
    .nat()
    .map(n => Buffer.from(JSON.stringify({ offset: n })).toString('base64')),
  fc.integer({ min: 600, max: 3000 }).map(n => 'A'.repeat(n)),
);

const QUERY_KEYS = {
  overview: [
    'kind',
    'owner',
    'system',
    'lifecycle',
    'minLevel',
    'sortBy',
    'order',
    'limit',
    'cursor',
  ],
  export: ['kind', 'owner', 'system', 'lifecycle', 'minLevel', 'format'],
  history: ['limit', 'cursor'],
} as const;

export type QueryEndpoint = keyof typeof QUERY_KEYS;

/** A query string for one endpoint: known keys mostly, some strange ones. */
export const queryString = (endpoint: QueryEndpoint) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS[endpoint]) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'unknown',
              ...PROTOTYPE_KEYS,
              'sortBy[0]',
              'limit[]',
              'cursor[a]',
              'a[b][c]',
              'owner[__proto__]',
              '',
            ),
          },
        ),
        fc.oneof(
          { weight: 3, arbitrary: queryValue },
          { weight: 1, arbitrary: cursor },
        ),
        fc.boolean(),
      ),
      { maxLength: 6 },
    )
    .map(pairs =>
      pairs
        .map(
          ([key, value, encodeKey]) =>
            `${
              encodeKey
                ? encodeURIComponent(key)
                : key.replace(/[^\w[\]$.~-]/g, encodeURIComponent)
            }=${encodeURIComponent(value)}`,
        )
        .join('&'),
    );
