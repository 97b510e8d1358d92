import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentEntity,
  entityOfKind,
  makeScorecard,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityContent } from '../EntityMaturityContent';
import { EntityMaturityScorecardContent } from '../EntityMaturityScorecardContent';
import { CampaignsTab } from './CampaignsTab';

import { campaign, day, progress, short } from '../../__testUtils__/campaigns';

describe('CampaignsTab', () => {
  it('lists campaigns with progress and days left, and opens one with its breakdowns', async () => {
    const api = mockMaturityApi({
      listCampaigns: jest.fn().mockResolvedValue([
        campaign(),
        campaign({
          id: 'security',
          title: 'Security baseline',
          source: 'config',
          phase: 'scheduled',
          startsOn: day(3),
          progress: { total: 2, meeting: 2 },
        }),
      ]),
      getCampaignProgress: jest.fn().mockResolvedValue(progress()),
    });
    await renderWithEntity(<CampaignsTab model={model} />, { api });

    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getByText('12 days left')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('progressbar', {
        name: 'Production readiness: 1 of 4 meet the goals',
      }),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(within(rows[2]).getByText('from configuration')).toBeInTheDocument();
    expect(within(rows[2]).getByText(`Starts ${day(3)}`)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'New campaign' }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(rows[1]).getByRole('button', { name: 'Production readiness' }),
    );
    expect(api.getCampaignProgress).toHaveBeenCalledWith('c1', {
      show: 'short',
      limit: 50,
    });
    const perGoal = await screen.findByRole('table', {
      name: 'Progress per goal',
    });
    expect(
      within(perGoal).getByText('Process: Audit and Logs at level 2 or higher'),
    ).toBeInTheDocument();
    expect(
      within(perGoal).getByText('Assessed in the last 90 days'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Progress per team' }),
      ).getByText('payments'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: `Burn-up: 1 of 4 meeting every goal on ${day(0)}`,
      }),
    ).toBeInTheDocument();
    const entities = screen.getByRole('table', {
      name: 'Entities of the campaign',
    });
    expect(within(entities).getByText('ledger')).toBeInTheDocument();
    expect(
      within(entities).getByText(/level 2 needed, at 1/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
  });

  it('lets a manager create a campaign and shows what the server rejects', async () => {
    const createCampaign = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('Invalid campaign: deadline: must not be before startsOn'),
      )
      .mockResolvedValueOnce(campaign({ id: 'new' }));
    const api = mockMaturityApi({
      createCampaign,
      getCampaignProgress: jest.fn().mockResolvedValue(progress()),
    });
    await renderWithEntity(<CampaignsTab model={model} />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /^Title/ }),
      'Audit logs everywhere',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Owner' }),
      'group:default/payments',
    );
    await userEvent.type(screen.getByLabelText(/Deadline/), '2026-12-31');
    await userEvent.click(
      screen.getByRole('button', { name: 'Add topic goal' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );
    expect(
      await screen.findByText(/deadline: must not be before startsOn/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Create campaign' }),
    );
    await waitFor(() => expect(createCampaign).toHaveBeenCalledTimes(2));
    expect(createCampaign.mock.calls[1][0]).toMatchObject({
      title: 'Audit logs everywhere',
      scope: { kind: 'component', owner: 'group:default/payments' },
      goals: { topics: { [model.dimensions[0].topics[0].id]: 2 } },
      deadline: '2026-12-31',
      status: 'open',
    });
    expect(
      await screen.findByRole('table', { name: 'Progress per goal' }),
    ).toBeInTheDocument();
  });

  it('closes a campaign as a new version from the one shown', async () => {
    const updateCampaign = jest.fn().mockResolvedValue(campaign());
    const api = mockMaturityApi({
      listCampaigns: jest.fn().mockResolvedValue([campaign()]),
      getCampaignProgress: jest.fn().mockResolvedValue(progress()),
      updateCampaign,
    });
    await renderWithEntity(<CampaignsTab model={model} />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Production readiness' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Close campaign' }),
    );
    expect(updateCampaign).toHaveBeenCalledWith('c1', {
      title: 'Production readiness',
      description: 'Audit logs for every production service',
      scope: campaign().scope,
      goals: campaign().goals,
      startsOn: day(-5),
      deadline: day(12),
      status: 'closed',
      baseVersion: 2,
    });
  });
});

describe('campaigns on entity tabs', () => {
  it("shows a component's campaigns and what it still needs", async () => {
    const api = mockMaturityApi({
      getEntityCampaigns: jest.fn().mockResolvedValue({
        items: [{ campaign: campaign(), evaluation: short, team: null }],
      }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    const list = await screen.findByRole('list', { name: 'Campaigns' });
    expect(within(list).getByText('Production readiness')).toBeInTheDocument();
    expect(
      within(list).getByText(/Audit and Logs: level 2 needed, at 1/),
    ).toBeInTheDocument();
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(
      'component:default/payments',
    );
  });

  it("shows a group's campaigns with its teams' progress", async () => {
    const api = mockMaturityApi({
      getScorecard: jest
        .fn()
        .mockResolvedValue(makeScorecard('group:default/payments')),
      getEntityCampaigns: jest.fn().mockResolvedValue({
        items: [
          {
            campaign: campaign(),
            evaluation: null,
            team: { total: 3, meeting: 2 },
          },
        ],
      }),
    });
    await renderWithEntity(<EntityMaturityScorecardContent />, {
      api,
      entity: entityOfKind('Group', 'payments'),
    });
    const list = await screen.findByRole('list', { name: 'Campaigns' });
    expect(
      within(list).getByRole('progressbar', {
        name: 'Production readiness: 2 of 3 meet the goals',
      }),
    ).toBeInTheDocument();
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(
      'group:default/payments',
    );
  });
});
