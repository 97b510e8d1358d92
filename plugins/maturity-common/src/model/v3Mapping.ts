import { z } from 'zod';
import type {
  Rating,
  StoredAssessment,
  TopicMap,
  TopicRatings,
} from '../assessment/schema';
import { RATINGS, SUBMISSION_LIMITS } from '../assessment/schema';

import { cnmm4Model } from './cnmm4';

import { CNMM_V3_MAPPING } from './v3MappingTable';

// When several 3.x answers land on one 4.0 level, the weaker is kept: an
// import must never claim more maturity than was recorded.
const STRENGTH: Record<Rating, number> = {
  'not-yet': 0,
  partially: 1,
  largely: 2,
  fully: 3,
  'not-applicable': 4,
};

/** The rating an approximate 4.0 level gets at most. */
const APPROXIMATE_CAP: Rating = 'partially';

const criteriaCount = new Map(
  cnmm4Model.dimensions.flatMap(d =>
    d.topics.flatMap(t =>
      t.levels.map(l => [`${t.id}:${l.level}`, l.criteria.length] as const),
    ),
  ),
);

interface Source {
  from: string;
  fromLevel: number;
  criteria: readonly number[];
}

/** Every 3.x level vouching for a 4.0 level, by `topic:level`. */
const SOURCES = new Map<string, Source[]>();
for (const [from, mapping] of Object.entries(CNMM_V3_MAPPING)) {
  if (!mapping.topic) continue;
  for (const [fromLevel, vouches] of Object.entries(mapping.levels)) {
    for (const vouch of vouches) {
      const key = `${mapping.topic}:${vouch.level}`;
      const sources = SOURCES.get(key) ?? [];
      sources.push({
        from,
        fromLevel: Number(fromLevel),
        criteria: vouch.criteria,
      });
      SOURCES.set(key, sources);
    }
  }
}

/**
 * The criteria of a 4.0 level that its 3.x sources ask for, and how many
 * criteria it has: the level is exact when they are all asked.
 * @public
 */
export function v3Coverage(topic: string, level: number) {
  const asked = new Set(
    (SOURCES.get(`${topic}:${level}`) ?? []).flatMap(s => s.criteria),
  );
  return {
    asked: [...asked].sort((a, b) => a - b),
    of: criteriaCount.get(`${topic}:${level}`) ?? 0,
    sources: (SOURCES.get(`${topic}:${level}`) ?? []).map(
      ({ from, fromLevel }) => ({ from, fromLevel }),
    ),
  };
}

/** A 3.x level whose content 4.0 holds at another level. @public */
export interface V3LevelShift {
  from: string;
  fromLevel: number;
  to: string;
  toLevel: number;
}

/**
 * A 4.0 level rated from 3.x answers that ask only part of its criteria,
 * so its rating is capped at `partially`. @public
 */
export interface V3Approximate {
  to: string;
  toLevel: number;
}

/** A rated 3.x level, or a 4.0 level, the import could not carry over. @public */
export interface V3LevelRef {
  topic: string;
  level: number;
}

/** What an import made of 3.x answers. @public */
export interface V3Mapped {
  ratings: TopicMap<TopicRatings>;
  /** 3.x topics without a 4.0 topic, or unknown. */
  dropped: string[];
  /** Rated 3.x levels that count towards another 4.0 level. */
  shifted: V3LevelShift[];
  /** 4.0 levels rated from part of their criteria, capped at `partially`. */
  approximate: V3Approximate[];
  /** Rated 3.x levels whose content 4.0 does not hold in that topic. */
  unmapped: V3LevelRef[];
  /** 4.0 levels left unrated because one of their 3.x sources was not rated. */
  incomplete: V3LevelRef[];
}

const isRating = (r: unknown): r is Rating =>
  typeof r === 'string' && (RATINGS as readonly string[]).includes(r);

/**
 * Maps ratings recorded against 3.x topics and levels to 4.0 by content: a
 * 4.0 level is rated only when every 3.x level vouching for it was rated,
 * with the weakest of their ratings, capped at `partially` when together
 * they ask only part of its criteria. 4.0 levels that no 3.x answer covers
 * stay unrated.
 * @public
 */
export function mapV3Ratings(ratings: TopicMap<TopicRatings>): V3Mapped {
  const dropped: string[] = [];
  const unmapped: V3LevelRef[] = [];
  const rated = (from: string, level: number): Rating | undefined => {
    const levels = Object.hasOwn(ratings, from) ? ratings[from] : undefined;
    const rating =
      levels && Object.hasOwn(levels, String(level))
        ? levels[String(level)]
        : undefined;
    return isRating(rating) ? rating : undefined;
  };
  // 4.0 levels that at least one rated 3.x answer vouches for.
  const reached = new Map<string, { topic: string; level: number }>();
  for (const [v3Id, levels] of Object.entries(ratings)) {
    const mapping = Object.hasOwn(CNMM_V3_MAPPING, v3Id)
      ? CNMM_V3_MAPPING[v3Id]
      : undefined;
    if (!mapping?.topic) {
      dropped.push(v3Id);
      continue;
    }
    for (const level of Object.keys(levels ?? {}).map(Number)) {
      if (!rated(v3Id, level)) continue;
      const vouches = Object.hasOwn(mapping.levels, level)
        ? mapping.levels[level]
        : [];
      if (!vouches.length) unmapped.push({ topic: v3Id, level });
      for (const vouch of vouches) {
        reached.set(`${mapping.topic}:${vouch.level}`, {
          topic: mapping.topic,
          level: vouch.level,
        });
      }
    }
  }

  const mapped: Record<string, TopicRatings> = {};
  const shifted: V3LevelShift[] = [];
  const approximate: V3Approximate[] = [];
  const incomplete: V3LevelRef[] = [];
  const order = [...reached.values()].sort(
    (a, b) => a.topic.localeCompare(b.topic) || a.level - b.level,
  );
  for (const { topic, level } of order) {
    const sources = SOURCES.get(`${topic}:${level}`) ?? [];
    const given = sources.map(s => rated(s.from, s.fromLevel));
    if (given.some(r => r === undefined)) {
      incomplete.push({ topic, level });
      continue;
    }
    let rating = (given as Rating[]).reduce((weakest, r) =>
      STRENGTH[r] < STRENGTH[weakest] ? r : weakest,
    );
    const { asked, of } = v3Coverage(topic, level);
    if (asked.length < of) {
      approximate.push({ to: topic, toLevel: level });
      if (STRENGTH[rating] > STRENGTH[APPROXIMATE_CAP]) {
        rating = APPROXIMATE_CAP;
      }
    }
    (mapped[topic] ??= {})[level] = rating;
    for (const s of sources) {
      if (s.fromLevel !== level) {
        shifted.push({
          from: s.from,
          fromLevel: s.fromLevel,
          to: topic,
          toLevel: level,
        });
      }
    }
  }
  return {
    ratings: mapped,
    dropped,
    shifted,
    approximate,
    unmapped,
    incomplete,
  };
}

/**
 * An assessment exported from a CNMM 3.x tool: ratings per 3.x topic id and
 * level. Unknown topics are accepted and reported as dropped.
 */
export const v3AssessmentFileSchema = z.strictObject({
  cnmmVersion: z.string().regex(/^3(\.\d+)*(\.x)?$/, 'must be a 3.x version'),
  ratings: z.record(
    z.string().min(1).max(128),
    z.strictObject({
      1: z.enum(RATINGS).optional(),
      2: z.enum(RATINGS).optional(),
      3: z.enum(RATINGS).optional(),
      4: z.enum(RATINGS).optional(),
      5: z.enum(RATINGS).optional(),
    }),
  ),
});

export type V3AssessmentFile = z.infer<typeof v3AssessmentFileSchema>;

/**
 * How an import meets the latest snapshot: `merge` (the default) replaces
 * the ratings of the topics the file maps and keeps every other topic, the
 * notes, evidence and targets; `replace` records the file's ratings alone.
 * @public
 */
export const V3_IMPORT_MODES = ['merge', 'replace'] as const;

/** How an import meets the latest snapshot. @public */
export type V3ImportMode = (typeof V3_IMPORT_MODES)[number];

/** Body of `POST /entities/.../imports/v3`. @public */
export const v3ImportSchema = z.strictObject({
  baseRevision: z.number().int().min(0),
  assessment: v3AssessmentFileSchema,
  mode: z.enum(V3_IMPORT_MODES).default('merge'),
});

/** Body of `POST /entities/.../imports/v3`; `mode` defaults to merge. @public */
export type V3Import = z.input<typeof v3ImportSchema>;

/** Answer of `POST /entities/.../imports/v3`. @public */
export interface V3ImportResult {
  assessment: StoredAssessment;
  mapping: Pick<V3Mapped, 'dropped' | 'shifted' | 'approximate'>;
  mode: V3ImportMode;
  /** Topics rated before whose ratings the import replaced (all, with replace). */
  replacedTopics: string[];
  /** Topics rated before and kept as they were (none, with replace). */
  keptTopics: string[];
}

/** What an imported snapshot holds: ratings, and what a merge keeps. @public */
export type V3ImportContent = Pick<
  StoredAssessment,
  'ratings' | 'targets' | 'notes' | 'evidence'
>;

/**
 * The content of an imported snapshot: with `merge`, the latest snapshot
 * with the ratings of the topics the file maps replaced (each such topic as a
 * whole, so no 3.x level sits beside an older 4.0 one); with `replace`, or
 * when there is no snapshot yet, the mapped ratings alone.
 * @public
 */
export function mergeV3Import(
  latest: V3ImportContent | undefined,
  mapped: Pick<V3Mapped, 'ratings'>,
  mode: V3ImportMode,
): V3ImportContent & Pick<V3ImportResult, 'replacedTopics' | 'keptTopics'> {
  const before = Object.keys(latest?.ratings ?? {}).sort();
  if (mode === 'replace' || !latest) {
    return {
      ratings: mapped.ratings,
      targets: {},
      notes: {},
      evidence: {},
      replacedTopics: before,
      keptTopics: [],
    };
  }
  const mappedHere = (topic: string) => Object.hasOwn(mapped.ratings, topic);
  return {
    ratings: { ...latest.ratings, ...mapped.ratings },
    targets: latest.targets,
    notes: latest.notes,
    evidence: latest.evidence,
    replacedTopics: before.filter(mappedHere),
    keptTopics: before.filter(t => !mappedHere(t)),
  };
}

/**
 * The comment of an imported snapshot: where its ratings came from and what
 * the mapping moved or left out, so that history tells the whole story.
 * @public
 */
export function describeV3Import(cnmmVersion: string, mapped: V3Mapped) {
  const parts = [`Imported from a CNMM ${cnmmVersion} assessment.`];
  const ref = (r: V3LevelRef) => `${r.topic} L${r.level}`;
  if (mapped.shifted.length) {
    parts.push(
      `Moved to where 4.0 holds the content: ${mapped.shifted
        .map(s => `${s.from} L${s.fromLevel} → ${s.to} L${s.toLevel}`)
        .join('; ')}.`,
    );
  }
  if (mapped.approximate.length) {
    parts.push(
      `Approximate, capped at partially (3.x asked only part of the level): ${mapped.approximate
        .map(a => `${a.to} L${a.toLevel}`)
        .join(', ')}.`,
    );
  }
  if (mapped.incomplete.length) {
    parts.push(
      `Left unrated (a 3.x source level was not rated): ${mapped.incomplete
        .map(ref)
        .join(', ')}.`,
    );
  }
  if (mapped.unmapped.length) {
    parts.push(
      `Left out (no 4.0 content): ${mapped.unmapped.map(ref).join(', ')}.`,
    );
  }
  if (mapped.dropped.length) {
    parts.push(`Left out (no 4.0 topic): ${mapped.dropped.join(', ')}.`);
  }
  return parts.join(' ').slice(0, SUBMISSION_LIMITS.commentLength);
}
