import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeAssessment,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { AssessmentForm } from './AssessmentForm';

const entityRef = 'component:default/payments';
const REPO = 'https://github.com/acme/payments';

const api = () =>
  mockMaturityApi({
    getEntityEvidence: jest.fn().mockResolvedValue({
      entityRef,
      topics: {
        'business-outcomes.outcomes': [
          {
            ruleId: 'github-repository',
            label: 'Source in a GitHub repository',
            value: 'acme/payments',
            level: 1,
            url: REPO,
          },
          {
            ruleId: 'pagerduty',
            label: 'On-call in PagerDuty',
            value: 'PX1',
            level: 3,
          },
        ],
      },
    }),
  });

async function renderForm(
  maturityApi = api(),
  base?: ReturnType<typeof makeAssessment>,
) {
  await renderWithEntity(
    <AssessmentForm
      model={model}
      entityRef={entityRef}
      base={base}
      onSaved={jest.fn()}
      onCancel={jest.fn()}
    />,
    { api: maturityApi },
  );
  return maturityApi;
}

const outcomes = () =>
  screen.getByRole('region', { name: 'Business Outcomes' });

async function said() {
  return within(outcomes()).findByRole('region', {
    name: 'The catalog says about Business Outcomes',
  });
}

describe('AssessmentForm: evidence from the catalog', () => {
  afterEach(() => window.localStorage.clear());

  it('shows per topic what the catalog says, at the level it speaks to', async () => {
    const maturityApi = await renderForm();
    const facts = within(await said()).getAllByRole('listitem');
    expect(facts[0]).toHaveTextContent(
      'Source in a GitHub repository: acme/payments (evidence for level 1 · Build)',
    );
    expect(within(facts[0]).getByRole('link')).toHaveAttribute('href', REPO);
    // A fact without a link is told, not offered.
    expect(facts[1]).toHaveTextContent('On-call in PagerDuty: PX1');
    expect(within(facts[1]).queryByRole('button')).toBeNull();
    expect(maturityApi.getEntityEvidence).toHaveBeenCalledWith(entityRef);
    // Nothing is rated from it.
    expect(within(outcomes()).getByRole('status')).toHaveTextContent(
      'Not assessed',
    );
  });

  it('adds the link to the evidence of the topic once, then says it is added', async () => {
    await renderForm();
    const [repo] = within(await said()).getAllByRole('listitem');
    const add = within(repo).getByRole('button', { name: 'Add as evidence' });
    expect(add).toHaveAccessibleDescription(
      expect.stringContaining('Source in a GitHub repository'),
    );
    await userEvent.click(add);
    expect(within(outcomes()).getByLabelText('Evidence link 1')).toHaveValue(
      REPO,
    );
    expect(
      within(repo).getByRole('button', { name: 'Added as evidence' }),
    ).toBeDisabled();
    expect(within(outcomes()).queryByLabelText('Evidence link 2')).toBeNull();
  });

  it('fills a blank evidence link rather than keeping it beside the fact', async () => {
    await renderForm();
    await userEvent.click(
      within(outcomes()).getByRole('button', { name: 'Add evidence link' }),
    );
    const [repo] = within(await said()).getAllByRole('listitem');
    await userEvent.click(
      within(repo).getByRole('button', { name: 'Add as evidence' }),
    );
    expect(within(outcomes()).getByLabelText('Evidence link 1')).toHaveValue(
      REPO,
    );
    expect(within(outcomes()).queryByLabelText('Evidence link 2')).toBeNull();
  });

  it('offers nothing more to a topic whose evidence is full', async () => {
    const full = Array.from(
      { length: 20 },
      (_, i) => `https://docs.example.com/${i}`,
    );
    await renderForm(
      api(),
      makeAssessment({ evidence: { 'business-outcomes.outcomes': full } }),
    );
    const [repo] = within(await said()).getAllByRole('listitem');
    expect(
      within(repo).getByRole('button', { name: 'Add as evidence' }),
    ).toBeDisabled();
  });

  it('says a link is added when the base snapshot has it already', async () => {
    await renderForm(
      api(),
      makeAssessment({ evidence: { 'business-outcomes.outcomes': [REPO] } }),
    );
    const [repo] = within(await said()).getAllByRole('listitem');
    expect(
      within(repo).getByRole('button', { name: 'Added as evidence' }),
    ).toBeDisabled();
  });

  it.each([
    ['says nothing', mockMaturityApi()],
    [
      'cannot be asked',
      mockMaturityApi({
        getEntityEvidence: jest.fn().mockRejectedValue(new Error('down')),
      }),
    ],
  ])('is the form as before when the catalog %s', async (_name, quiet) => {
    await renderForm(quiet);
    await waitFor(() => expect(quiet.getEntityEvidence).toHaveBeenCalled());
    expect(screen.queryByText('The catalog says…')).toBeNull();
    expect(
      within(outcomes()).getByRole('button', { name: 'Add evidence link' }),
    ).toBeEnabled();
  });
});
