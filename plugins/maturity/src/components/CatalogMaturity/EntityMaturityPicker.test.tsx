import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  entityOfKind,
  mockMaturityApi,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityFilter } from './EntityMaturityFilter';
import { EntityMaturityPicker } from './EntityMaturityPicker';

const payments = entityOfKind('Component', 'payments');
const ledger = entityOfKind('Component', 'ledger');
const checkout = entityOfKind('Component', 'checkout');

async function renderPicker(
  queryParameters: Record<string, string | string[]> = {},
) {
  const api = mockMaturityApi();
  // payments is at level 3 or more, ledger below; checkout is unassessed.
  api.getAssessedRefs.mockImplementation(async query =>
    query.minLevel && query.minLevel >= 3
      ? ['component:default/payments']
      : ['component:default/ledger', 'component:default/payments'],
  );
  const updateFilters = jest.fn();
  await renderWithEntity(
    <MockEntityListContextProvider value={{ updateFilters, queryParameters }}>
      <EntityMaturityPicker />
    </MockEntityListContextProvider>,
    { api },
  );
  /** What the catalog table would show with the latest filter applied. */
  const shown = () => {
    const { maturity } = updateFilters.mock.calls.at(-1)![0];
    return [payments, ledger, checkout]
      .filter(e => !maturity || maturity.filterEntity(e))
      .map(e => e.metadata.name);
  };
  return { api, updateFilters, shown };
}

describe('EntityMaturityPicker', () => {
  it('filters nothing until criteria are chosen', async () => {
    const { api, updateFilters, shown } = await renderPicker();
    await waitFor(() => expect(updateFilters).toHaveBeenCalled());
    expect(shown()).toEqual(['payments', 'ledger', 'checkout']);
    expect(api.getAssessedRefs).not.toHaveBeenCalled();
  });

  it('keeps the entities at a minimum level, asking once for their refs', async () => {
    const { api, shown } = await renderPicker();
    await userEvent.selectOptions(
      await screen.findByLabelText('Minimum level'),
      '3 · Scale',
    );
    await waitFor(() => expect(shown()).toEqual(['payments']));
    expect(api.getAssessedRefs).toHaveBeenCalledTimes(1);
    expect(api.getAssessedRefs).toHaveBeenCalledWith({
      minLevel: 3,
      stale: undefined,
    });
  });

  it('keeps the unassessed ones for "Not assessed", which rules out a level', async () => {
    const { api, updateFilters, shown } = await renderPicker();
    await userEvent.selectOptions(
      await screen.findByLabelText('Assessment'),
      'Not assessed',
    );
    await waitFor(() => expect(shown()).toEqual(['checkout']));
    expect(api.getAssessedRefs).toHaveBeenLastCalledWith({});
    expect(screen.getByLabelText('Minimum level')).toBeDisabled();
    expect(screen.getByLabelText('Stale only')).toBeDisabled();
    const filter: EntityMaturityFilter =
      updateFilters.mock.calls.at(-1)![0].maturity;
    expect(filter.toQueryValue()).toEqual(['not-assessed']);

    await userEvent.selectOptions(screen.getByLabelText('Assessment'), 'Any');
    await waitFor(() =>
      expect(shown()).toEqual(['payments', 'ledger', 'checkout']),
    );
  });

  it('asks for stale assessments only', async () => {
    const { api } = await renderPicker();
    await userEvent.click(await screen.findByLabelText('Stale only'));
    await waitFor(() =>
      expect(api.getAssessedRefs).toHaveBeenCalledWith({
        minLevel: undefined,
        stale: 'true',
      }),
    );
  });

  it('restores its criteria from the catalog URL', async () => {
    const { api, shown } = await renderPicker({ maturity: ['min-3', 'stale'] });
    await waitFor(() => expect(shown()).toEqual(['payments']));
    expect(api.getAssessedRefs).toHaveBeenCalledWith({
      minLevel: 3,
      stale: 'true',
    });
    expect(screen.getByLabelText('Minimum level')).toHaveValue('3');
    expect(screen.getByLabelText('Stale only')).toBeChecked();
  });

  it('says so when the refs cannot be read', async () => {
    const { api } = await renderPicker();
    api.getAssessedRefs.mockRejectedValue(new Error('backend down'));
    await userEvent.selectOptions(
      await screen.findByLabelText('Assessment'),
      'Assessed',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The maturity filter is unavailable: backend down',
    );
  });
});
