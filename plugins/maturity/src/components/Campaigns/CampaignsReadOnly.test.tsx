import { screen, waitFor } from '@testing-library/react';
import {
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { CampaignsTab } from './CampaignsTab';
import { campaign, progress } from '../../__testUtils__/campaigns';

// In a file of its own: usePermission caches a basic permission's decision
// for the whole test file.
describe('CampaignsTab without maturity.campaign.manage', () => {
  it('shows campaigns but offers no creation, edit or close', async () => {
    const api = mockMaturityApi({
      listCampaigns: jest.fn().mockResolvedValue([campaign()]),
      getCampaignProgress: jest.fn().mockResolvedValue(progress()),
    });
    await renderWithEntity(<CampaignsTab model={model} />, {
      api,
      allowed: false,
    });
    (
      await screen.findByRole('button', { name: 'Production readiness' })
    ).click();
    expect(
      await screen.findByRole('table', { name: 'Progress per goal' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getCampaignProgress).toHaveBeenCalled());
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close campaign' })).toBeNull();
    screen.getByRole('button', { name: 'All campaigns' }).click();
    expect(
      await screen.findByRole('table', { name: 'Campaigns' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New campaign' })).toBeNull();
  });
});
