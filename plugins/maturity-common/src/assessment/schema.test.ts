import { defaultMaturityModel } from '../model/bundled';
import {
  createSubmissionSchema,
  RATINGS,
  ratingSchema,
  SUBMISSION_LIMITS,
} from './schema';

const schema = createSubmissionSchema(defaultMaturityModel);
const topics = defaultMaturityModel.dimensions.flatMap(d => d.topics);

// Notes as long as fit in the total, next to the comment and evidence.
const noteLength = Math.min(
  SUBMISSION_LIMITS.noteLength,
  Math.floor(
    (SUBMISSION_LIMITS.totalTextBytes - SUBMISSION_LIMITS.commentLength) /
      topics.length,
  ) - 100,
);

/** A submission that rates every level of every topic and uses every field. */
function fullSubmission(): any {
  return {
    baseRevision: 3,
    ratings: Object.fromEntries(
      topics.map(t => [
        t.id,
        Object.fromEntries(
          t.levels.map(l => [
            String(l.level),
            RATINGS[l.level % RATINGS.length],
          ]),
        ),
      ]),
    ),
    targets: Object.fromEntries(topics.map(t => [t.id, t.maxLevel])),
    notes: Object.fromEntries(topics.map(t => [t.id, 'n'.repeat(noteLength)])),
    evidence: Object.fromEntries(
      topics.map(t => [
        t.id,
        [
          'https://git.example.com/acme/repo',
          'http://wiki.example.com/page?q=1#top',
        ],
      ]),
    ),
    comment: 'c'.repeat(SUBMISSION_LIMITS.commentLength),
  };
}

describe('ratingSchema', () => {
  it.each(RATINGS.map(r => [r]))('accepts %s', rating => {
    expect(ratingSchema.parse(rating)).toBe(rating);
  });

  it.each([['mostly'], ['FULLY'], [''], [3]])('rejects %s', rating => {
    expect(ratingSchema.safeParse(rating).success).toBe(false);
  });
});

describe('createSubmissionSchema', () => {
  it('accepts a valid full submission unchanged', () => {
    const submission = fullSubmission();
    expect(schema.parse(submission)).toEqual(submission);
  });

  it.each<[string, unknown]>([
    ['the smallest submission', { baseRevision: 0, ratings: {} }],
    [
      'a partly rated topic',
      { baseRevision: 1, ratings: { 'people.ai': { '2': 'partially' } } },
    ],
    [
      'level 4 of people.ai',
      { baseRevision: 1, ratings: { 'people.ai': { '4': 'fully' } } },
    ],
    [
      'level 5 of technology.ai',
      { baseRevision: 1, ratings: { 'technology.ai': { '5': 'fully' } } },
    ],
    [
      'a target of 0',
      { baseRevision: 1, ratings: {}, targets: { 'people.ai': 0 } },
    ],
    [
      'empty evidence',
      { baseRevision: 1, ratings: {}, evidence: { 'people.ai': [] } },
    ],
  ])('accepts %s', (_name, submission) => {
    expect(schema.parse(submission)).toEqual(submission);
  });

  const longUrl = `https://example.com/${'a'.repeat(
    SUBMISSION_LIMITS.urlLength,
  )}`;

  it.each<[string, (s: any) => void, PropertyKey[], string]>([
    [
      'an unknown topic',
      s => (s.ratings['people.unknown'] = { '1': 'fully' }),
      ['ratings'],
      'people.unknown',
    ],
    [
      'a topic of another dimension spelt wrongly',
      s => (s.targets['process.ci-cd'] = 2),
      ['targets'],
      'process.ci-cd',
    ],
    [
      'level 5 for people.ai (maxLevel 4)',
      s => (s.ratings['people.ai']['5'] = 'fully'),
      ['ratings', 'people.ai'],
      '"5"',
    ],
    [
      'level 6 for a topic',
      s => (s.ratings['people.culture']['6'] = 'fully'),
      ['ratings', 'people.culture'],
      '"6"',
    ],
    [
      'level 0 for a topic',
      s => (s.ratings['people.culture']['0'] = 'fully'),
      ['ratings', 'people.culture'],
      '"0"',
    ],
    [
      'an unknown rating',
      s => (s.ratings['process.security']['2'] = 'mostly'),
      ['ratings', 'process.security', '2'],
      '',
    ],
    [
      'a rating that is not a string',
      s => (s.ratings['process.security']['2'] = 3),
      ['ratings', 'process.security', '2'],
      '',
    ],
    [
      'ratings that are not an object',
      s => (s.ratings['process.security'] = 'fully'),
      ['ratings', 'process.security'],
      '',
    ],
    [
      'a javascript: evidence URL',
      // eslint-disable-next-line no-script-url -- the payload under test
      s => (s.evidence['people.culture'][1] = 'javascript:alert(1)'),
      ['evidence', 'people.culture', 1],
      'http(s) URL',
    ],
    [
      'an ftp: evidence URL',
      s => (s.evidence['people.culture'][0] = 'ftp://example.com/file'),
      ['evidence', 'people.culture', 0],
      'http(s) URL',
    ],
    [
      'a data: evidence URL',
      s => (s.evidence['people.culture'][0] = 'data:text/html,<b>x</b>'),
      ['evidence', 'people.culture', 0],
      '',
    ],
    [
      'evidence that is no URL',
      s => (s.evidence['people.culture'][0] = 'see the wiki'),
      ['evidence', 'people.culture', 0],
      '',
    ],
    [
      'a too-long evidence URL',
      s => (s.evidence['people.culture'][0] = longUrl),
      ['evidence', 'people.culture', 0],
      '',
    ],
    [
      'too much evidence',
      s =>
        (s.evidence['people.culture'] = Array.from(
          { length: SUBMISSION_LIMITS.evidencePerTopic + 1 },
          (_, i) => `https://example.com/${i}`,
        )),
      ['evidence', 'people.culture'],
      '',
    ],
    [
      'a negative baseRevision',
      s => (s.baseRevision = -1),
      ['baseRevision'],
      '',
    ],
    [
      'a fractional baseRevision',
      s => (s.baseRevision = 1.5),
      ['baseRevision'],
      '',
    ],
    [
      'a missing baseRevision',
      s => delete s.baseRevision,
      ['baseRevision'],
      '',
    ],
    ['missing ratings', s => delete s.ratings, ['ratings'], ''],
    [
      'a too-long note',
      s =>
        (s.notes['people.culture'] = 'n'.repeat(
          SUBMISSION_LIMITS.noteLength + 1,
        )),
      ['notes', 'people.culture'],
      '',
    ],
    [
      'a too-long comment',
      s => (s.comment = 'c'.repeat(SUBMISSION_LIMITS.commentLength + 1)),
      ['comment'],
      '',
    ],
    [
      'a target above maxLevel',
      s => (s.targets['people.ai'] = 5),
      ['targets', 'people.ai'],
      '',
    ],
    [
      'a negative target',
      s => (s.targets['people.culture'] = -1),
      ['targets', 'people.culture'],
      '',
    ],
    ['an unknown field', s => (s.owner = 'user:default/mallory'), [], 'owner'],
  ])('rejects %s', (_name, mutate, path, message) => {
    const submission = fullSubmission();
    mutate(submission);
    const result = schema.safeParse(submission);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    const [issue] = result.error!.issues;
    expect(issue.path).toEqual(path);
    // '' (no particular message expected) is contained in every message
    expect(issue.message).toContain(message);
  });

  it.each<[string, string, PropertyKey[], string]>([
    [
      'a __proto__ topic',
      '{"baseRevision":0,"ratings":{"__proto__":{"1":"fully"}}}',
      ['ratings'],
      '__proto__',
    ],
    [
      'a __proto__ level',
      '{"baseRevision":0,"ratings":{"people.ai":{"__proto__":"fully"}}}',
      ['ratings', 'people.ai'],
      '__proto__',
    ],
    [
      'a __proto__ field',
      '{"baseRevision":0,"ratings":{},"__proto__":{"isAdmin":true}}',
      [],
      '__proto__',
    ],
    [
      'a constructor topic',
      '{"baseRevision":0,"ratings":{"constructor":{"1":"fully"}}}',
      ['ratings'],
      'constructor',
    ],
    [
      'a constructor note',
      '{"baseRevision":0,"ratings":{},"notes":{"constructor":"x"}}',
      ['notes'],
      'constructor',
    ],
    [
      'a toString target',
      '{"baseRevision":0,"ratings":{},"targets":{"toString":1}}',
      ['targets'],
      'toString',
    ],
  ])('rejects %s', (_name, json, path, key) => {
    const result = schema.safeParse(JSON.parse(json));
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path, message: expect.stringContaining(key) }),
    ]);
    expect(({} as any).isAdmin).toBeUndefined();
  });

  it('rejects free text beyond the total, naming the field that passes it', () => {
    const submission = fullSubmission();
    // Every note within its own limit, but together above the total.
    for (const topic of topics) {
      submission.notes[topic.id] = 'é'.repeat(SUBMISSION_LIMITS.noteLength);
    }
    const result = schema.safeParse(submission);
    expect(result.success).toBe(false);
    const [issue] = result.error!.issues;
    expect(result.error!.issues).toHaveLength(1);
    expect(issue.path[0]).toBe('notes');
    expect(issue.message).toContain(
      `at most ${SUBMISSION_LIMITS.totalTextBytes} bytes`,
    );
    // 'é' is two bytes: the cap counts bytes, not characters.
    const index = topics.findIndex(t => t.id === issue.path[1]);
    expect(index).toBe(
      Math.floor(
        SUBMISSION_LIMITS.totalTextBytes / (2 * SUBMISSION_LIMITS.noteLength),
      ),
    );
  });

  it('builds its topics from the model it is given', () => {
    const model = {
      ...defaultMaturityModel,
      dimensions: [
        {
          ...defaultMaturityModel.dimensions[0],
          topics: [
            { ...topics[0], id: 'business-outcomes.custom', maxLevel: 2 },
          ],
        },
      ],
    };
    const custom = createSubmissionSchema(model);
    expect(
      custom.safeParse({
        baseRevision: 0,
        ratings: { 'business-outcomes.custom': { '2': 'fully' } },
      }).success,
    ).toBe(true);
    expect(
      custom.safeParse({
        baseRevision: 0,
        ratings: { 'business-outcomes.custom': { '3': 'fully' } },
      }).success,
    ).toBe(false);
    expect(
      custom.safeParse({
        baseRevision: 0,
        ratings: { 'people.ai': { '1': 'fully' } },
      }).success,
    ).toBe(false);
  });

  it('takes confirmed topics once each, and only topics of the model', () => {
    const base = { baseRevision: 1, ratings: {} };
    expect(
      schema.safeParse({ ...base, confirmed: ['people.ai', 'policy.ai'] })
        .success,
    ).toBe(true);
    const twice = schema.safeParse({
      ...base,
      confirmed: ['people.ai', 'people.ai'],
    });
    expect(twice.error?.issues[0].path).toEqual(['confirmed']);
    const unknown = schema.safeParse({ ...base, confirmed: ['people.none'] });
    expect(unknown.error?.issues[0].path).toEqual(['confirmed', 0]);
  });

  it('counts exemption reasons in the total of free text', () => {
    const submission = fullSubmission();
    submission.exemptions = Object.fromEntries(
      topics.map(t => [t.id, 'é'.repeat(SUBMISSION_LIMITS.noteLength)]),
    );
    const result = schema.safeParse(submission);
    expect(result.error?.issues.map(i => i.path[0])).toEqual(['exemptions']);
  });
});
