import type { TopicMap } from '../assessment/schema';
import type { MaturityModel } from '../model/schema';

/**
 * A target for every topic (a number), or per topic or dimension id; a topic
 * id wins over its dimension's id, and `default` covers the rest.
 * @public
 */
export type TargetSpec = number | Record<string, number>;

/** Default targets, as configured under `maturity.targets`. @public */
export interface TargetDefaults {
  default?: TargetSpec;
  byLifecycle?: Record<string, TargetSpec>;
}

function fromSpec(
  spec: TargetSpec | undefined,
  topicId: string,
  dimensionId: string,
): number | undefined {
  if (spec === undefined) return undefined;
  if (typeof spec === 'number') return spec;
  // Own keys only: an id such as "constructor" must not reach Object.prototype.
  const own = (key: string) =>
    Object.hasOwn(spec, key) ? spec[key] : undefined;
  return own(topicId) ?? own(dimensionId) ?? own('default');
}

/**
 * The target of every topic that has one: the assessment's own target, else
 * the lifecycle's default, else the general default; capped at maxLevel.
 * @public
 */
export function resolveTargets(
  model: MaturityModel,
  options: {
    assessmentTargets?: TopicMap<number>;
    defaults?: TargetDefaults;
    lifecycle?: string;
  },
): Record<string, number> {
  const { assessmentTargets = {}, defaults = {}, lifecycle } = options;
  const byLifecycle = lifecycle ? defaults.byLifecycle?.[lifecycle] : undefined;
  const targets: Record<string, number> = {};
  for (const dimension of model.dimensions) {
    for (const topic of dimension.topics) {
      const target =
        (Object.hasOwn(assessmentTargets, topic.id)
          ? assessmentTargets[topic.id]
          : undefined) ??
        fromSpec(byLifecycle, topic.id, dimension.id) ??
        fromSpec(defaults.default, topic.id, dimension.id);
      if (target !== undefined) {
        // Levels are whole numbers; a fractional default rounds down.
        targets[topic.id] = Math.max(
          0,
          Math.min(topic.maxLevel, Math.floor(target)),
        );
      }
    }
  }
  return targets;
}
