import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Scorecard } from '@cnmm/backstage-plugin-maturity-common';
import {
  entityOfKind,
  makeScorecard,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityScorecardContent } from './EntityMaturityScorecardContent';

/** The roll-up as `entities=none` answers it, and its components as pages. */
function scorecardApi(entityRef: string, children: Scorecard['children'] = []) {
  const { entities, ...rollUp } = makeScorecard(entityRef, children);
  return mockMaturityApi({
    getScorecard: jest.fn().mockResolvedValue({ ...rollUp, entities: [] }),
    getOverview: jest.fn().mockResolvedValue({
      items: entities,
      totalCount: entities.length,
      nextCursor: null,
      indexedAt: rollUp.indexedAt,
    }),
  });
}

describe('EntityMaturityScorecardContent', () => {
  it('shows coverage, medians, weakest topics and a heat map of components', async () => {
    const api = scorecardApi('system:default/shop');
    await renderWithEntity(<EntityMaturityScorecardContent />, {
      api,
      entity: entityOfKind('System', 'shop'),
    });

    expect(
      await screen.findByText('2 of 3 components assessed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 stale · progress to target 60%/),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith('system:default/shop', {
      entities: 'none',
    });
    expect(screen.getByText(/^Catalog data as of /)).toHaveAttribute(
      'title',
      new Date('2026-11-22T08:00:00.000Z').toLocaleString(),
    );

    // Dimension medians are shown with the level names.
    expect(screen.getAllByText('3 · Scale').length).toBeGreaterThan(0);

    const weakest = screen.getAllByRole('listitem');
    expect(weakest[0]).toHaveTextContent(/^AI/);
    expect(weakest[0]).toHaveTextContent('0 · Not started');
    expect(weakest[1]).toHaveTextContent(/^Culture/);

    const table = await screen.findByRole('table', {
      name: 'Maturity by component',
    });
    expect(api.getOverview).toHaveBeenCalledWith({
      system: 'system:default/shop',
      sortBy: 'name',
      order: 'asc',
      limit: 25,
      cursor: undefined,
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    for (const dimension of model.dimensions) {
      expect(
        within(rows[0]).getByRole('columnheader', { name: dimension.title }),
      ).toBeInTheDocument();
    }
    const payments = within(rows[1]).getByRole('link', { name: /payments/ });
    expect(payments).toHaveAttribute(
      'href',
      '/catalog/default/component/payments',
    );
    const cells = within(rows[1]).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('3 · Scale');
    expect(cells[1]).toHaveAttribute('title', '3 · Scale');
    const unassessed = within(rows[2]).getAllByRole('cell');
    expect(unassessed[unassessed.length - 1]).toHaveTextContent('Not assessed');
    expect(
      within(rows[2]).getByRole('link', { name: /checkout/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');
  });

  it('shows the child teams of a group', async () => {
    const api = scorecardApi('group:default/platform', [
      {
        entityRef: 'group:default/team-a',
        title: null,
        components: { total: 2, assessed: 1, stale: 0 },
        dimensions: Object.fromEntries(model.dimensions.map(d => [d.id, 2])),
        percentToTarget: 0.5,
      },
    ]);
    await renderWithEntity(<EntityMaturityScorecardContent />, {
      api,
      entity: entityOfKind('Group', 'platform'),
    });

    const table = await screen.findByRole('table', {
      name: 'Maturity by team',
    });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByRole('link', { name: /team-a/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    expect(row).toHaveTextContent('1/2');
    expect(within(row).getAllByTitle('2 · Operate')).toHaveLength(
      model.dimensions.length,
    );
    expect(api.getScorecard).toHaveBeenCalledWith('group:default/platform', {
      entities: 'none',
    });
    // A group's components are those of all the teams below it.
    await screen.findByRole('table', { name: 'Maturity by component' });
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ group: 'group:default/platform' }),
    );
  });

  it('pages the components on the server, forward and back', async () => {
    const api = scorecardApi('domain:default/commerce');
    const { items, indexedAt } = await api.getOverview({});
    api.getOverview.mockImplementation(async query => ({
      items: query.cursor ? [items[1]] : [items[0]],
      totalCount: 26,
      nextCursor: query.cursor ? null : 'page-2',
      indexedAt,
    }));
    await renderWithEntity(<EntityMaturityScorecardContent />, {
      api,
      entity: entityOfKind('Domain', 'commerce'),
    });
    const table = await screen.findByRole('table', {
      name: 'Maturity by component',
    });
    expect(within(table).getByRole('link', { name: /payments/ })).toBeVisible();
    expect(screen.getByText('1-25 of 26')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await within(table).findByRole('link', { name: /checkout/ }),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        domain: 'domain:default/commerce',
        cursor: 'page-2',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await within(table).findByRole('link', { name: /payments/ }),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: undefined }),
    );
  });
});
