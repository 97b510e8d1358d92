import { z } from 'zod';

/** The five CNMM levels, 1 (Build) to 5 (Adapt). */
export const LEVELS = [1, 2, 3, 4, 5] as const;

/** A level of the model. */
export type Level = (typeof LEVELS)[number];

const levelSchema = z.number().int().min(1).max(5);
const httpsUrl = z
  .string()
  .url()
  .refine(u => u.startsWith('https://'), { message: 'must be an https URL' });
const id = z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, {
  message: 'must be lower-case words joined by "-" or "."',
});

/** What must be true for a topic to reach one level. */
export const topicLevelSchema = z.object({
  level: levelSchema,
  title: z.string().min(1),
  criteria: z.array(z.string().min(1)).min(1),
});

/** A scorable topic of a dimension. @public */
export const topicSchema = z.object({
  id,
  title: z.string().min(1),
  summary: z.string().optional(),
  url: httpsUrl,
  maxLevel: levelSchema.default(5),
  levels: z.array(topicLevelSchema).min(1),
});

/** One of the model's dimensions (Business Outcomes, People, ...). */
export const dimensionSchema = z.object({
  id,
  title: z.string().min(1),
  overview: z.string().min(1),
  url: httpsUrl,
  topics: z.array(topicSchema).min(1),
});

/** The name and meaning of a level. */
export const levelInfoSchema = z.object({
  level: levelSchema,
  name: z.string().min(1),
  description: z.string().min(1),
});

/** A complete maturity model. @public */
export const maturityModelSchema = z.object({
  id,
  version: z.string().min(1),
  title: z.string().min(1),
  url: httpsUrl,
  attribution: z.object({
    text: z.string().min(1),
    license: z.string().min(1),
    licenseUrl: httpsUrl,
  }),
  levels: z.array(levelInfoSchema).length(5),
  dimensions: z.array(dimensionSchema).min(1),
});

export type TopicLevel = z.infer<typeof topicLevelSchema>;
/** @public */
export type Topic = z.infer<typeof topicSchema>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type LevelInfo = z.infer<typeof levelInfoSchema>;
/** @public */
export type MaturityModel = z.infer<typeof maturityModelSchema>;
/** The model as written in a file, before defaults are applied. */
export type MaturityModelInput = z.input<typeof maturityModelSchema>;
