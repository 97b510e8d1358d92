import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import type { TopicMap } from '../assessment/schema';
import { SUBMISSION_LIMITS } from '../assessment/schema';
import type { MaturityModel } from '../model/schema';
import type { CatalogEvidenceRule } from './rules';

/** One fact of the catalog, offered as evidence for one level of a topic. @public */
export interface CatalogFact {
  ruleId: string;
  label: string;
  /** The annotation's value, or the relation's target ref. */
  value: string;
  level: number;
  /** An absolute http(s) link, when the rule has one for this fact. */
  url?: string;
}

/** What the catalog says about one entity, per topic. @public */
export interface EntityEvidence {
  entityRef: string;
  topics: TopicMap<CatalogFact[]>;
}

/**
 * The targets of one relation type taken from one entity: enough to show,
 * few enough that a component with a hundred dependencies stays readable.
 */
export const MAX_FACTS_PER_RULE = 10;

type Found = { value: string; parts: CompoundEntityRef };

function found(entity: Entity, rule: CatalogEvidenceRule): Found[] {
  if (rule.annotation) {
    const value = entity.metadata.annotations?.[rule.annotation]?.trim();
    if (!value) return [];
    const parts = {
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    };
    return [{ value, parts }];
  }
  const targets = (entity.relations ?? [])
    .filter(relation => relation.type === rule.relation)
    .map(relation => relation.targetRef)
    .sort();
  return [...new Set(targets)]
    .slice(0, MAX_FACTS_PER_RULE)
    .map(value => ({ value, parts: parseEntityRef(value) }));
}

// Slashes kept: a GitHub slug "org/repo" is two segments of the link.
const segment = (value: string) =>
  encodeURIComponent(value).replace(/%2F/gi, '/');

/**
 * The link of a fact: its template filled, a portal path made absolute with
 * `baseUrl`. Only an absolute http(s) URL within the submission's limit is a
 * link, so that "Add as evidence" never offers what a save would refuse.
 */
function link(
  template: string | undefined,
  { value, parts }: Found,
  baseUrl: string | undefined,
): string | undefined {
  if (!template) return undefined;
  // A template of the value alone: the annotation holds a link itself.
  let url =
    template === '{value}'
      ? value
      : template.replace(/\{(value|kind|namespace|name)\}/g, (_, key) => {
          switch (key) {
            case 'value':
              return segment(value);
            case 'kind':
              return segment(parts.kind.toLocaleLowerCase('en-US'));
            case 'namespace':
              return segment(parts.namespace.toLocaleLowerCase('en-US'));
            default:
              return segment(parts.name);
          }
        });
  if (url.startsWith('/')) {
    if (!baseUrl) return undefined;
    url = `${baseUrl.replace(/\/+$/, '')}${url}`;
  }
  try {
    const { protocol } = new URL(url);
    const web = protocol === 'http:' || protocol === 'https:';
    return web && url.length <= SUBMISSION_LIMITS.urlLength ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the catalog says about an entity, per topic of the model: each rule
 * whose annotation or relation the entity has, at the levels the rule names,
 * ordered by level. Topics the model lacks are left out. It rates nothing:
 * a rater decides whether a fact meets a level.
 * @public
 */
export function catalogEvidence(
  entity: Entity,
  rules: readonly CatalogEvidenceRule[],
  model: MaturityModel,
  options: { baseUrl?: string } = {},
): TopicMap<CatalogFact[]> {
  const topicIds = new Set(
    model.dimensions.flatMap(d => d.topics.map(t => t.id)),
  );
  const topics: Record<string, CatalogFact[]> = {};
  for (const rule of rules) {
    for (const fact of found(entity, rule)) {
      const url = link(rule.url, fact, options.baseUrl);
      for (const { topicId, level } of rule.topics) {
        if (!topicIds.has(topicId)) continue;
        (topics[topicId] ??= []).push({
          ruleId: rule.id,
          label: rule.label,
          value: fact.value,
          level,
          ...(url && { url }),
        });
      }
    }
  }
  for (const facts of Object.values(topics)) {
    // Stable: facts of one level keep the order of the rules.
    facts.sort((a, b) => a.level - b.level);
  }
  return topics;
}
