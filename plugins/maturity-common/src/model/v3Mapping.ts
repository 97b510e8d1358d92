import { z } from 'zod';
import type {
  Rating,
  StoredAssessment,
  TopicMap,
  TopicRatings,
} from '../assessment/schema';
import { RATINGS, SUBMISSION_LIMITS } from '../assessment/schema';

const MERGED = 'process.software-integration-and-release';
const SAME_LEVELS = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 };

/**
 * Where a CNMM 3.x topic went in 4.0: its 4.0 topic (null where 4.0 spread
 * its themes over several topics, so that no single mapping is honest) and,
 * per 3.x level, the 4.0 level that now holds that content (null where 4.0
 * gave the level another meaning).
 */
export interface V3TopicMapping {
  topic: string | null;
  levels: Readonly<Record<number, number | null>>;
}

/**
 * CNMM 3.x topics and levels → 4.0. 4.0 moved some content down a level:
 * in Software Integration and Release, 3.x Change Control's approval-gated
 * continuous delivery (L4) and quality engineering (L5) are 4.0 L3 and L4,
 * its measured code quality (L3) is 4.0 L2, and measuring release velocity
 * (3.x CI/CD L4) is 4.0 L3. "Enforcing audits" (3.x Audit L5) is what 4.0
 * asks at L4; its L5 is about the value of retained data, which 3.x never
 * asked. No 3.x content reaches 4.0 Software Integration and Release L5.
 */
export const CNMM_V3_MAPPING: Readonly<Record<string, V3TopicMapping>> = {
  'process.ci-cd': { topic: MERGED, levels: { 1: 1, 2: 2, 3: 3, 4: 3, 5: 4 } },
  'process.change-control': {
    topic: MERGED,
    levels: { 1: 1, 2: 2, 3: 2, 4: 3, 5: 4 },
  },
  'process.audit-and-logs': {
    topic: 'process.audit-and-logs',
    levels: { 1: 1, 2: 2, 3: 3, 4: 4, 5: 4 },
  },
  'process.security': { topic: 'process.security', levels: SAME_LEVELS },
  'people.upskilling-developers': {
    topic: 'people.upskilling',
    levels: SAME_LEVELS,
  },
  'people.organizational-change': {
    topic: 'people.organizational-change',
    levels: SAME_LEVELS,
  },
  'people.teams-and-decentralization': {
    topic: 'people.teams-and-decentralization',
    levels: SAME_LEVELS,
  },
  'people.security': { topic: 'people.security', levels: SAME_LEVELS },
  'people.developer-agility': { topic: null, levels: {} },
  'policy.policy-creation': {
    topic: 'policy.policy-creation',
    levels: SAME_LEVELS,
  },
  'policy.compliance': {
    topic: 'policy.implementation-and-compliance',
    levels: SAME_LEVELS,
  },
  'technology.infrastructure': {
    topic: 'technology.platforms-and-infrastructure',
    levels: SAME_LEVELS,
  },
  'technology.application-patterns-and-refactoring': {
    topic: 'technology.application-patterns-and-refactoring',
    levels: SAME_LEVELS,
  },
  'technology.container-and-runtime-management': {
    topic: 'technology.container-and-runtime-management',
    levels: SAME_LEVELS,
  },
  'technology.application-release-and-operations': {
    topic: 'technology.application-release-and-operations',
    levels: SAME_LEVELS,
  },
  'technology.testing-and-issue-detection': {
    topic: 'technology.testing-and-issue-detection',
    levels: SAME_LEVELS,
  },
  'technology.security-and-policy': {
    topic: 'technology.security-and-policy',
    levels: SAME_LEVELS,
  },
  'business-outcomes.outcomes': {
    topic: 'business-outcomes.outcomes',
    levels: SAME_LEVELS,
  },
};

// When several 3.x answers land on one 4.0 level, the weaker is kept: an
// import must never claim more maturity than was recorded.
const STRENGTH: Record<Rating, number> = {
  'not-yet': 0,
  partially: 1,
  largely: 2,
  fully: 3,
  'not-applicable': 4,
};

/** A 3.x level whose content 4.0 holds at another level. @public */
export interface V3LevelShift {
  from: string;
  fromLevel: number;
  to: string;
  toLevel: number;
}

/** What an import made of 3.x answers. @public */
export interface V3Mapped {
  ratings: TopicMap<TopicRatings>;
  /** 3.x topics without a 4.0 topic, or unknown. */
  dropped: string[];
  /** Rated 3.x levels that count towards another 4.0 level. */
  shifted: V3LevelShift[];
}

/**
 * Maps ratings recorded against 3.x topics and levels to 4.0, moving each
 * level to where 4.0 holds its content and keeping the weakest rating where
 * several meet. 4.0 levels that no 3.x answer covers stay unrated.
 * @public
 */
export function mapV3Ratings(ratings: TopicMap<TopicRatings>): V3Mapped {
  const mapped: Record<string, TopicRatings> = {};
  const dropped: string[] = [];
  const shifted: V3LevelShift[] = [];
  for (const [v3Id, levels] of Object.entries(ratings)) {
    const mapping = Object.hasOwn(CNMM_V3_MAPPING, v3Id)
      ? CNMM_V3_MAPPING[v3Id]
      : undefined;
    if (!mapping?.topic) {
      dropped.push(v3Id);
      continue;
    }
    const target = (mapped[mapping.topic] ??= {});
    for (const [level, rating] of Object.entries(levels ?? {})) {
      const toLevel = Object.hasOwn(mapping.levels, level)
        ? mapping.levels[Number(level)]
        : null;
      if (!rating || !RATINGS.includes(rating) || !toLevel) continue;
      if (toLevel !== Number(level)) {
        shifted.push({
          from: v3Id,
          fromLevel: Number(level),
          to: mapping.topic,
          toLevel,
        });
      }
      const current = target[toLevel];
      if (!current || STRENGTH[rating] < STRENGTH[current]) {
        target[toLevel] = rating;
      }
    }
  }
  return { ratings: mapped, dropped, shifted };
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

/** Body of `POST /entities/.../imports/v3`. @public */
export const v3ImportSchema = z.strictObject({
  baseRevision: z.number().int().min(0),
  assessment: v3AssessmentFileSchema,
});

/** Body of `POST /entities/.../imports/v3`. @public */
export type V3Import = z.infer<typeof v3ImportSchema>;

/** Answer of `POST /entities/.../imports/v3`. @public */
export interface V3ImportResult {
  assessment: StoredAssessment;
  mapping: Pick<V3Mapped, 'dropped' | 'shifted'>;
}

/**
 * The comment of an imported snapshot: where its ratings came from and what
 * the mapping moved or left out, so that history tells the whole story.
 * @public
 */
export function describeV3Import(cnmmVersion: string, mapped: V3Mapped) {
  const parts = [`Imported from a CNMM ${cnmmVersion} assessment.`];
  if (mapped.shifted.length) {
    parts.push(
      `Moved to where 4.0 holds the content: ${mapped.shifted
        .map(s => `${s.from} L${s.fromLevel} → ${s.to} L${s.toLevel}`)
        .join('; ')}.`,
    );
  }
  if (mapped.dropped.length) {
    parts.push(`Left out (no 4.0 topic): ${mapped.dropped.join(', ')}.`);
  }
  return parts.join(' ').slice(0, SUBMISSION_LIMITS.commentLength);
}
