import { CampaignProgress } from '@cnmm/backstage-plugin-maturity-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { campaign, progress, short } from '../../__testUtils__/campaigns';
import {
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { CampaignView } from './CampaignView';

/** The first page of a list with more after it. */
function firstPage(): CampaignProgress {
  const page = progress();
  return { ...page, entities: { ...page.entities, nextCursor: 'page-2' } };
}

function secondPage(): CampaignProgress {
  const page = progress();
  return {
    ...page,
    entities: {
      items: [
        {
          entityRef: 'component:default/billing',
          title: null,
          ownerRef: 'group:default/payments',
          ...short,
        },
      ],
      totalCount: 3,
      nextCursor: null,
    },
  };
}

const entityNames = () =>
  within(screen.getByRole('table', { name: 'Entities of the campaign' }))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('CampaignView', () => {
  it('shows a page that fails to load, keeps what is shown, and loads it on retry', async () => {
    const getCampaignProgress = jest
      .fn()
      .mockResolvedValueOnce(firstPage())
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValueOnce(secondPage());
    const api = mockMaturityApi({ getCampaignProgress });
    await renderWithEntity(
      <CampaignView
        model={model}
        campaignId="c1"
        canManage={false}
        onBack={jest.fn()}
      />,
      { api },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load more entities: backend down',
    );
    expect(getCampaignProgress).toHaveBeenLastCalledWith('c1', {
      show: 'short',
      limit: 50,
      cursor: 'page-2',
    });
    expect(entityNames()).toEqual(['ledger']);

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('billing')).toBeInTheDocument();
    expect(entityNames()).toEqual(['ledger', 'billing']);
    expect(getCampaignProgress).toHaveBeenCalledTimes(3);
    expect(getCampaignProgress).toHaveBeenLastCalledWith('c1', {
      show: 'short',
      limit: 50,
      cursor: 'page-2',
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});

describe('CampaignView for a manager', () => {
  const render = (overrides: Parameters<typeof campaign>[0]) =>
    renderWithEntity(
      <CampaignView
        model={model}
        campaignId="c1"
        canManage
        onBack={jest.fn()}
      />,
      {
        api: mockMaturityApi({
          getCampaignProgress: jest.fn().mockResolvedValue({
            ...progress(),
            campaign: campaign(overrides),
          }),
        }),
      },
    );

  it('offers to edit and close a stored campaign', async () => {
    await render({});
    expect(await screen.findByRole('button', { name: 'Edit' })).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Close campaign' }),
    ).toBeEnabled();
  });

  it('does not offer to edit or close a campaign whose scope names a group the manager cannot see', async () => {
    await render({
      scope: { owner: 'a hidden group' },
      hiddenScope: ['owner'],
    });
    expect(
      await screen.findByText(/scope names a group or system you cannot see/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close campaign' })).toBeNull();
  });
});
