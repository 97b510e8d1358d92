import {
  AssessmentSubmission,
  createSubmissionSchema,
  ExemptionSettings,
  MaturityModel,
  Rating,
  NO_EXPIRY,
  StoredAssessment,
  submissionRuleProblems,
} from '@cnmm/backstage-plugin-maturity-common';

const NO_EXEMPTIONS = NO_EXPIRY.exemptions;

/** What the form edits; everything is optional until it is sent. */
export interface Draft {
  ratings: Record<string, Record<string, Rating>>;
  targets: Record<string, number>;
  notes: Record<string, string>;
  evidence: Record<string, string[]>;
  comment: string;
  /**
   * Topics whose unchanged ratings are confirmed. Optional, like
   * `exemptions`: a draft kept in a browser before them has neither.
   */
  confirmed?: string[];
  /** The reason per topic rated entirely not applicable. */
  exemptions?: Record<string, string>;
}

/**
 * Field errors by key: "comment", "<field>/<topicId>" or
 * "<field>/<topicId>/<level or evidence index>".
 */
export type FieldErrors = Record<string, string>;

const TOPIC_FIELDS = [
  'ratings',
  'targets',
  'notes',
  'evidence',
  'exemptions',
] as const;

function defined<T>(map: Partial<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(map).filter(([, v]) => v !== undefined),
  ) as Record<string, T>;
}

/** A new draft, starting from the latest snapshot when there is one. */
export function draftFrom(assessment?: StoredAssessment): Draft {
  if (!assessment) {
    return { ratings: {}, targets: {}, notes: {}, evidence: {}, comment: '' };
  }
  return {
    ratings: Object.fromEntries(
      Object.entries(defined(assessment.ratings)).map(([topic, levels]) => [
        topic,
        defined(levels),
      ]),
    ),
    targets: defined(assessment.targets),
    notes: defined(assessment.notes),
    evidence: Object.fromEntries(
      Object.entries(defined(assessment.evidence)).map(([topic, urls]) => [
        topic,
        [...urls],
      ]),
    ),
    // A comment explains one change, so it is not carried over.
    comment: '',
    confirmed: [],
    exemptions: Object.fromEntries(
      Object.entries(defined(assessment.exemptions ?? {})).map(
        ([topic, exemption]) => [topic, exemption.reason],
      ),
    ),
  };
}

/**
 * The submission of a draft, without empty values, and where each sent
 * evidence entry came from in the draft (blank inputs are not sent). The
 * reasons sent are those of `exemptTopics`: a reason typed for a topic
 * since rated otherwise stays in the draft, unsent.
 */
export function toSubmission(
  draft: Draft,
  baseRevision: number,
  exemptTopics: ReadonlySet<string> = new Set(),
): {
  submission: AssessmentSubmission;
  evidenceIndex: Record<string, number[]>;
} {
  const ratings = Object.fromEntries(
    Object.entries(draft.ratings).filter(
      ([, levels]) => Object.keys(levels).length > 0,
    ),
  );
  const notes = Object.fromEntries(
    Object.entries(draft.notes).filter(([, text]) => text.trim() !== ''),
  );
  const evidence: Record<string, string[]> = {};
  const evidenceIndex: Record<string, number[]> = {};
  for (const [topic, urls] of Object.entries(draft.evidence)) {
    urls.forEach((url, i) => {
      if (url.trim() === '') return;
      (evidence[topic] ??= []).push(url.trim());
      (evidenceIndex[topic] ??= []).push(i);
    });
  }
  const submission: AssessmentSubmission = { baseRevision, ratings };
  if (Object.keys(draft.targets).length) submission.targets = draft.targets;
  if (Object.keys(notes).length) submission.notes = notes;
  if (Object.keys(evidence).length) submission.evidence = evidence;
  if (draft.comment.trim()) submission.comment = draft.comment.trim();
  if (draft.confirmed?.length) submission.confirmed = draft.confirmed;
  const reasons = Object.entries(draft.exemptions ?? {}).filter(
    ([topic, reason]) => exemptTopics.has(topic) && reason.trim() !== '',
  );
  if (reasons.length) {
    submission.exemptions = Object.fromEntries(
      reasons.map(([topic, reason]) => [topic, reason.trim()]),
    );
  }
  return { submission, evidenceIndex };
}

/**
 * The key of the form field a submission path points at, or undefined when
 * the path names no single field.
 */
function fieldKey(
  path: ReadonlyArray<string | number>,
  topicIds: ReadonlySet<string>,
  evidenceIndex: Record<string, number[]>,
): string | undefined {
  const [field, topic, sub] = path.map(String);
  if (field === 'comment' && path.length === 1) return 'comment';
  if (!(TOPIC_FIELDS as readonly string[]).includes(field)) return undefined;
  if (!topic || !topicIds.has(topic)) return undefined;
  if (sub === undefined) return `${field}/${topic}`;
  if (field === 'evidence') {
    const index = evidenceIndex[topic]?.[Number(sub)];
    return index === undefined
      ? `${field}/${topic}`
      : `${field}/${topic}/${index}`;
  }
  return `${field}/${topic}/${sub}`;
}

function addError(errors: FieldErrors, key: string, message: string) {
  errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
}

/**
 * Validates a submission as the server will: its schema, then, when it
 * holds, the rules of exemptions and confirmations under the backend's
 * settings (off when not given). Issues without a field are general.
 */
export function validate(
  model: MaturityModel,
  submission: AssessmentSubmission,
  evidenceIndex: Record<string, number[]>,
  exemptions?: ExemptionSettings,
): { fieldErrors: FieldErrors; general: string[] } {
  const result = createSubmissionSchema(model).safeParse(submission);
  const issues: Array<{ path: PropertyKey[]; message: string }> = result.success
    ? submissionRuleProblems(model, submission, exemptions ?? NO_EXEMPTIONS)
    : result.error.issues;
  const fieldErrors: FieldErrors = {};
  const general: string[] = [];
  const topicIds = topicIdsOf(model);
  for (const issue of issues) {
    const path = issue.path.filter(
      (p): p is string | number => typeof p !== 'symbol',
    );
    const key = fieldKey(path, topicIds, evidenceIndex);
    if (key) addError(fieldErrors, key, issue.message);
    else general.push(`${path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { fieldErrors, general };
}

function topicIdsOf(model: MaturityModel): Set<string> {
  return new Set(model.dimensions.flatMap(d => d.topics.map(t => t.id)));
}

/**
 * Field errors named in a server message such as
 * "Invalid assessment: evidence.process.security.0: must be an http(s) URL; ...".
 * Topic ids contain dots, so the path is matched against the model's ids.
 */
export function errorsFromServerMessage(
  model: MaturityModel,
  message: string,
  evidenceIndex: Record<string, number[]>,
): FieldErrors {
  const errors: FieldErrors = {};
  const topicIds = topicIdsOf(model);
  const body = message.replace(/^Invalid assessment:\s*/, '');
  for (const part of body.split('; ')) {
    const separator = part.indexOf(': ');
    if (separator < 0) continue;
    const pathText = part.slice(0, separator);
    const issue = part.slice(separator + 2);
    const [field, ...rest] = pathText.split('.');
    const restText = rest.join('.');
    const topic = [...topicIds]
      .filter(id => restText === id || restText.startsWith(`${id}.`))
      .sort((a, b) => b.length - a.length)[0];
    const path: string[] = [field];
    if (topic) {
      path.push(topic);
      const sub = restText.slice(topic.length + 1);
      if (sub) path.push(...sub.split('.'));
    } else if (restText) {
      path.push(...rest);
    }
    const key = fieldKey(path, topicIds, evidenceIndex);
    if (key) addError(errors, key, issue);
  }
  return errors;
}

/** The topic a field key belongs to, if any. */
export function topicOfKey(key: string): string | undefined {
  return key.split('/')[1];
}
