import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangesPage, Scorecard } from '@cnmm/backstage-plugin-maturity-common';
import { useLocation } from 'react-router-dom';
import {
  entityOfKind,
  makeScorecard,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { formatDay } from '../shared/asOfView';
import { EntityMaturityScorecardContent } from './EntityMaturityScorecardContent';

const [business, people, process] = model.dimensions.map(d => d.id);
const levels = (byId: Record<string, number | null>, rest: number | null) =>
  Object.fromEntries(model.dimensions.map(d => [d.id, byId[d.id] ?? rest]));

/** A group's roll-up with one team, at a day or now. */
function rollUp(teamLevels: Record<string, number | null>, asOf?: string) {
  const { entities, ...card } = makeScorecard('group:default/platform', [
    {
      entityRef: 'group:default/team-a',
      title: null,
      components: { total: 2, assessed: 1, stale: 0 },
      dimensions: teamLevels,
      percentToTarget: 0.5,
    },
  ]);
  return {
    scorecard: {
      ...card,
      entities: [],
      ...(asOf && { asOf, scopeAsOf: 'now' as const }),
    } as Scorecard,
    entities,
  };
}

const NOW_TEAM = levels({}, 2);
// Business was lower, people higher, process the same; the rest unrated.
const EARLIER_TEAM = levels({ [business]: 1, [people]: 3, [process]: 2 }, null);

const noChanges: ChangesPage = {
  from: '2026-06-01T23:59:59.999Z',
  to: '2026-07-01T23:59:59.999Z',
  scopeAsOf: 'now',
  indexedAt: '2026-11-22T08:00:00.000Z',
  totals: { improved: 0, regressed: 0, newlyAssessed: 0, unchanged: 0 },
  teams: [],
  items: [],
  nextCursor: null,
};

function historyApi() {
  const current = rollUp(NOW_TEAM, '2026-07-01T23:59:59.999Z');
  const earlier = rollUp(EARLIER_TEAM, '2026-06-01T23:59:59.999Z');
  const [payments, checkout] = current.entities;
  return mockMaturityApi({
    getScorecard: jest.fn(async (_ref, query) =>
      query?.asOf === '2026-06-01' ? earlier.scorecard : current.scorecard,
    ),
    getOverview: jest.fn(async query => ({
      items:
        query.asOf === '2026-06-01'
          ? [{ ...payments, dimensions: levels({}, 4) }, checkout]
          : [payments, checkout],
      totalCount: 2,
      nextCursor: null,
      indexedAt: current.scorecard.indexedAt,
    })),
    getChanges: jest.fn().mockResolvedValue(noChanges),
  });
}

/** The address the page is at, to see what a shared link would hold. */
function Address() {
  const { search } = useLocation();
  return <output data-testid="address">{search}</output>;
}

async function renderGroup(api: ReturnType<typeof historyApi>, at: string) {
  await renderWithEntity(
    <>
      <EntityMaturityScorecardContent />
      <Address />
    </>,
    {
      api,
      entity: entityOfKind('Group', 'platform'),
      routeEntries: [`/maturity${at}`],
    },
  );
}

describe('EntityMaturityScorecardContent as of a day', () => {
  it("reads the scorecard as of the address's day, saying its scope is today's catalog", async () => {
    const api = historyApi();
    await renderGroup(api, '?asOf=2026-07-01');

    expect(
      await screen.findByText(
        `As of ${formatDay(
          '2026-07-01',
        )}; teams and ownership as in today's catalog.`,
      ),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('group:default/platform', {
      entities: 'none',
      asOf: '2026-07-01',
    });
    await screen.findByRole('table', { name: 'Maturity by component' });
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({
        group: 'group:default/platform',
        asOf: '2026-07-01',
      }),
    );
    expect(screen.getByLabelText('As of')).toHaveValue('2026-07-01');
    // Without a comparison, no cell is marked and no change is read.
    expect(screen.queryByText('▲')).not.toBeInTheDocument();
    expect(api.getChanges).not.toHaveBeenCalled();
    expect(
      screen.getByText(/Choose a moment to compare with/),
    ).toBeInTheDocument();
  });

  it('marks the cells against the earlier answer, the earlier level in tooltip and words', async () => {
    const api = historyApi();
    await renderGroup(api, '?asOf=2026-07-01&compare=30d');
    const then = formatDay('2026-06-01');

    const teams = await screen.findByRole('table', {
      name: 'Maturity by team',
    });
    const cells = within(within(teams).getAllByRole('row')[1]).getAllByRole(
      'cell',
    );
    const [up, down, same, first] = cells.slice(2);
    expect(up).toHaveAttribute(
      'title',
      `2 · Operate, up from 1 · Build on ${then}`,
    );
    expect(up).toHaveTextContent(`up from 1 · Build on ${then}`);
    expect(within(up).getByText('▲')).toHaveAttribute('aria-hidden', 'true');
    expect(down).toHaveAttribute(
      'title',
      `2 · Operate, down from 3 · Scale on ${then}`,
    );
    expect(within(down).getByText('▼')).toBeInTheDocument();
    expect(same).toHaveAttribute(
      'title',
      `2 · Operate, unchanged since ${then}`,
    );
    expect(first).toHaveAttribute(
      'title',
      `2 · Operate, was Not assessed on ${then}`,
    );
    for (const cell of [same, first]) {
      expect(cell).not.toHaveTextContent(/[▲▼]/);
    }
    expect(
      screen.getByText(
        `Compared with ${then}: ▲ higher, ▼ lower than then; the earlier level is in each cell's tooltip.`,
      ),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('group:default/platform', {
      entities: 'none',
      asOf: '2026-06-01',
    });

    // The components' page of that day marks theirs: payments was at 4.
    const components = await screen.findByRole('table', {
      name: 'Maturity by component',
    });
    const payments = within(components).getAllByRole('row')[1];
    await waitFor(() =>
      expect(within(payments).getAllByRole('cell')[1]).toHaveAttribute(
        'title',
        `3 · Scale, down from 4 · Improve on ${then}`,
      ),
    );
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ asOf: '2026-06-01', cursor: undefined }),
    );

    // What changed between the two days, for the group's scope.
    expect(
      await screen.findByText(
        `Changes from ${then} to ${formatDay('2026-07-01')}`,
      ),
    ).toBeInTheDocument();
    expect(api.getChanges).toHaveBeenCalledWith({
      group: 'group:default/platform',
      from: '2026-06-01',
      to: '2026-07-01',
      movement: undefined,
      limit: 25,
      cursor: undefined,
    });
  });

  it('keeps the choices in the address, and compares with a day of its own', async () => {
    const api = historyApi();
    await renderGroup(api, '');
    const address = () => screen.getByTestId('address').textContent;
    await screen.findByRole('table', { name: 'Maturity by team' });

    fireEvent.change(screen.getByLabelText('As of'), {
      target: { value: '2026-07-01' },
    });
    await waitFor(() => expect(address()).toBe('?asOf=2026-07-01'));
    await userEvent.selectOptions(
      screen.getByLabelText('Compare with'),
      'date',
    );
    expect(address()).toBe('?asOf=2026-07-01&compare=date');
    const own = screen.getByLabelText('Date to compare with');
    expect(own).toHaveAttribute('max', '2026-06-30');
    fireEvent.change(own, { target: { value: '2026-06-01' } });
    await waitFor(() =>
      expect(address()).toBe('?asOf=2026-07-01&compare=2026-06-01'),
    );
    await screen.findAllByTitle(/up from 1 · Build/);

    // A day after the as-of day is refused on its field.
    fireEvent.change(own, { target: { value: '2026-08-01' } });
    expect(
      await screen.findByText(`Must be before ${formatDay('2026-07-01')}`),
    ).toBeInTheDocument();
  });

  it('shows no scorecard for a day in the future, saying why', async () => {
    const api = historyApi();
    await renderGroup(api, '?asOf=2999-01-01');
    expect(
      await screen.findByText('A date in the future has no answer yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Maturity by team' }),
    ).not.toBeInTheDocument();
  });

  it("charts a group's medians by month, with the same figures as a table", async () => {
    const api = historyApi();
    api.getGroupTrend.mockResolvedValue({
      entityRef: 'group:default/platform',
      scopeAsOf: 'now',
      points: [
        {
          date: '2026-10-31',
          components: 3,
          assessed: 1,
          dimensions: levels({}, 1),
        },
        {
          date: '2026-11-20',
          components: 3,
          assessed: 2,
          dimensions: levels({}, 2),
        },
      ],
    });
    await renderGroup(api, '');
    const label = `Dimension medians at each month's end, ${formatMonth(
      '2026-10-31',
    )} to ${formatMonth('2026-11-20')}`;
    expect(await screen.findByRole('img', { name: label })).toBeInTheDocument();
    expect(api.getGroupTrend).toHaveBeenCalledWith('group:default/platform', {
      months: 12,
    });
    const show = screen.getByRole('button', { name: 'Show as a table' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(show);
    const table = screen.getByRole('table', {
      name: 'Dimension medians by month',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent(formatMonth('2026-11-20'));
    expect(rows[2]).toHaveTextContent('2/3');
    expect(within(rows[2]).getAllByTitle('2 · Operate')).toHaveLength(
      model.dimensions.length,
    );
  });

  it('has no trend on a system', async () => {
    const api = historyApi();
    await renderWithEntity(<EntityMaturityScorecardContent />, {
      api,
      entity: entityOfKind('System', 'shop'),
    });
    await screen.findByRole('table', { name: 'Maturity by component' });
    expect(api.getGroupTrend).not.toHaveBeenCalled();
  });
});

function formatMonth(day: string) {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}
