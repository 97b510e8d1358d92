import { screen, within } from '@testing-library/react';
import {
  entityOfKind,
  makeScorecard,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityScorecardContent } from './EntityMaturityScorecardContent';

describe('EntityMaturityScorecardContent', () => {
  it('shows coverage, medians, weakest topics and a heat map of components', async () => {
    const api = mockMaturityApi({
      getScorecard: jest
        .fn()
        .mockResolvedValue(makeScorecard('system:default/shop')),
    });
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
    expect(api.getScorecard).toHaveBeenCalledWith('system:default/shop');
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

    const table = screen.getByRole('table', { name: 'Maturity by component' });
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
    const api = mockMaturityApi({
      getScorecard: jest.fn().mockResolvedValue(
        makeScorecard('group:default/platform', [
          {
            entityRef: 'group:default/team-a',
            title: null,
            components: { total: 2, assessed: 1, stale: 0 },
            dimensions: Object.fromEntries(
              model.dimensions.map(d => [d.id, 2]),
            ),
            percentToTarget: 0.5,
          },
        ]),
      ),
    });
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
    expect(api.getScorecard).toHaveBeenCalledWith('group:default/platform');
  });
});
