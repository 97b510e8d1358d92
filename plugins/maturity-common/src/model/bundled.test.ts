import { defaultMaturityModel, levelName } from './bundled';
import { cnmm4Model } from './cnmm4';
import { maturityModelSchema } from './schema';

const model = defaultMaturityModel;
const topics = model.dimensions.flatMap(d => d.topics);

const TOPIC_IDS = [
  'business-outcomes.outcomes',
  'people.organizational-change',
  'people.teams-and-decentralization',
  'people.upskilling',
  'people.security',
  'people.culture',
  'people.ai',
  'process.audit-and-logs',
  'process.software-integration-and-release',
  'process.security',
  'policy.policy-creation',
  'policy.implementation-and-compliance',
  'policy.ai',
  'technology.architecture-and-solution-design',
  'technology.platforms-and-infrastructure',
  'technology.application-patterns-and-refactoring',
  'technology.container-and-runtime-management',
  'technology.application-release-and-operations',
  'technology.testing-and-issue-detection',
  'technology.security-and-policy',
  'technology.cost-efficiency',
  'technology.ai',
];

describe('the bundled CNMM 4.0 model', () => {
  it('is the validated cnmm4 model', () => {
    expect(model).toEqual(maturityModelSchema.parse(cnmm4Model));
    expect(model).toMatchObject({ id: 'cnmm', version: '4.0 (Beta)' });
    expect(model.attribution.text).toMatch(/^Adapted from /);
  });

  it('has exactly the 22 topics of CNMM 4.0, in order', () => {
    expect(topics.map(t => t.id)).toEqual(TOPIC_IDS);
  });

  it('has the five dimensions, in order', () => {
    expect(model.dimensions.map(d => d.id)).toEqual([
      'business-outcomes',
      'people',
      'process',
      'policy',
      'technology',
    ]);
  });

  it('prefixes every topic id with its dimension id', () => {
    for (const dimension of model.dimensions) {
      for (const topic of dimension.topics) {
        expect(topic.id.startsWith(`${dimension.id}.`)).toBe(true);
      }
    }
  });

  it.each(TOPIC_IDS.map(id => [id]))('%s is well formed', id => {
    const topic = topics.find(t => t.id === id)!;
    const maxLevel = id === 'people.ai' ? 4 : 5;
    expect(topic.maxLevel).toBe(maxLevel);
    expect(topic.levels.map(l => l.level)).toEqual(
      [1, 2, 3, 4, 5].slice(0, maxLevel),
    );
    expect(topic.url).toMatch(/^https:\/\/maturitymodel\.cncf\.io\/\S+$/);
    expect(topic.title.trim()).not.toBe('');
    for (const level of topic.levels) {
      expect(level.criteria.length).toBeGreaterThanOrEqual(2);
      expect(level.criteria.length).toBeLessThanOrEqual(4);
      expect(level.title.trim()).not.toBe('');
      for (const criterion of level.criteria) {
        expect(criterion.trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('has only https URLs on its dimensions', () => {
    for (const dimension of model.dimensions) {
      expect(dimension.url).toMatch(/^https:\/\//);
    }
  });

  it('attributes the CNCF Authors under CC-BY-4.0', () => {
    expect(model.attribution.license).toBe('CC-BY-4.0');
    expect(model.attribution.text).toContain('The CNCF Authors');
    expect(model.attribution.text).toContain('CC-BY-4.0');
    expect(model.attribution.licenseUrl).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
  });

  it('names the levels Build, Operate, Scale, Improve, Adapt', () => {
    expect(model.levels.map(l => [l.level, l.name])).toEqual([
      [1, 'Build'],
      [2, 'Operate'],
      [3, 'Scale'],
      [4, 'Improve'],
      [5, 'Adapt'],
    ]);
  });
});

describe('levelName', () => {
  it.each<[number | null, string]>([
    [null, 'Not assessed'],
    [0, 'Not started'],
    [1, 'Build'],
    [2, 'Operate'],
    [3, 'Scale'],
    [4, 'Improve'],
    [5, 'Adapt'],
    [6, 'Level 6'],
  ])('%s → %s', (level, name) => {
    expect(levelName(model, level)).toBe(name);
  });
});
