import fc from 'fast-check';
import { Rating, RATINGS, TopicRatings } from '../assessment/schema';
import { scoreTopic } from '../scoring/topicLevel';
import { defaultMaturityModel } from './bundled';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  describeV3Import,
  mapV3Ratings,
  mergeV3Import,
  v3AssessmentFileSchema,
  v3Coverage,
  v3ImportSchema,
} from './v3Mapping';
import { CNMM_V3_MAPPING } from './v3MappingTable';

const v4Topics = new Map(
  defaultMaturityModel.dimensions.flatMap(d => d.topics.map(t => [t.id, t])),
);
const MERGED = 'process.software-integration-and-release';
const fullyTo = (level: number): TopicRatings =>
  Object.fromEntries(
    Array.from({ length: level }, (_, i) => [String(i + 1), 'fully']),
  );
const levelOf = (topic: string, ratings: TopicRatings | undefined) =>
  scoreTopic(ratings, v4Topics.get(topic)!.maxLevel).level;

const criteriaOf = (topic: string, level: number) =>
  v4Topics.get(topic)!.levels.find(l => l.level === level)!.criteria;
const ALL_FULLY = fullyTo(5);

describe('CNMM_V3_MAPPING', () => {
  it.each(Object.entries(CNMM_V3_MAPPING).filter(([, m]) => m.topic !== null))(
    'maps %s to existing 4.0 criteria, never upwards',
    (_v3, m) => {
      const topic = v4Topics.get(m.topic!);
      expect(topic).toBeDefined();
      for (const [from, vouches] of Object.entries(m.levels)) {
        for (const { level, criteria } of vouches) {
          expect(level).toBeLessThanOrEqual(Number(from));
          expect(criteria.length).toBeGreaterThan(0);
          const texts = criteriaOf(m.topic!, level);
          for (const c of criteria) expect(texts[c]).toBeDefined();
        }
      }
    },
  );

  // Which 4.0 criteria each 3.x level vouches for: per level, the 4.0 level
  // and the start of every criterion its text asks; [] where 4.0 holds
  // nothing of it in that topic.
  const TABLE: Record<string, Record<number, Array<[number, string[]]>>> = {
    'process.ci-cd': {
      1: [[1, ['Where CI/CD already exists']]],
      2: [[2, ['Applications are built and deployed']]],
      3: [[3, ['A center of excellence']]],
      4: [[3, ['A center of excellence']]],
      5: [[4, ['The organization is shown concrete gains']]],
    },
    'process.change-control': {
      1: [[1, ['A formal change control process is not expected']]],
      2: [[2, ['Applications are built and deployed']]],
      3: [[2, ['Code quality is measured', 'CI runs and test validations']]],
      4: [[3, ['Continuous delivery is in place']]],
      5: [
        [3, ['People no longer change production directly']],
        [4, ['An established quality engineering', 'Monitoring failures']],
      ],
    },
    'process.audit-and-logs': {
      1: [[1, ['Logs can be retrieved by hand']]],
      2: [[2, ['A documented strategy']]],
      3: [[3, ['Audit capabilities', 'Alerts exist', 'Logs are structured']]],
      4: [[4, ['Every application must have auditing']]],
      5: [[4, ['Every application must have auditing']]],
    },
    'process.security': {
      1: [[1, ['Security risks across']]],
      2: [[2, ['Container images and configuration are scanned']]],
      3: [[3, ['Automatic scanning runs', 'The scans flag']]],
      4: [[4, ['Security findings are fixed', 'Working out a fix']]],
      5: [[5, ['Builds are reproducible', 'Code provenance', 'Kubernetes is']]],
    },
    'people.upskilling-developers': {
      1: [[1, ['The team can explain', 'Newcomers understand']]],
      2: [[1, ['Newcomers understand']]],
      3: [],
      4: [[4, ['Knowledge sharing']]],
      5: [],
    },
    'people.organizational-change': {
      1: [[1, ['A small informal group']]],
      2: [[2, ['Approaches such as Team Topologies']]],
      3: [[3, ['Roles and workflows']]],
      4: [],
      5: [[5, ['Culture, technology and process']]],
    },
    'people.teams-and-decentralization': {
      1: [[1, ['A cross-functional team']]],
      2: [[2, ['Shared services']]],
      3: [[3, ['Development teams have clear responsibilities']]],
      4: [[3, ['A platform engineering strategy']]],
      5: [[4, ['Platform capabilities are offered', 'Developers request']]],
    },
    'people.security': {
      1: [[1, ['Security duties']]],
      2: [[2, ['Security accountabilities']]],
      3: [[2, ['Key team members hold']]],
      4: [],
      5: [[5, ['The organization contributes']]],
    },
    'policy.policy-creation': {
      1: [[1, ['Functional and architectural requirements']]],
      2: [],
      3: [],
      4: [[4, ['Policies are tailored']]],
      5: [[5, ['The organization contributes policies']]],
    },
    'policy.compliance': {
      1: [[1, ['Applicable compliance frameworks', 'SLOs']]],
      2: [[2, ['Initial audits']]],
      3: [[3, ['Compliance checks and audits']]],
      4: [[4, ['Policy enforcement covers middleware']]],
      5: [[5, ['Machine learning', 'Feedback loops']]],
    },
    'technology.infrastructure': {
      1: [[1, ['Networking, firewall', 'Every environment']]],
      2: [[2, ['Disaster recovery']]],
      3: [[3, ['Cluster-wide monitoring', 'Failed components']]],
      4: [[4, ['The team has begun exploring Cluster API', 'Policies are']]],
      5: [[5, ['Provisioning, upgrades']]],
    },
    'technology.application-patterns-and-refactoring': {
      1: [[1, ['Microservice patterns have been reviewed']]],
      2: [],
      3: [],
      4: [],
      5: [[5, ['All new applications', 'The existing portfolio']]],
    },
    'technology.container-and-runtime-management': {
      1: [[1, ['Image builds run in CI']]],
      2: [[2, ['Base image and dependency policies']]],
      3: [[2, ['Images are scanned automatically']]],
      4: [],
      5: [[5, ['The platform reacts', 'Security and operational data']]],
    },
    'technology.application-release-and-operations': {
      1: [[1, ['Configuration or templating tooling']]],
      2: [[1, ['Configuration or templating tooling']]],
      3: [[1, ['Configuration or templating tooling']]],
      4: [[2, ['GitOps operators deploy']]],
      5: [[2, ['GitOps operators deploy']]],
    },
    'technology.testing-and-issue-detection': {
      1: [[1, ['Smoke tests']]],
      2: [[2, ['Tools for security']]],
      3: [[3, ['Robust alerting']]],
      4: [[4, ['Data from multiple applications']]],
      5: [[5, ['Testing starts as early']]],
    },
    'technology.security-and-policy': {
      1: [[1, ['A secured CI/CD pipeline']]],
      2: [[2, ['Secret management is automated']]],
      3: [[3, ['Deployment guardrails']]],
      4: [[4, ['Security policies are enforced in production']]],
      5: [[5, ['Security policies are reviewed', 'Exceptions are rare']]],
    },
    'business-outcomes.outcomes': {
      1: [
        [1, ['A finished proof', 'Initial KPIs', 'A migration plan', 'Leader']],
      ],
      2: [[2, ['Results against', 'Leadership knows', 'If return on']]],
      3: [[3, ['The business can see', 'Key services', 'Monitoring', 'Old']]],
      4: [[4, ['Regular reports', 'The business can see', 'Cloud', 'Migrat']]],
      5: [[5, ['Measurable results', 'Workloads', 'Business goals', 'Rout']]],
    },
  };

  it('has a table row for every mapped 3.x topic', () => {
    expect(Object.keys(TABLE).sort()).toEqual(
      Object.keys(CNMM_V3_MAPPING)
        .filter(id => CNMM_V3_MAPPING[id].topic !== null)
        .sort(),
    );
  });

  it.each(Object.entries(TABLE))(
    '%s: each 3.x level vouches for these 4.0 criteria',
    (v3, expected) => {
      const m = CNMM_V3_MAPPING[v3];
      const actual = Object.fromEntries(
        Object.entries(m.levels).map(([from, vouches]) => [
          from,
          vouches.map(({ level, criteria }) => [
            level,
            criteria.map(c => criteriaOf(m.topic!, level)[c]),
          ]),
        ]),
      );
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      for (const [from, rows] of Object.entries(expected)) {
        expect(actual[from].map(([level]) => level)).toEqual(
          rows.map(([level]) => level),
        );
        rows.forEach(([, starts], i) => {
          const texts = actual[from][i][1] as string[];
          expect(texts).toHaveLength(starts.length);
          texts.forEach((text, j) =>
            expect(text.startsWith(starts[j])).toBe(true),
          );
        });
      }
    },
  );

  // Exact only where the 3.x text asks every criterion of the 4.0 level.
  it.each<[string, number[]]>([
    ['business-outcomes.outcomes', [1, 3, 4, 5]],
    ['process.software-integration-and-release', [1, 2]],
    ['process.security', [3, 4, 5]],
  ])('%s is exact at levels %j and nowhere else', (topic, exact) => {
    const levels = v4Topics.get(topic)!.levels.map(l => l.level);
    const found = levels.filter(level => {
      const { asked, of } = v3Coverage(topic, level);
      return asked.length > 0 && asked.length === of;
    });
    expect(found).toEqual(exact);
  });
});

describe('mapV3Ratings', () => {
  const everything = Object.fromEntries(
    Object.keys(CNMM_V3_MAPPING).map(id => [id, ALL_FULLY]),
  );

  it('rated fully everywhere, claims no 4.0 level whose criteria 3.x did not ask', () => {
    const { ratings, approximate } = mapV3Ratings(everything);
    const rated = Object.entries(ratings).flatMap(([topic, levels]) =>
      Object.entries(levels!).map(([level, rating]) => ({
        topic,
        level: Number(level),
        rating,
      })),
    );
    // Met (largely or fully) only where every criterion is asked by 3.x.
    const overclaimed = rated.filter(({ topic, level, rating }) => {
      const { asked, of } = v3Coverage(topic, level);
      return (rating === 'largely' || rating === 'fully') && asked.length < of;
    });
    expect(overclaimed).toEqual([]);
    // Everything else is approximate, at partially.
    const capped = rated.filter(
      ({ rating }) => rating !== 'largely' && rating !== 'fully',
    );
    expect(capped.map(r => r.rating)).toEqual(capped.map(() => 'partially'));
    expect(
      capped.map(({ topic, level }) => ({ to: topic, toLevel: level })),
    ).toEqual(approximate);
    // What such a file gives, topic by topic.
    const reached = Object.fromEntries(
      [...v4Topics.keys()]
        .filter(t => ratings[t])
        .map(t => [t, levelOf(t, ratings[t])]),
    );
    expect(reached).toEqual({
      'business-outcomes.outcomes': 1,
      'people.organizational-change': 0,
      'people.teams-and-decentralization': 0,
      'people.upskilling': 0,
      'people.security': 0,
      'process.audit-and-logs': 0,
      'process.software-integration-and-release': 2,
      'process.security': 0,
      'policy.policy-creation': 0,
      'policy.implementation-and-compliance': 0,
      'technology.platforms-and-infrastructure': 0,
      'technology.application-patterns-and-refactoring': 0,
      'technology.container-and-runtime-management': 0,
      'technology.application-release-and-operations': 0,
      'technology.testing-and-issue-detection': 0,
      'technology.security-and-policy': 0,
    });
  });

  it('imports the example file to what its 3.x answers ask', () => {
    const file = v3AssessmentFileSchema.parse(
      JSON.parse(
        readFileSync(
          join(
            __dirname,
            '..',
            '..',
            '..',
            '..',
            'examples',
            'v3-assessment.json',
          ),
          'utf8',
        ),
      ),
    );
    const mapped = mapV3Ratings(file.ratings);
    expect(mapped.ratings).toEqual({
      [MERGED]: { 1: 'fully', 2: 'fully', 3: 'partially' },
      'process.audit-and-logs': {
        1: 'partially',
        2: 'partially',
        3: 'partially',
        4: 'partially',
      },
      'technology.platforms-and-infrastructure': {
        1: 'partially',
        2: 'partially',
        3: 'partially',
      },
    });
    expect(levelOf(MERGED, mapped.ratings[MERGED])).toBe(2);
    expect(mapped.dropped).toEqual(['people.developer-agility']);
    expect(mapped.incomplete).toEqual([{ topic: MERGED, level: 4 }]);
    const comment = describeV3Import(file.cnmmVersion, mapped);
    expect(comment).toContain('Approximate, capped at partially');
    expect(comment).toContain(`${MERGED} L3`);
    expect(comment).toContain(
      'Left out (no 4.0 topic): people.developer-agility.',
    );
  });

  it('rates a merged 4.0 level only from all of its 3.x sources', () => {
    const onlyCiCd = mapV3Ratings({ 'process.ci-cd': ALL_FULLY });
    expect(onlyCiCd.ratings).toEqual({});
    expect(onlyCiCd.incomplete.map(r => r.level)).toEqual([1, 2, 3, 4]);
    const both = mapV3Ratings({
      'process.ci-cd': { 1: 'fully', 2: 'largely' },
      'process.change-control': { 1: 'largely', 2: 'fully', 3: 'fully' },
    });
    expect(both.ratings[MERGED]).toEqual({ 1: 'largely', 2: 'largely' });
  });

  it('needs the 3.x Change Control L5 answer ("no human access") for 4.0 L3', () => {
    const without = mapV3Ratings({
      'process.ci-cd': ALL_FULLY,
      'process.change-control': fullyTo(4),
    });
    expect(without.ratings[MERGED]).toEqual({ 1: 'fully', 2: 'fully' });
    expect(without.incomplete).toEqual([
      { topic: MERGED, level: 3 },
      { topic: MERGED, level: 4 },
    ]);
    const withIt = mapV3Ratings({
      'process.ci-cd': ALL_FULLY,
      'process.change-control': ALL_FULLY,
    });
    // Blue-green or canary trials and DORA are not in 3.x: capped.
    expect(withIt.ratings[MERGED]).toEqual({
      1: 'fully',
      2: 'fully',
      3: 'partially',
      4: 'partially',
    });
    expect(withIt.approximate).toEqual([
      { to: MERGED, toLevel: 3 },
      { to: MERGED, toLevel: 4 },
    ]);
    expect(levelOf(MERGED, withIt.ratings[MERGED])).toBe(2);
  });

  it('counts "enforcing audits" (3.x Audit L5) at 4.0 L4, never at L5', () => {
    const { ratings } = mapV3Ratings({
      'process.audit-and-logs': { ...fullyTo(3), 4: 'not-yet', 5: 'fully' },
    });
    expect(ratings['process.audit-and-logs']).toEqual({
      1: 'partially',
      2: 'partially',
      3: 'partially',
      4: 'not-yet',
    });
  });

  it('reports rated 3.x levels that 4.0 does not hold', () => {
    const mapped = mapV3Ratings({ 'people.security': { 4: 'fully' } });
    expect(mapped.ratings).toEqual({});
    expect(mapped.unmapped).toEqual([{ topic: 'people.security', level: 4 }]);
    expect(describeV3Import('3.x', mapped)).toContain(
      'Left out (no 4.0 content): people.security L4.',
    );
  });

  it.each([
    ['people.developer-agility'],
    ['process.foo'],
    ['people.ai'],
    ['__proto__'],
    ['constructor'],
  ])('reports %s as dropped without polluting anything', key => {
    const result = mapV3Ratings(JSON.parse(`{"${key}":{"1":"fully"}}`));
    expect(result.dropped).toEqual([key]);
    expect(Object.keys(result.ratings)).toEqual([]);
    expect(({} as any)['1']).toBeUndefined();
  });

  const v3Ids = Object.keys(CNMM_V3_MAPPING);
  const answersArb = fc.dictionary(
    fc.constantFrom(...v3Ids),
    fc.dictionary(
      fc.constantFrom('1', '2', '3', '4', '5'),
      fc.constantFrom(...RATINGS),
    ),
  );
  const order = (r: Rating) =>
    ['not-yet', 'partially', 'largely', 'fully', 'not-applicable'].indexOf(r);

  it('never rates a 4.0 level above its weakest source, nor an approximate one above partially', () => {
    fc.assert(
      fc.property(answersArb, answers => {
        const { ratings } = mapV3Ratings(answers);
        for (const [topic, levels] of Object.entries(ratings)) {
          for (const [level, rating] of Object.entries(levels!)) {
            const { asked, of, sources } = v3Coverage(topic, Number(level));
            const given = sources.map(
              s => answers[s.from]?.[String(s.fromLevel)] as Rating | undefined,
            );
            expect(given).not.toContain(undefined);
            let weakest = Math.min(...given.map(r => order(r!)));
            if (asked.length < of)
              weakest = Math.min(weakest, order('partially'));
            expect(order(rating!)).toBe(weakest);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not modify its input', () => {
    const input = { 'process.ci-cd': { '4': 'fully' as const } };
    mapV3Ratings(input);
    expect(input).toEqual({ 'process.ci-cd': { '4': 'fully' } });
  });
});

describe('v3 file schemas', () => {
  it('accepts a 3.x file and refuses a 4.0 one or an unknown rating', () => {
    const file = {
      cnmmVersion: '3.x',
      ratings: { 'process.ci-cd': { 1: 'fully' } },
    };
    expect(v3AssessmentFileSchema.parse(file)).toEqual(file);
    expect(
      v3AssessmentFileSchema.safeParse({ ...file, cnmmVersion: '4.0' }).success,
    ).toBe(false);
    expect(
      v3AssessmentFileSchema.safeParse({
        ...file,
        ratings: { 'process.ci-cd': { 1: 'mostly' } },
      }).success,
    ).toBe(false);
    expect(
      v3AssessmentFileSchema.safeParse({
        ...file,
        ratings: { 'process.ci-cd': { 6: 'fully' } },
      }).success,
    ).toBe(false);
    expect(v3ImportSchema.safeParse({ assessment: file }).success).toBe(false);
  });
});

describe('mergeV3Import', () => {
  const latest = {
    ratings: {
      'process.audit-and-logs': fullyTo(3),
      'people.ai': fullyTo(1),
    },
    targets: { 'people.ai': 3 },
    notes: { 'people.ai': 'Pilots only' },
    evidence: { 'people.ai': ['https://example.com/ai'] },
  };
  const mapped = { ratings: { 'process.audit-and-logs': fullyTo(1) } };

  it('replaces the ratings of the topics the file maps, and keeps the rest, notes, evidence and targets', () => {
    expect(mergeV3Import(latest, mapped, 'merge')).toEqual({
      ratings: {
        'process.audit-and-logs': fullyTo(1),
        'people.ai': fullyTo(1),
      },
      targets: latest.targets,
      notes: latest.notes,
      evidence: latest.evidence,
      replacedTopics: ['process.audit-and-logs'],
      keptTopics: ['people.ai'],
    });
  });

  it('records the file alone with replace, naming every topic rated before', () => {
    expect(mergeV3Import(latest, mapped, 'replace')).toEqual({
      ratings: mapped.ratings,
      targets: {},
      notes: {},
      evidence: {},
      replacedTopics: ['people.ai', 'process.audit-and-logs'],
      keptTopics: [],
    });
  });

  it('is the file alone when there is no snapshot yet', () => {
    expect(mergeV3Import(undefined, mapped, 'merge')).toMatchObject({
      ratings: mapped.ratings,
      replacedTopics: [],
      keptTopics: [],
    });
  });

  it('merges unless told to replace', () => {
    const file = { cnmmVersion: '3.2', ratings: {} };
    expect(v3ImportSchema.parse({ baseRevision: 1, assessment: file })).toEqual(
      { baseRevision: 1, assessment: file, mode: 'merge' },
    );
    expect(
      v3ImportSchema.safeParse({
        baseRevision: 1,
        assessment: file,
        mode: 'overwrite',
      }).success,
    ).toBe(false);
  });
});
