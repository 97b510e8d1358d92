import { TopicMap, TopicRatings } from '../assessment/schema';
import { defaultMaturityModel } from './bundled';
import { CNMM_V3_TO_V4_TOPICS, mapV3Ratings } from './v3Mapping';

const v4TopicIds = defaultMaturityModel.dimensions.flatMap(d =>
  d.topics.map(t => t.id),
);
const MERGED = 'process.software-integration-and-release';

describe('CNMM_V3_TO_V4_TOPICS', () => {
  it.each(
    Object.entries(CNMM_V3_TO_V4_TOPICS).filter(
      (e): e is [string, string] => e[1] !== null,
    ),
  )('maps %s to a 4.0 topic (%s)', (_v3, v4) => {
    expect(v4TopicIds).toContain(v4);
  });

  it('maps both ci-cd and change-control to software integration and release', () => {
    expect(CNMM_V3_TO_V4_TOPICS['process.ci-cd']).toBe(MERGED);
    expect(CNMM_V3_TO_V4_TOPICS['process.change-control']).toBe(MERGED);
  });

  it('drops developer agility', () => {
    expect(CNMM_V3_TO_V4_TOPICS['people.developer-agility']).toBeNull();
  });
});

describe('mapV3Ratings', () => {
  it.each<[string, string, string]>([
    ['process.ci-cd', MERGED, 'process'],
    ['process.change-control', MERGED, 'process'],
    ['people.upskilling-developers', 'people.upskilling', 'people'],
    ['policy.compliance', 'policy.implementation-and-compliance', 'policy'],
    [
      'technology.infrastructure',
      'technology.platforms-and-infrastructure',
      'technology',
    ],
    ['business-outcomes.outcomes', 'business-outcomes.outcomes', 'business'],
    [
      'technology.security-and-policy',
      'technology.security-and-policy',
      'technology',
    ],
  ])('maps %s to %s', (v3, v4) => {
    expect(mapV3Ratings({ [v3]: { '1': 'fully', '2': 'partially' } })).toEqual({
      ratings: { [v4]: { '1': 'fully', '2': 'partially' } },
      dropped: [],
    });
  });

  it.each<[string, TopicRatings, TopicRatings, TopicRatings]>([
    [
      'the weaker rating of each level',
      { '1': 'fully', '2': 'largely', '3': 'partially' },
      { '1': 'largely', '2': 'fully', '3': 'not-yet' },
      { '1': 'largely', '2': 'largely', '3': 'not-yet' },
    ],
    [
      'a level rated by only one of them',
      { '1': 'fully', '4': 'largely' },
      { '1': 'fully', '2': 'partially' },
      { '1': 'fully', '2': 'partially', '4': 'largely' },
    ],
    [
      'a real rating over not applicable',
      { '1': 'not-applicable', '2': 'not-applicable' },
      { '1': 'fully', '2': 'not-yet' },
      { '1': 'fully', '2': 'not-yet' },
    ],
    [
      'not applicable when both say so',
      { '3': 'not-applicable' },
      { '3': 'not-applicable' },
      { '3': 'not-applicable' },
    ],
  ])(
    'merges ci-cd and change-control keeping %s',
    (_name, ciCd, change, merged) => {
      const expected = { ratings: { [MERGED]: merged }, dropped: [] };
      expect(
        mapV3Ratings({
          'process.ci-cd': ciCd,
          'process.change-control': change,
        }),
      ).toEqual(expected);
      // the order of the v3 topics does not matter
      expect(
        mapV3Ratings({
          'process.change-control': change,
          'process.ci-cd': ciCd,
        }),
      ).toEqual(expected);
    },
  );

  it.each<[string, TopicMap<TopicRatings>, string[]]>([
    [
      'developer agility',
      { 'people.developer-agility': { '1': 'fully' } },
      ['people.developer-agility'],
    ],
    ['an unknown id', { 'process.foo': { '1': 'fully' } }, ['process.foo']],
    ['a 4.0-only id', { 'people.ai': { '1': 'fully' } }, ['people.ai']],
    [
      'several at once, in input order',
      {
        'process.foo': {},
        'people.developer-agility': { '2': 'largely' },
        'process.audit-and-logs': { '1': 'fully' },
      },
      ['process.foo', 'people.developer-agility'],
    ],
  ])('reports %s as dropped', (_name, input, dropped) => {
    const result = mapV3Ratings(input);
    expect(result.dropped).toEqual(dropped);
    for (const id of dropped) expect(result.ratings).not.toHaveProperty([id]);
  });

  it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty']])(
    'drops the prototype key %s without polluting anything',
    key => {
      const input = JSON.parse(`{"${key}":{"1":"fully"}}`);
      const result = mapV3Ratings(input);
      expect(result.dropped).toEqual([key]);
      expect(Object.keys(result.ratings)).toEqual([]);
      expect(({} as any)['1']).toBeUndefined();
    },
  );

  it('ignores unknown rating values', () => {
    expect(
      mapV3Ratings({
        'process.security': {
          '1': 'fully',
          '2': 'mostly' as any,
          '3': undefined,
        },
      }),
    ).toEqual({
      ratings: { 'process.security': { '1': 'fully' } },
      dropped: [],
    });
  });

  it('returns nothing for nothing', () => {
    expect(mapV3Ratings({})).toEqual({ ratings: {}, dropped: [] });
  });

  it('does not modify its input', () => {
    const input = {
      'process.ci-cd': { '1': 'fully' as const },
      'process.change-control': { '1': 'partially' as const },
    };
    mapV3Ratings(input);
    expect(input).toEqual({
      'process.ci-cd': { '1': 'fully' },
      'process.change-control': { '1': 'partially' },
    });
  });
});
