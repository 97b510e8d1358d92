import { ChangeRow, ChangesPage } from '@cnmm/backstage-plugin-maturity-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { ChangesView } from './ChangesView';

const levelsAt = (level: number, revision = 1) => ({
  revision,
  assessedAt: '2026-06-01T10:00:00.000Z',
  dimensions: Object.fromEntries(model.dimensions.map(d => [d.id, level])),
  topics: {},
});

const row = (
  name: string,
  movement: ChangeRow['movement'],
  before: number | null,
  after: number,
): ChangeRow => ({
  entityRef: `component:default/${name}`,
  title: null,
  ownerRef: 'group:default/team-a',
  movement,
  before: before === null ? null : levelsAt(before),
  after: levelsAt(after, 2),
});

function changesPage(items: ChangeRow[], nextCursor: string | null) {
  return {
    from: '2026-06-01T23:59:59.999Z',
    to: '2026-07-01T23:59:59.999Z',
    scopeAsOf: 'now',
    indexedAt: '2026-11-22T08:00:00.000Z',
    totals: { improved: 26, regressed: 1, newlyAssessed: 1, unchanged: 3 },
    teams: [
      {
        ownerRef: 'group:default/team-a',
        improved: 25,
        regressed: 1,
        newlyAssessed: 1,
        unchanged: 0,
      },
      {
        ownerRef: null,
        improved: 1,
        regressed: 0,
        newlyAssessed: 0,
        unchanged: 3,
      },
    ],
    items,
    nextCursor,
  } satisfies ChangesPage;
}

const DATES = {
  from: '2026-06-01',
  fromLabel: '1 Jun 2026',
  to: '2026-07-01',
  toLabel: '1 Jul 2026',
};

async function renderChanges(api = mockMaturityApi()) {
  await renderWithEntity(
    <ChangesView
      model={model}
      scope={{ owner: 'group:default/team-a', minLevel: 2 }}
      dates={DATES}
    />,
    { api },
  );
  return api;
}

describe('ChangesView', () => {
  it('lists who moved, marked, with the totals and the counts per team', async () => {
    const api = mockMaturityApi({
      getChanges: jest
        .fn()
        .mockResolvedValue(
          changesPage(
            [
              row('payments', 'improved', 1, 2),
              row('ledger', 'regressed', 3, 2),
              row('vault', 'newly-assessed', null, 1),
            ],
            null,
          ),
        ),
    });
    await renderChanges(api);

    expect(
      await screen.findByText(
        '26 improved · 1 regressed · 1 newly assessed · 3 unchanged',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Changes from 1 Jun 2026 to 1 Jul 2026'),
    ).toBeVisible();
    // A minimum level is no filter of changes.
    expect(api.getChanges).toHaveBeenCalledWith({
      owner: 'group:default/team-a',
      from: '2026-06-01',
      to: '2026-07-01',
      movement: undefined,
      limit: 25,
      cursor: undefined,
    });

    const table = screen.getByRole('table', { name: 'Changed entities' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('Improved');
    expect(within(rows[1]).getAllByRole('cell')[3]).toHaveAttribute(
      'title',
      '2 · Operate, up from 1 · Build on 1 Jun 2026',
    );
    expect(rows[2]).toHaveTextContent('Regressed');
    expect(within(rows[2]).getAllByRole('cell')[3]).toHaveTextContent('▼');
    expect(within(rows[3]).getAllByRole('cell')[3]).toHaveAttribute(
      'title',
      '1 · Build, was Not assessed on 1 Jun 2026',
    );

    const teams = screen.getByRole('table', { name: 'Changes by team' });
    const teamRows = within(teams).getAllByRole('row');
    expect(teamRows[1]).toHaveTextContent(/team-a\s*25\s*1\s*1\s*0/);
    expect(teamRows[2]).toHaveTextContent(/No owner\s*1\s*0\s*0\s*3/);
  });

  it('filters by movement and pages forward and back by cursor', async () => {
    const api = mockMaturityApi({
      getChanges: jest.fn(async query =>
        changesPage(
          [row(query.cursor ? 'second' : 'first', 'improved', 1, 2)],
          query.cursor ? null : 'page-2',
        ),
      ),
    });
    await renderChanges(api);
    const movement = await screen.findByLabelText('Movement');
    await waitFor(() =>
      expect(
        within(movement)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual([
        'All (31)',
        'Improved (26)',
        'Regressed (1)',
        'Newly assessed (1)',
        'Unchanged (3)',
      ]),
    );
    await userEvent.selectOptions(movement, 'improved');
    await waitFor(() =>
      expect(api.getChanges).toHaveBeenLastCalledWith(
        expect.objectContaining({ movement: 'improved', cursor: undefined }),
      ),
    );
    // The page count is that of the movement chosen.
    expect(await screen.findByText('1-25 of 26')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: /second/ }),
    ).toBeInTheDocument();
    expect(api.getChanges).toHaveBeenLastCalledWith(
      expect.objectContaining({ movement: 'improved', cursor: 'page-2' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByRole('link', { name: /first/ })).toBeVisible();
  });

  it('downloads the whole list as CSV, and says so when that fails', async () => {
    const api = mockMaturityApi({
      getChanges: jest.fn().mockResolvedValue(changesPage([], null)),
      exportChanges: jest
        .fn()
        .mockResolvedValueOnce({
          blob: new Blob(['entityRef\n']),
          filename: 'maturity-changes.csv',
        })
        .mockRejectedValueOnce(new Error('the backend is away')),
    });
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:changes'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderChanges(api);
    expect(
      await screen.findByText('No entity here was assessed at either date.'),
    ).toBeInTheDocument();

    const download = screen.getByRole('button', { name: 'Download CSV' });
    await userEvent.click(download);
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportChanges).toHaveBeenCalledWith({
      owner: 'group:default/team-a',
      from: '2026-06-01',
      to: '2026-07-01',
      movement: undefined,
    });
    await userEvent.click(download);
    expect(
      await screen.findByText('Download failed: the backend is away'),
    ).toBeInTheDocument();
    click.mockRestore();
  });
});
