import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReviewItem } from '@cnmm/backstage-plugin-maturity-common';
import {
  makeAssessment,
  mockMaturityApi,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { ReviewsTab } from './ReviewsTab';

function item(name: string, ageDays: number, revision = 2): ReviewItem {
  return {
    entityRef: `component:default/${name}`,
    title: null,
    ownerRef: 'group:default/team-a',
    revision,
    createdBy: 'user:default/sam',
    createdAt: new Date(Date.now() - ageDays * 86_400_000).toISOString(),
    ageDays,
  };
}

const openReviews = () =>
  screen.findByRole('table', { name: 'Assessments awaiting review' });

describe('the Reviews tab', () => {
  it('lists what waits, oldest first as the server pages it, with age and a link to the changes', async () => {
    const api = mockMaturityApi({
      getReviews: jest.fn().mockResolvedValue({
        items: [
          item('payments', 12),
          { ...item('ledger', 0, 5), title: 'Ledger' },
        ],
      }),
    });
    await renderWithEntity(<ReviewsTab />, { api });
    const table = await openReviews();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[4].textContent),
    ).toEqual(['12 days', 'less than a day']);
    expect(
      within(rows[0]).getByRole('link', { name: 'Revision 2 (changes)' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments/maturity');
    expect(
      within(rows[1]).getByRole('link', { name: 'Ledger' }),
    ).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('button', {
        name: 'Approve revision 5 of Ledger',
      }),
    ).toBeInTheDocument();
    expect(api.getReviews).toHaveBeenCalledWith({
      limit: 25,
      cursor: undefined,
    });
  });

  it('approves from the list and reads the queue again', async () => {
    const api = mockMaturityApi({
      getReviews: jest
        .fn()
        .mockResolvedValueOnce({ items: [item('payments', 3)] })
        .mockResolvedValue({ items: [] }),
      reviewAssessment: jest.fn().mockResolvedValue(
        makeAssessment({
          revision: 2,
          review: { status: 'approved', reviewer: 'user:default/ada' },
        }),
      ),
    });
    await renderWithEntity(<ReviewsTab />, { api });
    const table = await openReviews();
    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Approve revision 2 of payments',
      }),
    );
    expect(api.reviewAssessment).toHaveBeenCalledWith(
      'component:default/payments',
      2,
      { decision: 'approve' },
    );
    expect(
      await screen.findByText('payments: Revision 2 approved: it counts now.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Nothing waits for your review.'),
    ).toBeInTheDocument();
    expect(api.getReviews).toHaveBeenCalledTimes(2);
  });

  it('pages forward by cursor and back again', async () => {
    const first = Array.from({ length: 10 }, (_, i) => item(`c${i}`, 20 - i));
    const api = mockMaturityApi({
      getReviews: jest.fn(async query =>
        query?.cursor === 'p2'
          ? { items: [item('last', 1)] }
          : { items: first, nextCursor: 'p2' },
      ),
    });
    await renderWithEntity(<ReviewsTab />, { api });
    await openReviews();
    await userEvent.selectOptions(screen.getByLabelText('Rows per page'), '10');
    await waitFor(() =>
      expect(api.getReviews).toHaveBeenLastCalledWith({
        limit: 10,
        cursor: undefined,
      }),
    );
    expect(await screen.findByText('1-10 of more than 10')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('11-11 of 11')).toBeInTheDocument();
    expect(api.getReviews).toHaveBeenLastCalledWith({
      limit: 10,
      cursor: 'p2',
    });
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByText('1-10 of more than 10')).toBeInTheDocument();
  });

  it('says when nothing waits', async () => {
    const api = mockMaturityApi();
    await renderWithEntity(<ReviewsTab />, { api });
    expect(
      await screen.findByText('Nothing waits for your review.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Assessments awaiting review' }),
    ).toBeNull();
  });
});
