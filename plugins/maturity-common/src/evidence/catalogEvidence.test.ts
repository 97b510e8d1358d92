import { Entity } from '@backstage/catalog-model';
import { defaultMaturityModel as model } from '../model/bundled';
import { MaturityModel } from '../model/schema';
import { catalogEvidence, MAX_FACTS_PER_RULE } from './catalogEvidence';
import {
  catalogEvidenceRuleProblems,
  catalogEvidenceRuleSchema,
  CatalogEvidenceRule,
  DEFAULT_CATALOG_EVIDENCE_RULES,
  defaultCatalogEvidenceRules,
} from './rules';

const BASE = 'https://portal.example.com';

function component(
  annotations: Record<string, string> = {},
  relations: Array<{ type: string; targetRef: string }> = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'Team-A', annotations },
    spec: {},
    relations,
  };
}

const rules = [...DEFAULT_CATALOG_EVIDENCE_RULES];

describe('catalogEvidence', () => {
  it('offers an annotation for every topic and level its rule names', () => {
    const topics = catalogEvidence(
      component({ 'pagerduty.com/service-id': 'P123' }),
      rules,
      model,
    );
    expect(topics).toEqual({
      'technology.testing-and-issue-detection': [
        {
          ruleId: 'pagerduty',
          label: 'On-call and alerting in PagerDuty',
          value: 'P123',
          level: 3,
        },
      ],
      'process.audit-and-logs': [
        expect.objectContaining({ ruleId: 'pagerduty', level: 3 }),
      ],
    });
  });

  it('says nothing of an entity without the facts, and rates nothing', () => {
    expect(catalogEvidence(component(), rules, model)).toEqual({});
    expect(
      catalogEvidence(
        component({ 'backstage.io/techdocs-ref': '   ' }),
        rules,
        model,
      ),
    ).toEqual({});
  });

  it('fills a link template with the value, slashes kept and the rest encoded', () => {
    const topics = catalogEvidence(
      component({ 'github.com/project-slug': 'acme/pay ments' }),
      rules,
      model,
    );
    expect(
      topics['technology.application-release-and-operations']?.[0].url,
    ).toBe('https://github.com/acme/pay%20ments');
  });

  it('makes a portal path absolute with the base URL, lower-casing kind and namespace', () => {
    const entity = component({ 'backstage.io/techdocs-ref': 'dir:.' });
    const [fact] =
      catalogEvidence(entity, rules, model, { baseUrl: `${BASE}/` })[
        'technology.architecture-and-solution-design'
      ] ?? [];
    expect(fact.url).toBe(`${BASE}/docs/team-a/component/payments-api`);
    // Without a base URL a portal path cannot be a link a save accepts.
    const [bare] =
      catalogEvidence(entity, rules, model)[
        'technology.architecture-and-solution-design'
      ] ?? [];
    expect(bare.url).toBeUndefined();
    expect(bare.value).toBe('dir:.');
  });

  it('offers each target of a relation, linked to the target, sorted and capped', () => {
    const many = Array.from(
      { length: MAX_FACTS_PER_RULE + 5 },
      (_, i) => `component:default/dep-${String(i).padStart(2, '0')}`,
    );
    const entity = component({}, [
      ...many.reverse().map(targetRef => ({ type: 'dependsOn', targetRef })),
      { type: 'providesApi', targetRef: 'api:default/payments' },
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);
    const facts =
      catalogEvidence(entity, rules, model, { baseUrl: BASE })[
        'technology.architecture-and-solution-design'
      ] ?? [];
    const deps = facts.filter(f => f.ruleId === 'depends-on');
    expect(deps).toHaveLength(MAX_FACTS_PER_RULE);
    expect(deps[0]).toMatchObject({
      value: 'component:default/dep-00',
      level: 2,
      url: `${BASE}/catalog/default/component/dep-00`,
    });
    // Ordered by level: level 2 (dependencies) before level 3 (the API).
    expect(facts[facts.length - 1]).toMatchObject({
      ruleId: 'provides-api',
      level: 3,
      url: `${BASE}/catalog/default/api/payments`,
    });
  });

  it('takes an annotation holding a link as it is, and drops what is not an http(s) link', () => {
    const own: CatalogEvidenceRule[] = [
      {
        id: 'runbook',
        label: 'Runbook',
        annotation: 'example.com/runbook',
        topics: [{ topicId: 'process.audit-and-logs', level: 2 }],
        url: '{value}',
      },
    ];
    const offered = (value: string) =>
      catalogEvidence(component({ 'example.com/runbook': value }), own, model)[
        'process.audit-and-logs'
      ]?.[0].url;
    expect(offered('https://wiki.example.com/run?x=1')).toBe(
      'https://wiki.example.com/run?x=1',
    );
    expect(offered('mailto:team@example.com')).toBeUndefined();
    expect(
      offered(`https://x.example.com/${'a'.repeat(2100)}`),
    ).toBeUndefined();
  });

  it('leaves out topics the model does not have', () => {
    const small: MaturityModel = {
      ...model,
      dimensions: [model.dimensions.find(d => d.id === 'process')!],
    };
    const topics = catalogEvidence(
      component({ 'pagerduty.com/service-id': 'P1' }),
      rules,
      small,
    );
    expect(Object.keys(topics)).toEqual(['process.audit-and-logs']);
  });
});

describe('catalog evidence rules', () => {
  it('the default map fits the bundled model and names the common facts', () => {
    expect(catalogEvidenceRuleProblems(rules, model)).toEqual([]);
    expect(defaultCatalogEvidenceRules(model)).toEqual(rules);
    const facts = rules.map(r => r.annotation ?? r.relation);
    expect(facts).toEqual(
      expect.arrayContaining([
        'backstage.io/techdocs-ref',
        'pagerduty.com/service-id',
        'backstage.io/kubernetes-id',
        'github.com/project-slug',
        'prometheus.io/rule',
        'sonarqube.org/project-key',
        'providesApi',
        'dependsOn',
      ]),
    );
    for (const rule of rules) {
      expect(catalogEvidenceRuleSchema.safeParse(rule).success).toBe(true);
    }
  });

  it('names unknown topics, levels beyond a topic and repeated ids', () => {
    const problems = catalogEvidenceRuleProblems(
      [
        {
          id: 'a',
          label: 'A',
          annotation: 'x/y',
          topics: [
            { topicId: 'people.nope', level: 1 },
            { topicId: 'people.ai', level: 5 },
          ],
        },
        { id: 'a', label: 'B', relation: 'dependsOn', topics: [] },
      ],
      model,
    );
    expect(problems).toEqual([
      '0.topics.0: unknown topic "people.nope"',
      '0.topics.1: topic "people.ai" has no level 5 (its highest is 4)',
      '1.id: "a" is repeated',
    ]);
  });

  it('refuses a rule with both or neither fact, or a link template that is no web link', () => {
    const base = { id: 'r', label: 'R', topics: [{ topicId: 't', level: 1 }] };
    expect(catalogEvidenceRuleSchema.safeParse(base).success).toBe(false);
    expect(
      catalogEvidenceRuleSchema.safeParse({
        ...base,
        annotation: 'a',
        relation: 'dependsOn',
      }).success,
    ).toBe(false);
    expect(
      catalogEvidenceRuleSchema.safeParse({
        ...base,
        annotation: 'a',
        url: 'ftp://x',
      }).success,
    ).toBe(false);
    for (const url of ['{value}', '/docs/{name}', 'https://x.example.com']) {
      expect(
        catalogEvidenceRuleSchema.safeParse({ ...base, annotation: 'a', url })
          .success,
      ).toBe(true);
    }
  });

  it('keeps of the default map what an organisation model has', () => {
    const small: MaturityModel = {
      ...model,
      dimensions: [model.dimensions.find(d => d.id === 'process')!],
    };
    const kept = defaultCatalogEvidenceRules(small);
    expect(catalogEvidenceRuleProblems(kept, small)).toEqual([]);
    expect(kept.map(r => r.id)).toEqual([
      'pagerduty',
      'prometheus-rules',
      'sonarqube',
      'argocd',
      'snyk',
    ]);
  });
});
