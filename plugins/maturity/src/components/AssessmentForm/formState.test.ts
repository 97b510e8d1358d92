import { makeAssessment, model } from '../../__testUtils__/fixtures';
import {
  draftFrom,
  errorsFromServerMessage,
  toSubmission,
  validate,
} from './formState';

describe('formState', () => {
  it('starts from the latest snapshot without its comment', () => {
    const draft = draftFrom(
      makeAssessment({
        comment: 'first',
        evidence: { 'process.security': ['https://example.com/a'] },
      }),
    );
    expect(draft.ratings['process.audit-and-logs']).toEqual({
      '1': 'fully',
      '2': 'fully',
      '3': 'not-yet',
    });
    expect(draft.targets).toEqual({ 'process.audit-and-logs': 4 });
    expect(draft.evidence['process.security']).toEqual([
      'https://example.com/a',
    ]);
    expect(draft.comment).toBe('');
  });

  it('leaves empty values out of the submission', () => {
    const { submission, evidenceIndex } = toSubmission(
      {
        ratings: { 'process.security': {}, 'people.ai': { '1': 'fully' } },
        targets: {},
        notes: { 'people.ai': '  ' },
        evidence: { 'people.ai': ['', ' https://example.com '] },
        comment: ' ',
      },
      7,
    );
    expect(submission).toEqual({
      baseRevision: 7,
      ratings: { 'people.ai': { '1': 'fully' } },
      evidence: { 'people.ai': ['https://example.com'] },
    });
    expect(evidenceIndex).toEqual({ 'people.ai': [1] });
  });

  it('maps validation issues to the fields, through the evidence index', () => {
    const { submission, evidenceIndex } = toSubmission(
      {
        ratings: {},
        targets: {},
        notes: {},
        evidence: { 'process.security': ['', 'not a url'] },
        comment: '',
      },
      0,
    );
    const { fieldErrors, general } = validate(model, submission, evidenceIndex);
    expect(fieldErrors).toEqual({
      'evidence/process.security/1': 'must be an http(s) URL',
    });
    expect(general).toEqual([]);
  });

  it('reads field paths from a server message, with dotted topic ids', () => {
    expect(
      errorsFromServerMessage(
        model,
        'Invalid assessment: evidence.process.security.0: must be an http(s) URL; ' +
          'targets.people.ai: Too big; ratings.people.ai.3: Invalid option; ' +
          'comment: Too long; somewhere.else: ignored',
        { 'process.security': [2] },
      ),
    ).toEqual({
      'evidence/process.security/2': 'must be an http(s) URL',
      'targets/people.ai': 'Too big',
      'ratings/people.ai/3': 'Invalid option',
      comment: 'Too long',
    });
  });
});
