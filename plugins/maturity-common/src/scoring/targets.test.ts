import { defaultMaturityModel } from '../model/bundled';
import { resolveTargets, TargetDefaults } from './targets';

const model = defaultMaturityModel;
const topics = model.dimensions.flatMap(d =>
  d.topics.map(t => ({ id: t.id, dimensionId: d.id, maxLevel: t.maxLevel })),
);
const topicIds = topics.map(t => t.id);

/** The expected targets: `valueFor` gives each topic's target, or undefined. */
function expected(
  valueFor: (topic: (typeof topics)[number]) => number | undefined,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const topic of topics) {
    const value = valueFor(topic);
    if (value !== undefined) result[topic.id] = value;
  }
  return result;
}

describe('resolveTargets', () => {
  it('gives no target without defaults or assessment targets', () => {
    expect(resolveTargets(model, {})).toEqual({});
    expect(
      resolveTargets(model, { defaults: {}, lifecycle: 'production' }),
    ).toEqual({});
  });

  it.each<[string, TargetDefaults, string | undefined, Record<string, number>]>(
    [
      [
        'a number for every topic',
        { default: 3 },
        undefined,
        expected(() => 3),
      ],
      [
        'a number above maxLevel is capped per topic',
        { default: 5 },
        undefined,
        expected(t => t.maxLevel),
      ],
      [
        'a negative number is raised to 0',
        { default: -2 },
        undefined,
        expected(() => 0),
      ],
      [
        'a map by dimension id',
        { default: { people: 2 } },
        undefined,
        expected(t => (t.dimensionId === 'people' ? 2 : undefined)),
      ],
      [
        'a topic id wins over its dimension id',
        { default: { people: 2, 'people.culture': 4 } },
        undefined,
        expected(t => {
          if (t.id === 'people.culture') return 4;
          if (t.dimensionId === 'people') return 2;
          return undefined;
        }),
      ],
      [
        'a "default" key covers the rest of a map',
        { default: { default: 1, technology: 3 } },
        undefined,
        expected(t => (t.dimensionId === 'technology' ? 3 : 1)),
      ],
      [
        'the lifecycle default wins over the general default',
        { default: 2, byLifecycle: { production: 4 } },
        'production',
        expected(() => 4),
      ],
      [
        'the general default covers an unconfigured lifecycle',
        { default: 2, byLifecycle: { production: 4 } },
        'experimental',
        expected(() => 2),
      ],
      [
        'the lifecycle defaults are ignored without a lifecycle',
        { default: 2, byLifecycle: { production: 4 } },
        undefined,
        expected(() => 2),
      ],
      [
        'the general default covers topics the lifecycle map leaves out',
        { default: 2, byLifecycle: { production: { technology: 4 } } },
        'production',
        expected(t => (t.dimensionId === 'technology' ? 4 : 2)),
      ],
      [
        'a lifecycle alone',
        { byLifecycle: { production: { 'people.ai': 5 } } },
        'production',
        { 'people.ai': 4 },
      ],
    ],
  )('%s', (_name, defaults, lifecycle, targets) => {
    expect(resolveTargets(model, { defaults, lifecycle })).toEqual(targets);
  });

  it.each<
    [string, Record<string, number>, TargetDefaults, Record<string, number>]
  >([
    [
      'an assessment target wins over every default',
      { 'people.culture': 1 },
      { default: 3, byLifecycle: { production: 4 } },
      expected(t => (t.id === 'people.culture' ? 1 : 4)),
    ],
    [
      'an assessment target of 0 wins too',
      { 'people.culture': 0 },
      { default: 3 },
      expected(t => (t.id === 'people.culture' ? 0 : 3)),
    ],
    [
      'an assessment target above maxLevel is capped',
      { 'people.ai': 5, 'technology.ai': 5 },
      {},
      { 'people.ai': 4, 'technology.ai': 5 },
    ],
    [
      'an assessment target of an unknown topic is dropped',
      { 'people.unknown': 3, 'process.security': 2 },
      {},
      { 'process.security': 2 },
    ],
  ])('%s', (_name, assessmentTargets, defaults, targets) => {
    expect(
      resolveTargets(model, {
        assessmentTargets,
        defaults,
        lifecycle: 'production',
      }),
    ).toEqual(targets);
  });

  it('lists the targets in the order of the model', () => {
    expect(
      Object.keys(resolveTargets(model, { defaults: { default: 1 } })),
    ).toEqual(topicIds);
  });
});

describe('resolveTargets with unusual ids and values', () => {
  it('reads only own keys, so an id like "constructor" finds no inherited value', () => {
    const custom = {
      ...model,
      dimensions: [
        {
          ...model.dimensions[0],
          id: 'constructor',
          topics: [{ ...model.dimensions[0].topics[0], id: 'constructor.x' }],
        },
      ],
    };
    expect(
      resolveTargets(custom, { defaults: { default: { technology: 3 } } }),
    ).toEqual({});
  });

  it('rounds fractional defaults down to a whole level', () => {
    expect(
      resolveTargets(model, { defaults: { default: 2.5 } })[topicIds[0]],
    ).toBe(2);
  });
});
