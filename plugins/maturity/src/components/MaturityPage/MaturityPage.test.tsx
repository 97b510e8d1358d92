import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeScorecard,
  mockMaturityApi,
  MockMaturityApi,
  model,
  renderWithEntity,
  settingsWith,
} from '../../__testUtils__/fixtures';
import { MaturityEntityRef } from '../../api/MaturityApi';
import { MaturityPage, NfsMaturityPage } from './MaturityPage';

const overviewPage = (nextCursor: string | null = null) => {
  const { entities } = makeScorecard('system:default/shop');
  return {
    items: entities,
    totalCount: 30,
    nextCursor,
    indexedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  };
};

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

const rollUp = (entityRef: string, level: number) => ({
  entityRef,
  title: null,
  components: { total: 4, assessed: 3, stale: 1 },
  dimensions: Object.fromEntries(model.dimensions.map(d => [d.id, level])),
  percentToTarget: 0.5,
});

async function renderPage(
  api: MockMaturityApi,
  catalogApi: object = { getEntities: jest.fn() },
  page = <NfsMaturityPage />,
) {
  await renderWithEntity(page, {
    api,
    extraApis: [[catalogApiRef, catalogApi]],
  });
}

describe('MaturityPage', () => {
  it('renders its own header in legacy apps only', async () => {
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage()),
    });
    await renderPage(api, undefined, <MaturityPage />);
    expect(
      await screen.findByRole('heading', { name: 'Maturity', level: 1 }),
    ).toBeInTheDocument();
  });

  it('lists entities and applies the filters on the server', async () => {
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage()),
    });
    await renderPage(api);

    const table = await screen.findByRole('table', {
      name: 'Maturity overview',
    });
    expect(
      within(table).getByRole('link', { name: /payments/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    // Owners and teams are as of the plugin's last read of the catalog.
    expect(
      screen.getByText('Catalog data as of 5 min ago'),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenLastCalledWith({
      kind: 'component',
      sortBy: 'name',
      order: 'asc',
      limit: 25,
    });

    // Owner, system and domain are picked from the catalog: OverviewTab.test.
    await userEvent.click(screen.getByLabelText('Lifecycle'));
    await userEvent.paste('production');
    await userEvent.selectOptions(screen.getByLabelText('Minimum level'), '2');

    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ lifecycle: 'production', minLevel: 2 }),
      ),
    );
  });

  it('sorts by a column and pages with the cursor', async () => {
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage('next-page')),
    });
    await renderPage(api);
    await screen.findByRole('table', { name: 'Maturity overview' });

    await userEvent.click(screen.getByRole('button', { name: 'To target' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ sortBy: 'percentToTarget', order: 'asc' }),
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'To target' }),
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ sortBy: 'percentToTarget', order: 'desc' }),
      ),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ cursor: 'next-page' }),
      ),
    );
    expect(await screen.findByText('26-30 of 30')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Rows per page'), '10');
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 10, cursor: undefined }),
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ cursor: 'next-page' }),
      ),
    );
  });

  it('shows team scorecards from the top-level groups and loads deeper teams on demand', async () => {
    const catalogApi = {
      getEntities: jest.fn().mockResolvedValue({
        items: [
          group('org'),
          group('team-a', 'org'),
          group('team-b', 'org'),
          group('team-a1', 'team-a'),
        ],
      }),
    };
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage()),
      getScorecard: jest.fn(async (ref: MaturityEntityRef) => {
        if (ref === 'group:default/org') {
          return makeScorecard(ref, [
            rollUp('group:default/team-a', 2),
            rollUp('group:default/team-b', 4),
          ]);
        }
        return makeScorecard(String(ref), [rollUp('group:default/team-a1', 1)]);
      }),
    });
    await renderPage(api, catalogApi);
    await userEvent.click(screen.getByRole('tab', { name: 'Teams' }));

    const table = await screen.findByRole('table', {
      name: 'Maturity by team',
    });
    await within(table).findByRole('link', { name: /team-b/ });
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'group' } }),
    );
    expect(api.getScorecard).toHaveBeenCalledTimes(1);
    expect(api.getScorecard).toHaveBeenCalledWith('group:default/org', {
      entities: 'none',
    });
    expect(
      within(table).queryByRole('button', { name: /group:default\/team-b/ }),
    ).toBeNull();

    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Expand group:default/team-a',
      }),
    );
    expect(
      await within(table).findByRole('link', { name: /team-a1/ }),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('group:default/team-a', {
      entities: 'none',
    });
  });

  it('browses the model', async () => {
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage()),
    });
    await renderPage(api);
    await userEvent.click(screen.getByRole('tab', { name: 'Model' }));

    expect(
      await screen.findByRole('heading', {
        name: 'Cloud Native Maturity Model 4.0 (Beta)',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 · Build')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Process/ }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Audit and Logs' }),
    );
    expect(
      screen.getByRole('link', { name: /official text of “Audit and Logs”/ }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(model.attribution.text, { exact: false }).length,
    ).toBeGreaterThan(0);
  });

  it('lists the reviews waiting for the user in its own tab', async () => {
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage()),
      getSettings: jest
        .fn()
        .mockResolvedValue(settingsWith({ reviewRequired: true })),
    });
    await renderPage(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Reviews' }));
    expect(
      await screen.findByText('Nothing waits for your review.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveAttribute(
      'id',
      'maturity-tabpanel-reviews',
    );
    expect(api.getReviews).toHaveBeenCalledTimes(1);
  });

  it('has no Reviews tab where review is not required', async () => {
    const api = mockMaturityApi({
      getOverview: jest.fn().mockResolvedValue(overviewPage()),
    });
    await renderPage(api);
    await screen.findByRole('table', { name: 'Maturity overview' });
    await waitFor(() => expect(api.getSettings).toHaveBeenCalled());
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Overview',
      'Teams',
      'Campaigns',
      'Model',
    ]);
    expect(api.getReviews).not.toHaveBeenCalled();
  });
});
