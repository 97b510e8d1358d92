import { defaultMaturityModel } from '../model/bundled';
import { submissionRuleProblems } from './exemptionRules';

const model = defaultMaturityModel;
const on = { enabled: true, maxDays: 365 };
const off = { enabled: false, maxDays: 365 };
const ratings = {
  'policy.ai': {
    '1': 'not-applicable' as const,
    '2': 'not-applicable' as const,
  },
  'people.culture': { '1': 'fully' as const, '2': 'not-applicable' as const },
};

describe('submissionRuleProblems', () => {
  it('asks a reason of a topic rated entirely not applicable, naming it', () => {
    for (const reason of [undefined, '   ']) {
      const problems = submissionRuleProblems(
        model,
        {
          ratings,
          exemptions: reason === undefined ? {} : { 'policy.ai': reason },
        },
        on,
      );
      expect(problems).toEqual([
        {
          path: ['exemptions', 'policy.ai'],
          message: expect.stringContaining('policy.ai'),
        },
      ]);
    }
  });

  it('accepts a reason for an exemption, and refuses one for any other topic', () => {
    expect(
      submissionRuleProblems(
        model,
        { ratings, exemptions: { 'policy.ai': 'No AI' } },
        on,
      ),
    ).toEqual([]);
    expect(
      submissionRuleProblems(
        model,
        {
          ratings,
          exemptions: { 'policy.ai': 'No AI', 'people.culture': 'partly' },
        },
        on,
      ).map(p => p.path),
    ).toEqual([['exemptions', 'people.culture']]);
  });

  it('asks nothing with exemptions off, and refuses reasons then', () => {
    expect(submissionRuleProblems(model, { ratings }, off)).toEqual([]);
    expect(
      submissionRuleProblems(
        model,
        { ratings, exemptions: { 'policy.ai': 'No AI' } },
        off,
      ),
    ).toHaveLength(1);
  });

  it('refuses to confirm a topic that is not rated', () => {
    expect(
      submissionRuleProblems(
        model,
        { ratings, exemptions: { 'policy.ai': 'x' }, confirmed: ['people.ai'] },
        on,
      ),
    ).toEqual([
      { path: ['confirmed', 0], message: expect.stringContaining('people.ai') },
    ]);
  });
});
