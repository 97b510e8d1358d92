import type { AssessmentSubmission, TopicRatings } from '../assessment/schema';
import type { ExemptionSettings } from '../api/settings';
import type { MaturityModel } from '../model/schema';
import { scoreTopic } from './topicLevel';

/** A submission's field that breaks a rule, and why. @public */
export interface SubmissionProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * Whether a topic's ratings make it an exemption: rated, and every rated
 * level not applicable.
 * @public
 */
export function isExemption(
  ratings: TopicRatings | undefined,
  maxLevel: number,
): boolean {
  return scoreTopic(ratings, maxLevel).notApplicable;
}

/**
 * The rules on exemptions and confirmations that depend on settings, so they
 * are not in the submission's schema: with exemptions enabled, a topic rated
 * entirely not applicable needs a non-blank reason and no other topic may
 * have one; with them off, no reason is accepted. A confirmed topic must be
 * rated. The backend answers a 400 naming each problem; the form shows them.
 * @public
 */
export function submissionRuleProblems(
  model: MaturityModel,
  submission: Pick<
    AssessmentSubmission,
    'ratings' | 'exemptions' | 'confirmed'
  >,
  exemptions: ExemptionSettings,
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const reasons = submission.exemptions ?? {};
  for (const dimension of model.dimensions) {
    for (const topic of dimension.topics) {
      const exempt = isExemption(submission.ratings[topic.id], topic.maxLevel);
      const reason = reasons[topic.id];
      const path = ['exemptions', topic.id];
      if (!exemptions.enabled) {
        if (reason !== undefined) {
          problems.push({ path, message: 'exemptions are not enabled' });
        }
      } else if (exempt && !reason?.trim()) {
        problems.push({
          path,
          message: `${topic.id} is rated entirely not applicable: give the reason of this exemption`,
        });
      } else if (!exempt && reason !== undefined) {
        problems.push({
          path,
          message: `${topic.id} is not rated entirely not applicable, so it takes no exemption reason`,
        });
      }
    }
  }
  submission.confirmed?.forEach((topicId, i) => {
    const rated = Object.values(submission.ratings[topicId] ?? {}).some(
      rating => rating !== undefined,
    );
    if (!rated) {
      problems.push({
        path: ['confirmed', i],
        message: `${topicId} is not rated, so there is nothing to confirm`,
      });
    }
  });
  return problems;
}
