import { z } from 'zod';
import {
  dimensionSchema,
  MaturityModel,
  maturityModelSchema,
  topicSchema,
} from './schema';

/** A model file that does not hold a valid model. */
export class MaturityModelError extends Error {
  constructor(
    source: string,
    issues: Array<{ path: string; message: string }>,
  ) {
    super(
      `Invalid maturity model in ${source}: ${issues
        .map(i => `at ${i.path || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
    this.name = 'MaturityModelError';
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`,
    )
    .join('');
}

/** Rules a schema cannot say: unique ids, and levels 1..maxLevel in order. */
function checkConsistency(model: MaturityModel) {
  const issues: Array<{ path: string; message: string }> = [];
  const seen = new Set<string>();
  model.dimensions.forEach((dimension, d) => {
    if (seen.has(dimension.id)) {
      issues.push({
        path: `dimensions[${d}].id`,
        message: `duplicate id "${dimension.id}"`,
      });
    }
    seen.add(dimension.id);
    dimension.topics.forEach((topic, t) => {
      const path = `dimensions[${d}].topics[${t}]`;
      if (seen.has(topic.id)) {
        issues.push({
          path: `${path}.id`,
          message: `duplicate id "${topic.id}"`,
        });
      }
      seen.add(topic.id);
      const levels = topic.levels.map(l => l.level).join(',');
      const expected = Array.from({ length: topic.maxLevel }, (_, i) => i + 1);
      if (levels !== expected.join(',')) {
        issues.push({
          path: `${path}.levels`,
          message: `must describe levels ${expected.join(
            ', ',
          )} in order (maxLevel ${topic.maxLevel}), found ${levels || 'none'}`,
        });
      }
    });
  });
  model.levels.forEach((level, i) => {
    if (level.level !== i + 1) {
      issues.push({
        path: `levels[${i}].level`,
        message: `must be ${i + 1}`,
      });
    }
  });
  return issues;
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, source: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new MaturityModelError(
      source,
      parsed.error.issues.map(issue => ({
        path: formatPath(issue.path),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

/**
 * Validates a whole model, for example one read from an organisation's YAML
 * file. Throws a `MaturityModelError` naming the source, the path in it
 * and what is wrong.
 * @public
 */
export function parseMaturityModel(
  input: unknown,
  source: string,
): MaturityModel {
  const model = parseWith(maturityModelSchema, input, source);
  const issues = checkConsistency(model);
  if (issues.length) throw new MaturityModelError(source, issues);
  return model;
}

/**
 * An extension of a model: new topics for existing dimensions (by id), or
 * whole new dimensions.
 */
export const modelExtensionSchema = z.strictObject({
  dimensions: z
    .array(
      dimensionSchema
        .partial({ title: true, overview: true, url: true })
        .extend({ topics: z.array(topicSchema).min(1) }),
    )
    .min(1),
});

/**
 * Adds an organisation's topics and dimensions to a model and validates the
 * result as a whole.
 * @public
 */
export function extendMaturityModel(
  base: MaturityModel,
  input: unknown,
  source: string,
): MaturityModel {
  const extension = parseWith(modelExtensionSchema, input, source);
  const dimensions = base.dimensions.map(d => ({
    ...d,
    topics: [...d.topics],
  }));
  for (const added of extension.dimensions) {
    const existing = dimensions.find(d => d.id === added.id);
    if (existing) {
      existing.topics.push(...added.topics);
    } else {
      dimensions.push(added as (typeof dimensions)[number]);
    }
  }
  return parseMaturityModel({ ...base, dimensions }, source);
}
