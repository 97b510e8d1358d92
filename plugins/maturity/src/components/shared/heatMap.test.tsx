import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TableRow } from '@material-ui/core';
import {
  makeScorecard,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import {
  EntityRefCell,
  HeatMapCells,
  HeatMapHeaders,
  HeatMapTable,
  shortDimensionTitle,
} from './heatMap';

describe('heat-map tables', () => {
  it('shortens long dimension titles and keeps short ones', () => {
    expect(shortDimensionTitle('Business Outcomes')).toBe('BO');
    expect(shortDimensionTitle('Technology')).toBe('Tech.');
    expect(shortDimensionTitle('People')).toBe('People');
  });

  it('names every column in full, cuts long names with a title, and explains the colours', async () => {
    const [row] = makeScorecard('system:default/shop').entities;
    await renderWithEntity(
      <HeatMapTable
        model={model}
        label="Example"
        header={<HeatMapHeaders model={model} />}
      >
        <TableRow>
          <EntityRefCell entityRef={row.entityRef} />
          <HeatMapCells model={model} row={row} />
        </TableRow>
      </HeatMapTable>,
      { api: mockMaturityApi() },
    );

    const table = screen.getByRole('table', { name: 'Example' });
    for (const dimension of model.dimensions) {
      expect(
        within(table).getByRole('columnheader', { name: dimension.title }),
      ).toBeInTheDocument();
    }
    expect(within(table).getByText('Tech.')).toBeInTheDocument();
    await userEvent.hover(within(table).getByText('Tech.'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Technology');

    const name = within(table).getAllByRole('cell')[0];
    expect(name).toHaveAttribute('title', row.entityRef);
    expect(getComputedStyle(name).textOverflow).toBe('ellipsis');

    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getAllByRole('listitem')).toHaveLength(7);
    expect(legend).toHaveTextContent('5 · Adapt');
  });
});
