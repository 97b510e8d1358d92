import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeAssessment,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { RevisionComparison } from './RevisionComparison';

describe('RevisionComparison', () => {
  const first = makeAssessment({
    revision: 1,
    ratings: { 'process.audit-and-logs': { '1': 'fully' } },
  });
  const second = makeAssessment({
    revision: 2,
    ratings: {
      'process.audit-and-logs': { '1': 'fully', '2': 'fully', '3': 'largely' },
      'process.security': { '1': 'not-yet' },
    },
  });
  const third = makeAssessment({ revision: 3, ratings: second.ratings });

  it('shows per topic the level in each revision and the ratings that differ', async () => {
    await renderWithEntity(
      <RevisionComparison model={model} snapshots={[third, second, first]} />,
      { api: mockMaturityApi() },
    );
    // The two latest are the same: nothing differs.
    expect(
      screen.getByText('No topic differs between revision 2 and revision 3.'),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('From'), '1');
    const table = screen.getByRole('table', {
      name: 'Revision 1 compared with revision 3',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row =>
          within(row)
            .queryAllByRole('cell')
            .map(cell => cell.textContent),
        )
        .slice(1),
    ).toEqual([
      [
        'Audit and Logs',
        '1 · Build',
        '3 · Scale',
        'Level 2: not rated → Fully; Level 3: not rated → Largely',
      ],
      [
        'Security',
        'Not assessed',
        '0 · Not started',
        'Level 1: not rated → Not yet',
      ],
    ]);
  });
});
