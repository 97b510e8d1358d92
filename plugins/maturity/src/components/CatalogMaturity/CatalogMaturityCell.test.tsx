import { Entity } from '@backstage/catalog-model';
import { Table } from '@backstage/core-components';
import { CatalogMaturityRow } from '@cnmm/backstage-plugin-maturity-common';
import { screen, within } from '@testing-library/react';
import {
  entityOfKind,
  mockMaturityApi,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { createMaturityColumn } from './CatalogMaturityCell';

const rows: Record<string, CatalogMaturityRow | null> = {
  'component:default/payments': {
    entityRef: 'component:default/payments',
    assessed: true,
    level: 3,
    stale: false,
    assessedAt: '2026-01-10T00:00:00.000Z',
    revision: 2,
  },
  'component:default/ledger': {
    entityRef: 'component:default/ledger',
    assessed: true,
    level: 1,
    stale: true,
    assessedAt: '2025-01-10T00:00:00.000Z',
    revision: 1,
  },
  'component:default/checkout': {
    entityRef: 'component:default/checkout',
    assessed: false,
    level: null,
    stale: false,
  },
  'component:default/hidden': null,
};

async function renderTable(api = mockMaturityApi()) {
  api.getCatalogRows.mockImplementation(async refs =>
    refs.map(ref => rows[ref] ?? null),
  );
  const data = [
    ...Object.keys(rows).map(ref => ({
      entity: entityOfKind('Component', ref.split('/')[1]) as Entity,
    })),
    { entity: entityOfKind('System', 'shop') },
  ];
  await renderWithEntity(
    <Table
      title="Catalog"
      options={{ paging: false, search: false }}
      columns={[
        { title: 'Name', field: 'entity.metadata.name' },
        createMaturityColumn(),
      ]}
      data={data}
    />,
    { api },
  );
  return api;
}

const rowOf = (name: string) =>
  screen.getByRole('row', { name: new RegExp(`^${name}`) });

describe('the Maturity column of the catalog', () => {
  it('shows each row its level chip, not assessed or stale, from one request for the page', async () => {
    const api = await renderTable();

    expect(
      await within(
        await screen.findByRole('row', { name: /^payments/ }),
      ).findByText('3 · Scale'),
    ).toBeInTheDocument();
    expect(within(rowOf('ledger')).getByText('1 · Build')).toBeInTheDocument();
    expect(within(rowOf('ledger')).getByText('stale')).toHaveAttribute(
      'title',
      expect.stringMatching(/^Assessed .*2025.*: older than the stale limit$/),
    );
    expect(within(rowOf('payments')).queryByText('stale')).toBeNull();
    expect(
      within(rowOf('checkout')).getByText('Not assessed'),
    ).toBeInTheDocument();
    expect(within(rowOf('hidden')).getByText('–')).toBeInTheDocument();
    // Only components are assessed: a system is not asked about.
    expect(within(rowOf('shop')).getByText('–')).toBeInTheDocument();

    expect(api.getCatalogRows).toHaveBeenCalledTimes(1);
    expect(api.getCatalogRows.mock.calls[0][0].sort()).toEqual(
      Object.keys(rows).sort(),
    );
  });

  it('says the column is unavailable when the backend fails', async () => {
    const api = mockMaturityApi();
    api.getCatalogRows.mockRejectedValue(new Error('backend down'));
    await renderWithEntity(
      <Table
        options={{ paging: false, search: false }}
        columns={[createMaturityColumn({ title: 'CNMM' })]}
        data={[{ entity: entityOfKind('Component', 'payments') }]}
      />,
      { api },
    );
    expect(await screen.findByText('Unavailable')).toHaveAttribute(
      'title',
      'backend down',
    );
    expect(
      screen.getByRole('columnheader', { name: 'CNMM' }),
    ).toBeInTheDocument();
  });
});
