import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import {
  makeScorecard,
  mockMaturityApi,
  MockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { OverviewTab } from './OverviewTab';

function entity(
  kind: string,
  name: string,
  extra: { title?: string; displayName?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title: extra.title },
    spec: extra.displayName
      ? { profile: { displayName: extra.displayName } }
      : {},
  };
}

const ENTITIES = [
  entity('Group', 'team-a', { displayName: 'Team Alpha' }),
  entity('Group', 'team-b'),
  entity('User', 'sam', { displayName: 'Sam Guest' }),
  entity('System', 'shop', { title: 'Web Shop' }),
  entity('System', 'team-tools'),
  entity('Domain', 'commerce', { title: 'Commerce' }),
  entity('Component', 'team-api'),
];

/** The address the page is at, to see what a shared link would hold. */
function Address() {
  const { search } = useLocation();
  return <output data-testid="address">{search}</output>;
}

function overviewApi(): MockMaturityApi {
  const { entities } = makeScorecard('system:default/shop');
  return mockMaturityApi({
    getOverview: jest.fn().mockResolvedValue({
      items: entities,
      totalCount: entities.length,
      nextCursor: null,
      indexedAt: new Date().toISOString(),
    }),
  });
}

async function renderOverview(
  options: { address?: string; api?: MockMaturityApi } = {},
) {
  const api = options.api ?? overviewApi();
  const catalogApi = catalogApiMock({ entities: ENTITIES });
  const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
  const getEntitiesByRefs = jest.spyOn(catalogApi, 'getEntitiesByRefs');
  await renderWithEntity(
    <>
      <OverviewTab model={model} />
      <Address />
    </>,
    {
      api,
      extraApis: [[catalogApiRef, catalogApi]],
      routeEntries: [`/maturity${options.address ?? ''}`],
    },
  );
  return { api, queryEntities, getEntitiesByRefs };
}

const address = () => screen.getByTestId('address').textContent;

describe('the overview filters', () => {
  it('suggest owners from the catalog as the user types, by title, and filter by one chosen with the keyboard', async () => {
    const { api, queryEntities } = await renderOverview();
    await screen.findByRole('table', { name: 'Maturity overview' });

    await userEvent.type(screen.getByLabelText('Owner'), 'team');
    const listbox = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(within(listbox).getAllByRole('option')).toHaveLength(2),
    );
    // Groups and users only: not the system or component named team-….
    const options = within(listbox).getAllByRole('option');
    expect(options[0]).toHaveTextContent('Team Alpha');
    expect(options[0]).toHaveTextContent('group:default/team-a');
    expect(options[1]).toHaveTextContent('group:default/team-b');
    expect(queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filter: { kind: ['Group', 'User'] },
        fullTextFilter: expect.objectContaining({ term: 'team' }),
        limit: 20,
      }),
    );
    // One query per pause in typing, not per key.
    expect(
      queryEntities.mock.calls.filter(([q]) => 'fullTextFilter' in q!),
    ).toHaveLength(1);

    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByLabelText('Owner')).toHaveValue('Team Alpha');
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ owner: 'group:default/team-a' }),
      ),
    );
    expect(address()).toBe('?owner=group%3Adefault%2Fteam-a');

    // Emptying the field removes the filter.
    await userEvent.clear(screen.getByLabelText('Owner'));
    await waitFor(() => expect(address()).toBe(''));
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.not.objectContaining({ owner: expect.anything() }),
    );
  });

  it('suggest only systems for the system, and only domains for the domain', async () => {
    const { api } = await renderOverview();
    await screen.findByRole('table', { name: 'Maturity overview' });

    await userEvent.click(screen.getByLabelText('System'));
    const systems = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(
        within(systems)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual([
        'Web Shopsystem:default/shop',
        'team-toolssystem:default/team-tools',
      ]),
    );
    await userEvent.click(within(systems).getByText('Web Shop'));
    await userEvent.click(screen.getByLabelText('Domain'));
    const domains = await screen.findByRole('listbox');
    await userEvent.click(await within(domains).findByText('Commerce'));

    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({
          system: 'system:default/shop',
          domain: 'domain:default/commerce',
        }),
      ),
    );
    expect(address()).toBe(
      '?system=system%3Adefault%2Fshop&domain=domain%3Adefault%2Fcommerce',
    );
  });

  it('are restored from a shared link, refs shown by title after one catalog request', async () => {
    const { api, getEntitiesByRefs } = await renderOverview({
      address:
        '?owner=group:default/team-a&system=shop&lifecycle=production&minLevel=2&kind=API',
    });
    await screen.findByRole('table', { name: 'Maturity overview' });

    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'api',
        owner: 'group:default/team-a',
        // A short ref means what the server reads it as.
        system: 'system:default/shop',
        lifecycle: 'production',
        minLevel: 2,
      }),
    );
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['group:default/team-a', 'system:default/shop'],
      }),
    );
    expect(screen.getByLabelText('Owner')).toHaveValue('Team Alpha');
    expect(screen.getByLabelText('System')).toHaveValue('Web Shop');
    expect(screen.getByLabelText('Lifecycle')).toHaveValue('production');
    expect(screen.getByLabelText('Kind')).toHaveValue('api');
    expect(screen.getByLabelText('Minimum level')).toHaveValue('2');
  });

  it('say that a ref of a shared link is unknown instead of showing an empty table', async () => {
    const { api } = await renderOverview({
      address: '?owner=group:default/nobody&system=shop',
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Unknown group: group:default/nobody');
    expect(screen.getByLabelText('Owner')).toHaveValue('group:default/nobody');
    expect(
      screen.getAllByText('Unknown group: group:default/nobody'),
    ).toHaveLength(2);
    expect(screen.queryByRole('table')).toBeNull();
    expect(api.getOverview).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

    // Typing without choosing, then leaving, puts the link's ref back.
    await userEvent.type(screen.getByLabelText('Owner'), 'x');
    await userEvent.tab();
    expect(screen.getByLabelText('Owner')).toHaveValue('group:default/nobody');
  });

  it('say that a ref of the wrong kind, or a kind the overview does not list, names nothing', async () => {
    const { api } = await renderOverview({
      address: '?system=group:default/team-a&kind=widget',
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not a system: group:default/team-a');
    expect(alert).toHaveTextContent('Not a kind the overview lists: widget');
    expect(api.getOverview).not.toHaveBeenCalled();
  });

  it('offer the kinds the plugin indexes, and keep the chosen one in the address', async () => {
    const { api } = await renderOverview();
    await screen.findByRole('table', { name: 'Maturity overview' });
    const kind = screen.getByLabelText('Kind');
    expect(
      within(kind)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Component', 'API', 'Resource', 'System', 'Domain', 'Group']);

    await userEvent.selectOptions(kind, 'api');
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ kind: 'api' }),
      ),
    );
    expect(address()).toBe('?kind=api');
    // The default kind is left out of the address.
    await userEvent.selectOptions(kind, 'component');
    await waitFor(() => expect(address()).toBe(''));
  });

  it('export what the filters and the day of the address select', async () => {
    const blob = new Blob(['entityRef\n']);
    const api = overviewApi();
    api.exportOverview.mockResolvedValue({ blob, filename: 'maturity.csv' });
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:maturity'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderOverview({
      api,
      address: '?owner=team-a&domain=commerce&asOf=2026-07-01',
    });
    await screen.findByRole('table', { name: 'Maturity overview' });

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportOverview).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'component',
        owner: 'group:default/team-a',
        domain: 'domain:default/commerce',
      }),
      'csv',
      { asOf: '2026-07-01' },
    );
    click.mockRestore();
  });

  it('lists the changes of the filtered entities between the compared days', async () => {
    const api = overviewApi();
    api.getChanges.mockResolvedValue({
      from: '2026-06-01T23:59:59.999Z',
      to: '2026-07-01T23:59:59.999Z',
      scopeAsOf: 'now',
      indexedAt: new Date().toISOString(),
      totals: { improved: 1, regressed: 2, newlyAssessed: 0, unchanged: 0 },
      teams: [],
      items: [],
      nextCursor: null,
    });
    await renderOverview({
      api,
      address: '?owner=team-a&asOf=2026-07-01&compare=2026-06-01',
    });
    expect(
      await screen.findByText(
        '1 improved · 2 regressed · 0 newly assessed · 0 unchanged',
      ),
    ).toBeInTheDocument();
    expect(api.getChanges).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'component',
        owner: 'group:default/team-a',
        from: '2026-06-01',
        to: '2026-07-01',
      }),
    );
    expect(screen.getByLabelText('Compare with')).toHaveValue('date');
    expect(screen.getByLabelText('Date to compare with')).toHaveValue(
      '2026-06-01',
    );
  });
});
