import {
  ExemptionRow,
  ExemptionsPage,
} from '@cnmm/backstage-plugin-maturity-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockMaturityApi,
  MockMaturityApi,
  model,
  renderWithEntity,
  settingsWith,
} from '../../__testUtils__/fixtures';
import { ExemptionsView } from './ExemptionsView';

const ENDS = '2027-06-01T10:00:00.000Z';
const shown = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });

const exemption = (name: string, approver: string | null): ExemptionRow => ({
  entityRef: `component:default/${name}`,
  title: null,
  ownerRef: 'group:default/payments',
  topicId: 'technology.ai',
  reason: `No model runs in ${name}`,
  author: 'user:default/sam',
  approver,
  grantedAt: '2026-06-01T10:00:00.000Z',
  endsAt: ENDS,
});

// The overview's filters, of which levels are no scope of exemptions.
const SCOPE = { owner: 'group:default/payments', minLevel: 2 };

async function renderView(api: MockMaturityApi) {
  await renderWithEntity(<ExemptionsView model={model} scope={SCOPE} />, {
    api,
  });
}

const enabled = () =>
  jest.fn().mockResolvedValue(settingsWith({ exemptions: true }));

describe('ExemptionsView', () => {
  it('lists the exempted topics in scope with reason, author, approver and end', async () => {
    const api = mockMaturityApi({
      getSettings: enabled(),
      getExemptions: jest.fn().mockResolvedValue({
        items: [exemption('fraud-detector', 'user:default/ada')],
      } satisfies ExemptionsPage),
    });
    await renderView(api);

    const table = await screen.findByRole('table', { name: 'Exemptions' });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row =>
          within(row)
            .queryAllByRole('cell')
            .map(cell => cell.textContent),
        ),
    ).toEqual([
      [],
      [
        'fraud-detector',
        'payments',
        'Technology · AI',
        'No model runs in fraud-detector',
        'sam',
        'ada',
        shown(ENDS),
      ],
    ]);
    expect(api.getExemptions).toHaveBeenCalledWith({
      owner: 'group:default/payments',
      limit: 25,
      cursor: undefined,
    });
    expect(screen.getByText('1-1 of 1')).toBeInTheDocument();
  });

  it('pages forward by cursor, and back', async () => {
    const api = mockMaturityApi({
      getSettings: enabled(),
      getExemptions: jest.fn(async query =>
        query.cursor
          ? { items: [exemption('second', null)] }
          : { items: [exemption('first', null)], nextCursor: 'page-2' },
      ),
    });
    await renderView(api);

    // The server does not count them: "more than" until the last page.
    expect(await screen.findByText('1-25 of more than 25')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: 'second' }),
    ).toBeInTheDocument();
    expect(api.getExemptions).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'page-2' }),
    );
    expect(screen.getByText('26-26 of 26')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(await screen.findByRole('link', { name: 'first' })).toBeVisible();
  });

  it('downloads them all as CSV, and says so when that fails', async () => {
    const api = mockMaturityApi({
      getSettings: enabled(),
      exportExemptions: jest
        .fn()
        .mockResolvedValueOnce({
          blob: new Blob(['entityRef\n']),
          filename: 'maturity-exemptions.csv',
        })
        .mockRejectedValueOnce(new Error('the backend is away')),
    });
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:exemptions'),
      revokeObjectURL: jest.fn(),
    });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderView(api);
    expect(
      await screen.findByText('No topic is exempted here.'),
    ).toBeInTheDocument();

    const download = screen.getByRole('button', {
      name: 'Download exemptions CSV',
    });
    await userEvent.click(download);
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportExemptions).toHaveBeenCalledWith({
      owner: 'group:default/payments',
    });
    await userEvent.click(download);
    expect(
      await screen.findByText('Download failed: the backend is away'),
    ).toBeInTheDocument();
    click.mockRestore();
  });

  it('shows nothing, and asks for nothing, while exemptions are off', async () => {
    const api = mockMaturityApi();
    await renderView(api);
    await waitFor(() => expect(api.getSettings).toHaveBeenCalled());
    expect(screen.queryByText('Exemptions')).not.toBeInTheDocument();
    expect(api.getExemptions).not.toHaveBeenCalled();
  });
});
