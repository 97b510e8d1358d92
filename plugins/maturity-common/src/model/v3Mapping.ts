import type { Rating, TopicMap, TopicRatings } from '../assessment/schema';
import { RATINGS } from '../assessment/schema';

/**
 * CNMM 3.x topic ids → 4.0 topic ids; null where 4.0 dropped the topic
 * (its themes were spread over several topics, so no single mapping is honest).
 * @public
 */
export const CNMM_V3_TO_V4_TOPICS: Readonly<Record<string, string | null>> = {
  'process.ci-cd': 'process.software-integration-and-release',
  'process.change-control': 'process.software-integration-and-release',
  'process.audit-and-logs': 'process.audit-and-logs',
  'process.security': 'process.security',
  'people.upskilling-developers': 'people.upskilling',
  'people.organizational-change': 'people.organizational-change',
  'people.teams-and-decentralization': 'people.teams-and-decentralization',
  'people.security': 'people.security',
  'people.developer-agility': null,
  'policy.policy-creation': 'policy.policy-creation',
  'policy.compliance': 'policy.implementation-and-compliance',
  'technology.infrastructure': 'technology.platforms-and-infrastructure',
  'technology.application-patterns-and-refactoring':
    'technology.application-patterns-and-refactoring',
  'technology.container-and-runtime-management':
    'technology.container-and-runtime-management',
  'technology.application-release-and-operations':
    'technology.application-release-and-operations',
  'technology.testing-and-issue-detection':
    'technology.testing-and-issue-detection',
  'technology.security-and-policy': 'technology.security-and-policy',
  'business-outcomes.outcomes': 'business-outcomes.outcomes',
};

// When two 3.x topics merge into one 4.0 topic, the weaker rating of a level
// is kept: an import must never claim more maturity than was recorded.
const STRENGTH: Record<Rating, number> = {
  'not-yet': 0,
  partially: 1,
  largely: 2,
  fully: 3,
  'not-applicable': 4,
};

/**
 * Maps ratings recorded against 3.x topic ids to 4.0 topic ids.
 * @returns the mapped ratings, and the 3.x topics that have no 4.0 topic or
 * that are unknown.
 * @public
 */
export function mapV3Ratings(ratings: TopicMap<TopicRatings>): {
  ratings: TopicMap<TopicRatings>;
  dropped: string[];
} {
  const mapped: Record<string, TopicRatings> = {};
  const dropped: string[] = [];
  for (const [v3Id, levels] of Object.entries(ratings)) {
    const v4Id = Object.hasOwn(CNMM_V3_TO_V4_TOPICS, v3Id)
      ? CNMM_V3_TO_V4_TOPICS[v3Id]
      : null;
    if (!v4Id) {
      dropped.push(v3Id);
      continue;
    }
    const target = (mapped[v4Id] ??= {});
    for (const [level, rating] of Object.entries(levels ?? {})) {
      if (!rating || !RATINGS.includes(rating)) continue;
      const current = target[level];
      if (!current || STRENGTH[rating] < STRENGTH[current]) {
        target[level] = rating;
      }
    }
  }
  return { ratings: mapped, dropped };
}
