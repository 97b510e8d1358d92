import { defaultMaturityModel } from './bundled';
import {
  extendMaturityModel,
  MaturityModelError,
  parseMaturityModel,
} from './loadModel';

const SOURCE = '/etc/backstage/acme-model.yaml';

const topic = (id: string, maxLevel?: number) => ({
  id,
  title: `Topic ${id}`,
  url: `https://example.com/${id}`,
  ...(maxLevel ? { maxLevel } : {}),
  levels: Array.from({ length: maxLevel ?? 5 }, (_, i) => ({
    level: i + 1,
    title: `Level ${i + 1}`,
    criteria: [`Criterion of ${id} at level ${i + 1}.`],
  })),
});

/** A small valid model, as read from a file: plain JSON, no defaults. */
function validInput(): any {
  return JSON.parse(
    JSON.stringify({
      id: 'acme',
      version: '1.0',
      title: 'Acme maturity',
      url: 'https://acme.example.com/maturity',
      attribution: {
        text: 'Acme',
        license: 'CC-BY-4.0',
        licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
      },
      levels: defaultMaturityModel.levels,
      dimensions: [
        {
          id: 'ops',
          title: 'Operations',
          overview: 'How we run things.',
          url: 'https://acme.example.com/ops',
          topics: [topic('ops.deploy'), topic('ops.observe', 3)],
        },
        {
          id: 'sec',
          title: 'Security',
          overview: 'How we stay safe.',
          url: 'https://acme.example.com/sec',
          topics: [topic('sec.secrets')],
        },
      ],
    }),
  );
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('parseMaturityModel', () => {
  it('accepts a valid model and applies the default maxLevel', () => {
    const model = parseMaturityModel(validInput(), SOURCE);
    expect(model.dimensions[0].topics.map(t => [t.id, t.maxLevel])).toEqual([
      ['ops.deploy', 5],
      ['ops.observe', 3],
    ]);
  });

  it('accepts the bundled model', () => {
    expect(parseMaturityModel(defaultMaturityModel, 'bundled')).toEqual(
      defaultMaturityModel,
    );
  });

  it.each<[string, (m: any) => void, string, string]>([
    [
      'a missing topic title',
      m => delete m.dimensions[0].topics[1].title,
      'dimensions[0].topics[1].title',
      'expected string',
    ],
    [
      'an empty dimension overview',
      m => (m.dimensions[1].overview = ''),
      'dimensions[1].overview',
      '',
    ],
    [
      'a missing attribution',
      m => delete m.attribution,
      'attribution',
      'expected object',
    ],
    [
      'a non-https topic url',
      m => (m.dimensions[0].topics[0].url = 'http://example.com/deploy'),
      'dimensions[0].topics[0].url',
      'must be an https URL',
    ],
    [
      'a non-https licence url',
      m => (m.attribution.licenseUrl = 'ftp://example.com/licence'),
      'attribution.licenseUrl',
      'must be an https URL',
    ],
    [
      'a topic url that is no url',
      m => (m.dimensions[1].topics[0].url = 'not a url'),
      'dimensions[1].topics[0].url',
      '',
    ],
    [
      'an upper-case topic id',
      m => (m.dimensions[0].topics[0].id = 'Ops.Deploy'),
      'dimensions[0].topics[0].id',
      'must be lower-case words',
    ],
    [
      'a duplicate topic id',
      m => (m.dimensions[0].topics[1].id = 'ops.deploy'),
      'dimensions[0].topics[1].id',
      'duplicate id "ops.deploy"',
    ],
    [
      'a duplicate topic id across dimensions',
      m => (m.dimensions[1].topics[0].id = 'ops.observe'),
      'dimensions[1].topics[0].id',
      'duplicate id "ops.observe"',
    ],
    [
      'a duplicate dimension id',
      m => (m.dimensions[1].id = 'ops'),
      'dimensions[1].id',
      'duplicate id "ops"',
    ],
    [
      'a missing level',
      m => m.dimensions[0].topics[1].levels.splice(1, 1),
      'dimensions[0].topics[1].levels',
      'must describe levels 1, 2, 3 in order (maxLevel 3), found 1,3',
    ],
    [
      'levels out of order',
      m => m.dimensions[0].topics[0].levels.reverse(),
      'dimensions[0].topics[0].levels',
      'found 5,4,3,2,1',
    ],
    [
      'more levels than maxLevel',
      m => (m.dimensions[0].topics[0].maxLevel = 4),
      'dimensions[0].topics[0].levels',
      'must describe levels 1, 2, 3, 4 in order (maxLevel 4), found 1,2,3,4,5',
    ],
    [
      'a level above 5',
      m => (m.dimensions[0].topics[0].levels[4].level = 6),
      'dimensions[0].topics[0].levels[4].level',
      '',
    ],
    [
      'a level without criteria',
      m => (m.dimensions[1].topics[0].levels[2].criteria = []),
      'dimensions[1].topics[0].levels[2].criteria',
      '',
    ],
    [
      'a dimension without topics',
      m => (m.dimensions[1].topics = []),
      'dimensions[1].topics',
      '',
    ],
    ['no dimensions', m => (m.dimensions = []), 'dimensions', ''],
    ['four model levels', m => m.levels.pop(), 'levels', ''],
    [
      'model levels out of order',
      m => ([m.levels[0], m.levels[1]] = [m.levels[1], m.levels[0]]),
      'levels[0].level',
      'must be 1',
    ],
  ])('rejects %s', (_name, mutate, path, message) => {
    const input = validInput();
    mutate(input);
    const error = errorOf(() => parseMaturityModel(input, SOURCE));
    expect(error).toBeInstanceOf(MaturityModelError);
    expect(error.name).toBe('MaturityModelError');
    expect(error.message).toContain(`Invalid maturity model in ${SOURCE}`);
    const issue = error.message
      .split('; ')
      .find(i => i.includes(`at ${path}: `));
    expect(issue).toBeDefined();
    expect(issue).toContain(message);
  });

  it('lists every problem at once', () => {
    const input = validInput();
    input.dimensions[0].topics[0].url = 'http://example.com';
    delete input.dimensions[1].title;
    const { message } = errorOf(() => parseMaturityModel(input, SOURCE));
    expect(message).toContain('at dimensions[0].topics[0].url:');
    expect(message).toContain('at dimensions[1].title:');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'model: cnmm'],
    ['an array', []],
  ])('rejects %s at the root', (_name, input) => {
    expect(() => parseMaturityModel(input, SOURCE)).toThrow(
      `Invalid maturity model in ${SOURCE}: at (root):`,
    );
  });
});

describe('extendMaturityModel', () => {
  const base = defaultMaturityModel;
  const baseCopy = JSON.parse(JSON.stringify(base));

  // the base model must never change: checked after every test
  const expectBaseUnchanged = () => {
    expect(JSON.parse(JSON.stringify(base))).toEqual(baseCopy);
  };
  afterEach(expectBaseUnchanged);

  it('adds topics to an existing dimension', () => {
    const model = extendMaturityModel(
      base,
      { dimensions: [{ id: 'process', topics: [topic('process.sbom', 4)] }] },
      SOURCE,
    );
    const process = model.dimensions.find(d => d.id === 'process')!;
    expect(process.topics.map(t => t.id)).toEqual([
      'process.audit-and-logs',
      'process.software-integration-and-release',
      'process.security',
      'process.sbom',
    ]);
    expect(process.topics[3].maxLevel).toBe(4);
    expect(process.title).toBe('Process');
    expect(model.dimensions.map(d => d.id)).toEqual(
      base.dimensions.map(d => d.id),
    );
    expect(model.dimensions.flatMap(d => d.topics)).toHaveLength(23);
  });

  it('adds a new dimension at the end', () => {
    const model = extendMaturityModel(
      base,
      {
        dimensions: [
          {
            id: 'data',
            title: 'Data',
            overview: 'How data is handled.',
            url: 'https://acme.example.com/data',
            topics: [topic('data.retention'), topic('data.lineage')],
          },
        ],
      },
      SOURCE,
    );
    expect(model.dimensions.map(d => d.id)).toEqual([
      'business-outcomes',
      'people',
      'process',
      'policy',
      'technology',
      'data',
    ]);
    expect(model.dimensions[5].topics.map(t => [t.id, t.maxLevel])).toEqual([
      ['data.retention', 5],
      ['data.lineage', 5],
    ]);
  });

  it.each<[string, unknown, string]>([
    [
      'a duplicate topic id',
      { dimensions: [{ id: 'people', topics: [topic('people.ai', 4)] }] },
      'at dimensions[1].topics[6].id: duplicate id "people.ai"',
    ],
    [
      'a topic id taken in another dimension',
      { dimensions: [{ id: 'policy', topics: [topic('process.security')] }] },
      'duplicate id "process.security"',
    ],
    [
      'a new dimension without a title',
      {
        dimensions: [
          {
            id: 'data',
            overview: 'Data.',
            url: 'https://acme.example.com/data',
            topics: [topic('data.retention')],
          },
        ],
      },
      'at dimensions[5].title:',
    ],
    [
      'a topic with an http url',
      {
        dimensions: [
          {
            id: 'people',
            topics: [{ ...topic('people.pairing'), url: 'http://example.com' }],
          },
        ],
      },
      'at dimensions[0].topics[0].url: must be an https URL',
    ],
    [
      'a dimension without topics',
      { dimensions: [{ id: 'people', topics: [] }] },
      'at dimensions[0].topics:',
    ],
    ['no dimensions', { dimensions: [] }, 'at dimensions:'],
    [
      'an unknown key',
      {
        dimensions: [{ id: 'people', topics: [topic('people.x')] }],
        levels: [],
      },
      'levels',
    ],
  ])('rejects %s', (_name, extension, message) => {
    const error = errorOf(() => extendMaturityModel(base, extension, SOURCE));
    expect(error).toBeInstanceOf(MaturityModelError);
    expect(error.message).toContain(`Invalid maturity model in ${SOURCE}`);
    expect(error.message).toContain(message);
  });
});
