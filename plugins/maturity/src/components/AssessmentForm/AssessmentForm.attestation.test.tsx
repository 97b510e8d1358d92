import { ResponseError } from '@backstage/errors';
import { MaturitySettings } from '@cnmm/backstage-plugin-maturity-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeAssessment,
  mockMaturityApi,
  MockMaturityApi,
  model,
  renderWithEntity,
  settingsWith,
} from '../../__testUtils__/fixtures';
import { AssessmentForm } from './AssessmentForm';

const entityRef = 'component:default/payments';
const OUTCOMES = 'business-outcomes.outcomes';
const AUDIT = 'process.audit-and-logs';
const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date();
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * DAY_MS).toISOString();
/** A day as formatDate writes it in these tests' locale. */
const shown = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });

const ATTESTING = settingsWith({ maxAgeDays: 180, exemptions: true });

/** Revision 4: outcomes at level 2 attested 200 days ago (expired), audit 10 days ago. */
function baseSnapshot(settings: MaturitySettings = ATTESTING) {
  return makeAssessment({
    revision: 4,
    createdAt: daysAgo(10),
    ratings: {
      [OUTCOMES]: { '1': 'fully', '2': 'fully', '3': 'not-yet' },
      [AUDIT]: { '1': 'fully' },
    },
    targets: {},
    attestedAt: { [OUTCOMES]: daysAgo(200), [AUDIT]: daysAgo(10) },
    settings,
    now: NOW,
  });
}

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
  options: {
    base?: ReturnType<typeof makeAssessment>;
    settings?: MaturitySettings;
  },
) {
  const onSaved = jest.fn();
  await renderWithEntity(
    <AssessmentForm
      model={model}
      entityRef={entityRef}
      base={options.base}
      settings={options.settings}
      onSaved={onSaved}
      onCancel={jest.fn()}
    />,
    { api },
  );
  return { onSaved };
}

const outcomes = () =>
  screen.getByRole('region', { name: 'Business Outcomes' });

async function rateOutcomes(level: number, rating: string) {
  const group = within(outcomes()).getByRole('group', {
    name: new RegExp(`^Level ${level} · `),
  });
  await userEvent.click(within(group).getByRole('radio', { name: rating }));
}

async function save() {
  await userEvent.click(screen.getByRole('button', { name: 'Review changes' }));
  await userEvent.click(
    screen.getByRole('button', { name: 'Save assessment' }),
  );
}

function savingApi() {
  return mockMaturityApi({
    submitAssessment: jest
      .fn()
      .mockResolvedValue(makeAssessment({ revision: 5 })),
  });
}

describe('AssessmentForm: confirming unchanged ratings', () => {
  afterEach(() => window.localStorage.clear());

  it("shows a topic's attestation, and that an expired one counts as unrated", async () => {
    const base = baseSnapshot();
    await renderForm(savingApi(), { base, settings: ATTESTING });

    expect(outcomes()).toHaveTextContent(
      `Expired — counts as unrated until confirmed (since ${shown(
        base.result.topics[OUTCOMES].expiresAt!,
      )}).`,
    );
    expect(
      screen.getByText(/1 topic expired: it counts as unrated until confirmed/),
    ).toBeInTheDocument();
  });

  it('confirms one topic unchanged: the same ratings, with that topic confirmed', async () => {
    const api = savingApi();
    const base = baseSnapshot();
    const { onSaved } = await renderForm(api, { base, settings: ATTESTING });

    const confirm = within(outcomes()).getByRole('button', {
      name: 'Confirm unchanged',
    });
    expect(confirm).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(confirm);
    expect(confirm).toHaveAttribute('aria-pressed', 'true');
    expect(outcomes()).toHaveTextContent(
      'Confirmed: attested anew when saved.',
    );
    await save();

    expect(api.submitAssessment).toHaveBeenCalledWith(entityRef, {
      baseRevision: 4,
      ratings: base.ratings,
      confirmed: [OUTCOMES],
    });
    expect(onSaved).toHaveBeenCalled();
  });

  it('confirms every rated topic unchanged in one step', async () => {
    const api = savingApi();
    const base = baseSnapshot();
    await renderForm(api, { base, settings: ATTESTING });

    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm all unchanged' }),
    );

    expect(api.submitAssessment).toHaveBeenCalledTimes(1);
    const [, sent] = api.submitAssessment.mock.calls[0];
    expect(sent.ratings).toEqual(base.ratings);
    expect(sent.targets).toBeUndefined();
    expect([...sent.confirmed!].sort()).toEqual([OUTCOMES, AUDIT]);
  });

  it('drops the confirmation of a topic rated anew, which its new ratings attest', async () => {
    const api = savingApi();
    await renderForm(api, { base: baseSnapshot(), settings: ATTESTING });

    await userEvent.click(
      within(outcomes()).getByRole('button', { name: 'Confirm unchanged' }),
    );
    await rateOutcomes(3, 'Fully');
    expect(
      within(outcomes()).queryByRole('button', { name: 'Confirm unchanged' }),
    ).not.toBeInTheDocument();
    expect(outcomes()).toHaveTextContent(
      'The ratings changed: saving attests them anew.',
    );
    await save();

    const [, sent] = api.submitAssessment.mock.calls[0];
    expect(sent.confirmed).toBeUndefined();
    expect(sent.ratings[OUTCOMES]).toEqual({
      '1': 'fully',
      '2': 'fully',
      '3': 'fully',
    });
  });

  it('offers no confirmation when the backend ends neither topics nor exemptions', async () => {
    const settings = settingsWith();
    await renderForm(savingApi(), { base: baseSnapshot(settings), settings });
    expect(
      screen.queryByRole('button', { name: /Confirm/ }),
    ).not.toBeInTheDocument();
  });
});

describe('AssessmentForm: exemptions', () => {
  afterEach(() => window.localStorage.clear());

  const reason = () =>
    within(outcomes()).queryByRole('textbox', {
      name: /Reason for the exemption/,
    });

  async function rateAllNotApplicable() {
    for (let level = 1; level <= 5; level++) {
      const group = within(outcomes()).queryByRole('group', {
        name: new RegExp(`^Level ${level} · `),
      });
      if (group) {
        await userEvent.click(
          within(group).getByRole('radio', { name: 'Not applicable' }),
        );
      }
    }
  }

  it('asks a reason of a topic rated entirely not applicable, and saves none without one', async () => {
    const api = savingApi();
    await renderForm(api, { settings: ATTESTING });

    await rateOutcomes(1, 'Not applicable');
    expect(reason()).toBeRequired();
    await save();

    expect(api.submitAssessment).not.toHaveBeenCalled();
    // Back on the topic's step, the error under the field names the rule.
    const field = reason();
    expect(field).toHaveAccessibleDescription(
      `${OUTCOMES} is rated entirely not applicable: give the reason of this exemption`,
    );
    expect(field).toBeInvalid();
  });

  it('sends the reason of an exemption, and no reason for a topic rated otherwise', async () => {
    const api = savingApi();
    await renderForm(api, { settings: ATTESTING });

    await rateAllNotApplicable();
    await userEvent.type(reason()!, ' Internal only ');
    await save();

    const [, sent] = api.submitAssessment.mock.calls[0];
    expect(sent.exemptions).toEqual({ [OUTCOMES]: 'Internal only' });
  });

  it('keeps a reason typed for a topic since rated otherwise, unsent', async () => {
    const api = savingApi();
    await renderForm(api, { settings: ATTESTING });

    await rateOutcomes(1, 'Not applicable');
    await userEvent.type(reason()!, 'Not ours');
    await rateOutcomes(1, 'Fully');
    expect(reason()).not.toBeInTheDocument();
    await save();

    const [, sent] = api.submitAssessment.mock.calls[0];
    expect(sent.exemptions).toBeUndefined();
  });

  it('neither asks nor sends a reason while exemptions are off', async () => {
    const api = savingApi();
    const base = makeAssessment({
      revision: 2,
      ratings: { [OUTCOMES]: { '1': 'not-applicable' } },
      exemptions: { [OUTCOMES]: { reason: 'Old', author: 'user:default/a' } },
    });
    await renderForm(api, { base, settings: settingsWith() });

    expect(reason()).not.toBeInTheDocument();
    await rateOutcomes(2, 'Not applicable');
    await save();

    const [, sent] = api.submitAssessment.mock.calls[0];
    expect(sent.exemptions).toBeUndefined();
  });

  it("shows the server's refusal of an exemption the form did not know of", async () => {
    const message = `Invalid assessment: exemptions.${OUTCOMES}: ${OUTCOMES} is rated entirely not applicable: give the reason of this exemption`;
    const api = mockMaturityApi({
      submitAssessment: jest
        .fn()
        .mockRejectedValue(await responseError(400, message)),
    });
    // The form was opened before exemptions were switched on.
    await renderForm(api, { settings: settingsWith() });

    await rateOutcomes(1, 'Not applicable');
    await save();

    expect(await screen.findByRole('alert')).toHaveTextContent(message);
  });
});
