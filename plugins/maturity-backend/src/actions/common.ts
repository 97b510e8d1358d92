import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { z as zod } from 'zod/v3';

/** The zod the registry hands to schema builders (zod v3). */
export type Zod = typeof zod;

/**
 * An entity ref as a model writes it: `kind:namespace/name`, or a bare name
 * of the default kind in the default namespace; a clear InputError else.
 */
export function entityRefOf(
  input: string,
  options: { defaultKind?: string; kinds?: string[] } = {},
): string {
  let ref;
  try {
    ref = parseEntityRef(input.trim(), {
      defaultKind: options.defaultKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `"${input}" is not an entity ref; write kind:namespace/name, e.g. ${
        options.defaultKind ?? 'component'
      }:default/payments-api`,
    );
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (options.kinds && !options.kinds.includes(kind)) {
    throw new InputError(
      `${stringifyEntityRef(
        ref,
      )} is a ${kind}; expected one of ${options.kinds.join(', ')}`,
    );
  }
  return stringifyEntityRef({ ...ref, kind });
}

/** A level's statistics over topics or components, as the API answers them. */
export const levelStatsSchema = (z: Zod) =>
  z.object({
    median: z.number().nullable().describe('Lower median level (0-5)'),
    min: z.number().nullable(),
    max: z.number().nullable(),
    distribution: z
      .array(z.number())
      .describe('How many are at level 0, 1, 2, 3, 4 and 5'),
    rated: z.number().describe('How many were rated: the base of the median'),
  });

/** A step to the next level of a topic, from the scoring engine of -common. */
export const nextStepSchema = (z: Zod) =>
  z.object({
    dimensionId: z.string(),
    topicId: z.string(),
    topicTitle: z.string(),
    level: z.number().describe('The level to reach next'),
    levelTitle: z.string(),
    criteria: z.array(z.string()).describe('What must be true at that level'),
    url: z.string().describe('The official CNMM page of the topic'),
  });

/** A next step of -common as the actions answer it. */
export function toNextStep(step: {
  dimensionId: string;
  topicId: string;
  topicTitle: string;
  level: { level: number; title: string; criteria: string[] };
  url: string;
}) {
  return {
    dimensionId: step.dimensionId,
    topicId: step.topicId,
    topicTitle: step.topicTitle,
    level: step.level.level,
    levelTitle: step.level.title,
    criteria: step.level.criteria,
    url: step.url,
  };
}
