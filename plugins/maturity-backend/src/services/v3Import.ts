import {
  describeV3Import,
  mapV3Ratings,
  mergeV3Import,
  V3Import,
  V3ImportResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentService } from './AssessmentService';
import { normalizeRef } from './entityRefs';

/**
 * What a CNMM 3.x import records: its ratings mapped to 4.0, merged into the
 * entity's latest snapshot unless the client asked to replace it, with the
 * mapping said in the comment; and what the answer tells of it. The result
 * is a submission like the form's, validated and written by the same path.
 */
export async function v3ImportSubmission(
  assessments: Pick<AssessmentService, 'latestOf'>,
  entityRef: string,
  body: Required<V3Import>,
): Promise<{
  submission: Record<string, unknown>;
  outcome: Omit<V3ImportResult, 'assessment'>;
}> {
  const ref = normalizeRef(entityRef);
  const latest = (await assessments.latestOf([{ ref, lifecycle: null }])).get(
    ref,
  );
  const mapping = mapV3Ratings(body.assessment.ratings);
  const { replacedTopics, keptTopics, ...content } = mergeV3Import(
    latest,
    mapping,
    body.mode,
  );
  return {
    // A stale baseRevision is refused by the store (409), whatever merged.
    submission: {
      baseRevision: body.baseRevision,
      ...content,
      comment: describeV3Import(body.assessment.cnmmVersion, mapping),
    },
    outcome: {
      mapping: {
        dropped: mapping.dropped,
        shifted: mapping.shifted,
        approximate: mapping.approximate,
      },
      mode: body.mode,
      replacedTopics,
      keptTopics,
    },
  };
}
