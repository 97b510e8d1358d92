import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeScorecard,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { asOfView, formatDay } from '../shared/asOfView';
import { OverviewTable } from './OverviewTable';

const NOW = new Date('2026-11-20T10:00:00Z');

function overviewApi() {
  const { entities, indexedAt } = makeScorecard('system:default/shop');
  const [payments, checkout] = entities;
  return mockMaturityApi({
    getOverview: jest.fn(async query => ({
      items:
        query.asOf === '2026-06-01'
          ? [
              {
                ...payments,
                dimensions: Object.fromEntries(
                  model.dimensions.map(d => [d.id, 2]),
                ),
              },
              checkout,
            ]
          : [payments, checkout],
      totalCount: 2,
      nextCursor: null,
      indexedAt,
      ...(query.asOf && { asOf: `${query.asOf}T23:59:59.999Z` }),
      scopeAsOf: 'now' as const,
    })),
  });
}

async function renderTable(asOf: string, compare: string, minLevel?: number) {
  const api = overviewApi();
  await renderWithEntity(
    <OverviewTable
      model={model}
      filter={{ kind: 'component', minLevel }}
      view={asOfView({ asOf, compare }, NOW)}
    />,
    { api },
  );
  return api;
}

describe('OverviewTable', () => {
  it('as of a day, says so and sorts by no dimension', async () => {
    const api = await renderTable('2026-07-01', '');
    expect(
      await screen.findByText(
        `As of ${formatDay(
          '2026-07-01',
        )}; teams and ownership as in today's catalog.`,
      ),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ asOf: '2026-07-01', sortBy: 'name' }),
    );
    const table = screen.getByRole('table', { name: 'Maturity overview' });
    expect(
      within(table).getByRole('button', { name: 'To target' }),
    ).toBeInTheDocument();
    // The server has no levels of a past day to sort by.
    expect(
      within(table).queryByRole('button', { name: model.dimensions[0].title }),
    ).not.toBeInTheDocument();
  });

  it('marks the cells against the same page at the earlier moment', async () => {
    const api = await renderTable('2026-07-01', '30d');
    const table = await screen.findByRole('table', {
      name: 'Maturity overview',
    });
    const payments = within(table).getAllByRole('row')[1];
    await waitFor(() =>
      expect(within(payments).getAllByRole('cell')[4]).toHaveAttribute(
        'title',
        `3 · Scale, up from 2 · Operate on ${formatDay('2026-06-01')}`,
      ),
    );
    expect(api.getOverview).toHaveBeenCalledTimes(2);
    const [now, then] = api.getOverview.mock.calls.map(([query]) => query);
    expect(then).toEqual({ ...now, asOf: '2026-06-01' });
  });

  it('marks nothing, saying why, when the earlier page would hold other rows', async () => {
    const api = await renderTable('2026-07-01', '30d', 2);
    await screen.findByRole('table', { name: 'Maturity overview' });
    expect(
      screen.getByText(/The ▲ and ▼ marks are shown when sorted by entity/),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(screen.queryByTitle(/up from/)).not.toBeInTheDocument();
  });

  it('sorted by another column while comparing, asks for no earlier page', async () => {
    const api = await renderTable('2026-07-01', '30d');
    await screen.findAllByTitle(/up from 2 · Operate/);
    await userEvent.click(screen.getByRole('button', { name: 'To target' }));
    expect(
      await screen.findByText(
        /The ▲ and ▼ marks are shown when sorted by entity/,
      ),
    ).toBeInTheDocument();
    const last = api.getOverview.mock.calls.at(-1)![0];
    expect(last).toMatchObject({
      sortBy: 'percentToTarget',
      asOf: '2026-07-01',
    });
    expect(
      api.getOverview.mock.calls.filter(
        ([query]) => query.sortBy === 'percentToTarget',
      ),
    ).toHaveLength(1);
  });
});
