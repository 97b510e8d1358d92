import { ResponseError } from '@backstage/errors';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeAssessment,
  mockMaturityApi,
  MockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { AssessmentForm } from './AssessmentForm';
import { loadDraft } from './draftStorage';

const entityRef = 'component:default/payments';

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

async function renderForm(
  api: MockMaturityApi,
  props: { base?: ReturnType<typeof makeAssessment> } = {},
) {
  const onSaved = jest.fn();
  const onCancel = jest.fn();
  await renderWithEntity(
    <AssessmentForm
      model={model}
      entityRef={entityRef}
      base={props.base}
      onSaved={onSaved}
      onCancel={onCancel}
    />,
    { api },
  );
  return { onSaved, onCancel };
}

const outcomes = () =>
  screen.getByRole('region', { name: 'Business Outcomes' });

async function rate(level: number, rating: string) {
  const group = within(outcomes()).getByRole('group', {
    name: new RegExp(`^Level ${level} · `),
  });
  await userEvent.click(within(group).getByRole('radio', { name: rating }));
}

/** Saves from any step, through the review step as a user must. */
async function save() {
  const review = screen.queryByRole('button', { name: 'Review changes' });
  if (review) await userEvent.click(review);
  await userEvent.click(
    screen.getByRole('button', { name: 'Save assessment' }),
  );
}

describe('AssessmentForm', () => {
  afterEach(() => window.localStorage.clear());

  it('has one step per dimension and a final step', async () => {
    await renderForm(mockMaturityApi());
    for (const dimension of model.dimensions) {
      expect(
        screen.getByRole('button', { name: dimension.title }),
      ).toBeInTheDocument();
    }
    expect(
      screen.getByRole('button', { name: 'Review and save' }),
    ).toBeInTheDocument();
  });

  it('shows the live level computed from the ratings', async () => {
    await renderForm(mockMaturityApi());
    const status = within(outcomes()).getByRole('status');
    expect(status).toHaveTextContent('Computed level: Not assessed');

    await rate(1, 'Fully');
    expect(status).toHaveTextContent('Computed level: 1 · Build');
    await rate(2, 'Largely');
    expect(status).toHaveTextContent('Computed level: 2 · Operate');
    await rate(1, 'Not yet');
    expect(status).toHaveTextContent('Computed level: 0 · Not started');
  });

  it('saves the ratings with the revision it started from', async () => {
    const stored = makeAssessment({ revision: 5 });
    const api = mockMaturityApi({
      submitAssessment: jest.fn().mockResolvedValue(stored),
    });
    const { onSaved } = await renderForm(api, {
      base: makeAssessment({ revision: 4 }),
    });

    await rate(1, 'Fully');
    await userEvent.selectOptions(
      within(outcomes()).getByLabelText('Target level'),
      '3',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Review and save' }),
    );
    const changes = screen.getByRole('table', {
      name: 'Changes against revision 4',
    });
    expect(
      within(changes)
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'TopicLevelRatings changedTarget',
      'Business OutcomesNot assessed → 1 · Build1default → 3 · Scale',
    ]);
    await userEvent.click(screen.getByLabelText('Comment'));
    await userEvent.paste('After the audit');
    await save();

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(stored));
    expect(api.submitAssessment).toHaveBeenCalledWith(entityRef, {
      baseRevision: 4,
      ratings: {
        'business-outcomes.outcomes': { '1': 'fully' },
        'process.audit-and-logs': {
          '1': 'fully',
          '2': 'fully',
          '3': 'not-yet',
        },
      },
      targets: {
        'business-outcomes.outcomes': 3,
        'process.audit-and-logs': 4,
      },
      comment: 'After the audit',
    });
  });

  it('sends revision 0 for a first assessment', async () => {
    const api = mockMaturityApi({
      submitAssessment: jest.fn().mockResolvedValue(makeAssessment()),
    });
    await renderForm(api);
    await rate(1, 'Partially');
    await save();
    await waitFor(() =>
      expect(api.submitAssessment).toHaveBeenCalledWith(entityRef, {
        baseRevision: 0,
        ratings: { 'business-outcomes.outcomes': { '1': 'partially' } },
      }),
    );
  });

  it('reports a conflict and reloads the latest snapshot', async () => {
    const latest = makeAssessment({
      revision: 9,
      ratings: { 'business-outcomes.outcomes': { '1': 'fully', '2': 'fully' } },
    });
    const api = mockMaturityApi({
      submitAssessment: jest
        .fn()
        .mockRejectedValueOnce(
          await responseError(409, 'Revision 3 is not the latest'),
        )
        .mockResolvedValueOnce(latest),
      getAssessment: jest.fn().mockResolvedValue(latest),
    });
    await renderForm(api, { base: makeAssessment({ revision: 3 }) });
    await rate(1, 'Fully');
    await save();

    expect(
      await screen.findByText('Someone else saved this assessment meanwhile'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Business Outcomes' }),
    );

    await waitFor(() =>
      expect(within(outcomes()).getByRole('status')).toHaveTextContent(
        '2 · Operate',
      ),
    );
    expect(
      screen.queryByText('Someone else saved this assessment meanwhile'),
    ).toBeNull();
    expect(api.getAssessment).toHaveBeenCalledWith(entityRef);

    await save();
    await waitFor(() =>
      expect(api.submitAssessment).toHaveBeenLastCalledWith(
        entityRef,
        expect.objectContaining({ baseRevision: 9 }),
      ),
    );
  });

  it('shows a server validation error at the field it names', async () => {
    const message =
      'Invalid assessment: evidence.business-outcomes.outcomes.0: must be reachable';
    const api = mockMaturityApi({
      submitAssessment: jest
        .fn()
        .mockRejectedValue(await responseError(400, message)),
    });
    await renderForm(api);
    await userEvent.click(
      within(outcomes()).getByRole('button', { name: 'Add evidence link' }),
    );
    await userEvent.click(within(outcomes()).getByLabelText('Evidence link 1'));
    await userEvent.paste('https://intranet.example.com/kpis');
    await save();

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(
      within(outcomes()).getByLabelText('Evidence link 1'),
    ).toHaveAccessibleDescription('must be reachable');
  });

  it('validates on the client before sending, and moves to the step with the error', async () => {
    const api = mockMaturityApi();
    await renderForm(api);
    await userEvent.click(screen.getByRole('button', { name: 'Process' }));
    const audit = screen.getByRole('region', { name: 'Audit and Logs' });
    await userEvent.click(
      within(audit).getByRole('button', { name: 'Add evidence link' }),
    );
    await userEvent.click(within(audit).getByLabelText('Evidence link 1'));
    await userEvent.paste('wiki page');
    await userEvent.click(
      screen.getByRole('button', { name: 'Business Outcomes' }),
    );
    await save();

    expect(
      await screen.findByText(/Some fields need attention/),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Audit and Logs' }),
      ).getByLabelText('Evidence link 1'),
    ).toHaveAccessibleDescription('must be an http(s) URL');
    expect(api.submitAssessment).not.toHaveBeenCalled();
  });

  it('asks before discarding unsaved changes', async () => {
    const { onCancel } = await renderForm(mockMaturityApi());
    await rate(1, 'Fully');

    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Discard unsaved changes?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Keep editing' }),
    );
    expect(onCancel).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Discard changes' }),
    );
    expect(onCancel).toHaveBeenCalled();
  });

  it('leaves at once without changes', async () => {
    const { onCancel } = await renderForm(mockMaturityApi());
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sets a topic at a level in one step, then lets each level be refined', async () => {
    const api = mockMaturityApi({
      submitAssessment: jest.fn().mockResolvedValue(makeAssessment()),
    });
    await renderForm(api);
    await userEvent.selectOptions(
      screen.getByLabelText('Set level of Business Outcomes'),
      '2',
    );
    const status = within(outcomes()).getByRole('status');
    expect(status).toHaveTextContent('Computed level: 2 · Operate');
    await rate(3, 'Largely');
    expect(status).toHaveTextContent('Computed level: 3 · Scale');
    await save();
    await waitFor(() =>
      expect(api.submitAssessment).toHaveBeenCalledWith(entityRef, {
        baseRevision: 0,
        ratings: {
          'business-outcomes.outcomes': {
            '1': 'fully',
            '2': 'fully',
            '3': 'largely',
            '4': 'not-yet',
            '5': 'not-yet',
          },
        },
      }),
    );
    // A saved draft is gone: the next form starts from the revision.
    expect(loadDraft(entityRef, 0)).toBeUndefined();
  });

  it('keeps a draft in the browser until it is discarded', async () => {
    const first = await renderForm(mockMaturityApi());
    await rate(1, 'Fully');
    cleanup();

    const second = await renderForm(mockMaturityApi());
    expect(
      screen.getByText('Your unsaved changes from this browser are restored.'),
    ).toBeInTheDocument();
    expect(within(outcomes()).getByRole('status')).toHaveTextContent(
      '1 · Build',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Discard changes' }),
    );
    expect(second.onCancel).toHaveBeenCalled();
    expect(first.onCancel).not.toHaveBeenCalled();
    cleanup();

    await renderForm(mockMaturityApi());
    expect(within(outcomes()).getByRole('status')).toHaveTextContent(
      'Not assessed',
    );
  });
});
