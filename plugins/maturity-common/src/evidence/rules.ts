import { z } from 'zod';
import type { MaturityModel } from '../model/schema';

/**
 * A fact of the catalog that is evidence for topics of the model: an
 * annotation present on an entity, or a relation it has. `url` is a template
 * of the link the fact can become: `{value}` (the annotation's value, or the
 * relation's target ref), `{kind}`, `{namespace}` and `{name}` (of the entity
 * for an annotation, of the target for a relation). A template starting with
 * `/` is a path of the portal.
 * @public
 */
export interface CatalogEvidenceRule {
  id: string;
  label: string;
  annotation?: string;
  relation?: string;
  topics: Array<{ topicId: string; level: number }>;
  url?: string;
}

/** One rule's shape; whether its topics exist is `catalogEvidenceRuleProblems`. @public */
export const catalogEvidenceRuleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
      message: 'must be lower-case words joined by "-"',
    }),
    label: z.string().trim().min(1).max(200),
    annotation: z.string().trim().min(1).max(253).optional(),
    relation: z.string().trim().min(1).max(100).optional(),
    topics: z
      .array(
        z.strictObject({
          topicId: z.string().min(1),
          level: z.number().int().min(1).max(5),
        }),
      )
      .min(1),
    url: z
      .string()
      .max(500)
      .refine(url => /^(?:https?:\/\/|\/|\{value\})/.test(url), {
        message:
          'must start with http://, https://, / (a portal path) or {value}',
      })
      .optional(),
  })
  .refine(rule => !!rule.annotation !== !!rule.relation, {
    message: 'must name exactly one of annotation or relation',
  });

/**
 * What is wrong with rules against a model: an unknown topic, a level above
 * the topic's highest, a duplicate id. Empty when they fit.
 * @public
 */
export function catalogEvidenceRuleProblems(
  rules: CatalogEvidenceRule[],
  model: MaturityModel,
): string[] {
  const maxLevels = topicMaxLevels(model);
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.id)) problems.push(`${i}.id: "${rule.id}" is repeated`);
    seen.add(rule.id);
    rule.topics.forEach(({ topicId, level }, j) => {
      const maxLevel = maxLevels.get(topicId);
      if (maxLevel === undefined) {
        problems.push(`${i}.topics.${j}: unknown topic "${topicId}"`);
      } else if (level > maxLevel) {
        problems.push(
          `${i}.topics.${j}: topic "${topicId}" has no level ${level} (its highest is ${maxLevel})`,
        );
      }
    });
  });
  return problems;
}

function topicMaxLevels(model: MaturityModel): Map<string, number> {
  return new Map(
    model.dimensions.flatMap(d => d.topics.map(t => [t.id, t.maxLevel])),
  );
}

/**
 * The facts most portals already record, each for the topics and levels of
 * the bundled model it speaks to. Labels say what the fact shows, never that
 * the level is met: a rater decides that.
 * @public
 */
export const DEFAULT_CATALOG_EVIDENCE_RULES: readonly CatalogEvidenceRule[] = [
  {
    id: 'techdocs',
    label: 'Documentation published in TechDocs',
    annotation: 'backstage.io/techdocs-ref',
    // Requirements and failure scenarios written down per application.
    topics: [
      { topicId: 'technology.architecture-and-solution-design', level: 2 },
    ],
    url: '/docs/{namespace}/{kind}/{name}',
  },
  {
    id: 'pagerduty',
    label: 'On-call and alerting in PagerDuty',
    annotation: 'pagerduty.com/service-id',
    topics: [
      { topicId: 'technology.testing-and-issue-detection', level: 3 },
      { topicId: 'process.audit-and-logs', level: 3 },
    ],
  },
  {
    id: 'kubernetes',
    label: 'Runs on Kubernetes',
    annotation: 'backstage.io/kubernetes-id',
    topics: [
      { topicId: 'technology.container-and-runtime-management', level: 1 },
    ],
  },
  {
    id: 'github-repository',
    label: 'Source and manifests in a GitHub repository',
    annotation: 'github.com/project-slug',
    topics: [
      { topicId: 'technology.application-release-and-operations', level: 1 },
    ],
    url: 'https://github.com/{value}',
  },
  {
    id: 'prometheus-rules',
    label: 'Prometheus metrics and alert rules',
    annotation: 'prometheus.io/rule',
    topics: [
      { topicId: 'technology.testing-and-issue-detection', level: 2 },
      { topicId: 'process.audit-and-logs', level: 3 },
    ],
  },
  {
    id: 'sonarqube',
    label: 'Code quality measured by SonarQube',
    annotation: 'sonarqube.org/project-key',
    topics: [
      { topicId: 'process.software-integration-and-release', level: 2 },
      { topicId: 'technology.testing-and-issue-detection', level: 1 },
    ],
  },
  {
    id: 'argocd',
    label: 'Deployed by Argo CD (GitOps)',
    annotation: 'argocd/app-name',
    topics: [
      { topicId: 'technology.application-release-and-operations', level: 2 },
      { topicId: 'process.software-integration-and-release', level: 3 },
    ],
  },
  {
    id: 'snyk',
    label: 'Dependencies and images scanned by Snyk',
    annotation: 'snyk.io/org-name',
    topics: [{ topicId: 'process.security', level: 2 }],
  },
  {
    id: 'provides-api',
    label: 'Provides an API described in the catalog',
    relation: 'providesApi',
    topics: [
      { topicId: 'technology.architecture-and-solution-design', level: 3 },
    ],
    url: '/catalog/{namespace}/{kind}/{name}',
  },
  {
    id: 'depends-on',
    label: 'Declares what it depends on',
    relation: 'dependsOn',
    // Known dependencies are where failure scenarios start.
    topics: [
      { topicId: 'technology.architecture-and-solution-design', level: 2 },
    ],
    url: '/catalog/{namespace}/{kind}/{name}',
  },
];

/**
 * The default rules as far as they fit a model: an organisation's own model
 * may lack the bundled topics, and a default must not stop its start-up.
 * @public
 */
export function defaultCatalogEvidenceRules(
  model: MaturityModel,
): CatalogEvidenceRule[] {
  const maxLevels = topicMaxLevels(model);
  return DEFAULT_CATALOG_EVIDENCE_RULES.map(rule => ({
    ...rule,
    topics: rule.topics.filter(
      ({ topicId, level }) => level <= (maxLevels.get(topicId) ?? 0),
    ),
  })).filter(rule => rule.topics.length > 0);
}
