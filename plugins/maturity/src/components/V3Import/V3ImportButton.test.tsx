import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeAssessment,
  mockMaturityApi,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { describeImport, V3ImportButton } from './V3ImportButton';

const body = {
  cnmmVersion: '3.2',
  ratings: { 'process.audit-and-logs': { '1': 'fully' } },
};
const file = () =>
  new File([JSON.stringify(body)], 'team.json', { type: 'application/json' });

function setup(baseRevision: number) {
  const result = {
    assessment: makeAssessment({ revision: baseRevision + 1 }),
    mapping: { dropped: [], shifted: [], approximate: [] },
    mode: 'merge' as const,
    replacedTopics: [],
    keptTopics: [],
  };
  const api = mockMaturityApi({
    importV3Assessment: jest.fn().mockResolvedValue(result),
  });
  const onImported = jest.fn();
  return { api, onImported, result };
}

async function render(baseRevision: number) {
  const fakes = setup(baseRevision);
  await renderWithEntity(
    <V3ImportButton
      entityRef="component:default/payments"
      baseRevision={baseRevision}
      onImported={fakes.onImported}
    />,
    { api: fakes.api },
  );
  await userEvent.upload(
    await screen.findByLabelText('CNMM 3.x assessment file'),
    file(),
  );
  return fakes;
}

describe('V3ImportButton', () => {
  it('imports into an entity without an assessment at once: nothing to merge or replace', async () => {
    const { api, onImported } = await render(0);
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(api.importV3Assessment).toHaveBeenCalledWith(
      'component:default/payments',
      { baseRevision: 0, assessment: body, mode: 'merge' },
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks first over an existing assessment, merge chosen, and merges', async () => {
    const { api, onImported } = await render(4);
    const dialog = await screen.findByRole('dialog', {
      name: 'Import team.json into revision 4?',
    });
    expect(dialog).toBeInTheDocument();
    expect(
      screen.getByRole('radio', { name: /Merge into the current assessment/ }),
    ).toBeChecked();
    expect(api.importV3Assessment).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Merge into revision 4' }),
    );
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(api.importV3Assessment).toHaveBeenCalledWith(
      'component:default/payments',
      { baseRevision: 4, assessment: body, mode: 'merge' },
    );
  });

  it('replaces only once replace is chosen and confirmed by its own button', async () => {
    const { api, onImported } = await render(4);
    await userEvent.click(
      await screen.findByRole('radio', {
        name: /Replace the current assessment/,
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Merge into revision 4' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Replace revision 4' }),
    );
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(api.importV3Assessment).toHaveBeenCalledWith(
      'component:default/payments',
      { baseRevision: 4, assessment: body, mode: 'replace' },
    );
  });

  it('imports nothing when cancelled', async () => {
    const { api } = await render(4);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.importV3Assessment).not.toHaveBeenCalled();
  });
});

describe('describeImport', () => {
  const base = {
    assessment: makeAssessment({ revision: 5 }),
    mapping: { dropped: [], shifted: [], approximate: [] },
  };

  it('says what a merge kept and what a replace left behind', () => {
    expect(
      describeImport({
        ...base,
        mode: 'merge',
        replacedTopics: ['a', 'b'],
        keptTopics: ['c'],
      }),
    ).toBe(
      'CNMM 3.x file imported as revision 5. Merged: the ratings of 2 topics replaced; 1 topic, the notes, evidence and targets kept.',
    );
    expect(
      describeImport({
        ...base,
        mode: 'replace',
        replacedTopics: ['a', 'b', 'c'],
        keptTopics: [],
      }),
    ).toBe(
      'CNMM 3.x file imported as revision 5. It replaces the previous assessment (3 topics, notes, evidence and targets); the history keeps it.',
    );
  });
});
