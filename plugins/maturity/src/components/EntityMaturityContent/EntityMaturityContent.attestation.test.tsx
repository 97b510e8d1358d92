import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentEntity,
  makeAssessment,
  mockMaturityApi,
  renderWithEntity,
  settingsWith,
} from '../../__testUtils__/fixtures';
import { EntityMaturityContent } from './EntityMaturityContent';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const daysFromNow = (days: number) =>
  new Date(NOW + days * DAY_MS).toISOString();
const shown = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });

const settings = settingsWith({
  maxAgeDays: 180,
  exemptions: true,
  exemptionDays: 365,
});
const AUDIT = 'process.audit-and-logs';
const OUTCOMES = 'business-outcomes.outcomes';
const AI = 'technology.ai';

/**
 * Audit and Logs attested 10 days ago, Business Outcomes 200 days ago
 * (expired), AI exempted 10 days ago with a reason.
 */
const snapshot = makeAssessment({
  revision: 3,
  createdAt: daysFromNow(-10),
  ratings: {
    [AUDIT]: { '1': 'fully', '2': 'fully', '3': 'not-yet' },
    [OUTCOMES]: { '1': 'fully' },
    [AI]: { '1': 'not-applicable' },
  },
  targets: { [AUDIT]: 4, [OUTCOMES]: 2 },
  attestedAt: {
    [AUDIT]: daysFromNow(-10),
    [OUTCOMES]: daysFromNow(-200),
    [AI]: daysFromNow(-10),
  },
  exemptions: {
    [AI]: {
      reason: 'No model runs in this service',
      author: 'user:default/sam',
      approver: 'user:default/ada',
    },
  },
  settings,
  now: new Date(NOW),
});

async function renderTab(assessment = snapshot) {
  const api = mockMaturityApi({
    getSettings: jest.fn().mockResolvedValue(settings),
    getAssessment: jest.fn().mockResolvedValue(assessment),
  });
  await renderWithEntity(<EntityMaturityContent />, {
    api,
    entity: componentEntity,
  });
  await userEvent.click(
    await screen.findByRole('checkbox', {
      name: /Show only topics below target/,
    }),
  );
  return api;
}

const cellsOf = (name: string) =>
  within(screen.getByRole('row', { name }))
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('EntityMaturityContent: attestation and exemptions', () => {
  it('shows when each topic was attested and until when it counts', async () => {
    await renderTab();

    const headings = within(screen.getByRole('table', { name: 'Topics' }))
      .getAllByRole('columnheader')
      .map(cell => cell.textContent);
    expect(headings.slice(-2)).toEqual(['Attested', 'Counts until']);
    expect(cellsOf('Audit and Logs').slice(-2)).toEqual([
      shown(daysFromNow(-10)),
      shown(daysFromNow(170)),
    ]);
  });

  it('marks an expired topic in words: no level, counted as unrated', async () => {
    await renderTab();

    const cells = cellsOf('Business Outcomes');
    expect(cells[1]).toBe('Expired');
    expect(cells.at(-1)).toBe('Expired — counts as unrated until confirmed');
    await userEvent.click(
      screen.getByRole('button', { name: 'Show details of Business Outcomes' }),
    );
    expect(screen.getByText(/its ratings, last attested on/)).toHaveTextContent(
      `Expired — counts as unrated until confirmed: its ratings, last attested on ${shown(
        daysFromNow(-200),
      )}, stopped counting on ${shown(daysFromNow(-20))}.`,
    );
    // Business Outcomes has one topic: none is left in its median.
    expect(screen.getByText('0 of 1 topic rated')).toBeInTheDocument();
  });

  it('lists the exemptions with their reason, author, approver and end', async () => {
    await renderTab();

    const table = screen.getByRole('table', { name: 'Exemptions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ),
    ).toEqual([
      [
        'Technology · AI',
        'No model runs in this service',
        'sam',
        'ada',
        // Its attestation ends before its grant of 365 days.
        shown(daysFromNow(170)),
      ],
    ]);
  });

  it('names the reviewer who approved the snapshot that set an exemption as its approver', async () => {
    await renderTab(
      makeAssessment({
        revision: 4,
        createdAt: daysFromNow(-10),
        createdBy: 'user:default/sam',
        ratings: { [AI]: { '1': 'not-applicable' } },
        attestedAt: { [AI]: daysFromNow(-10) },
        exemptions: {
          [AI]: { reason: 'No model runs here', author: 'user:default/sam' },
        },
        review: {
          status: 'approved',
          reviewer: 'user:default/ada',
          decidedAt: daysFromNow(-9),
        },
        settings,
        now: new Date(NOW),
      }),
    );

    const table = screen.getByRole('table', { name: 'Exemptions' });
    const row = within(table).getByRole('row', { name: /No model runs here/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent)
        .slice(0, 4),
    ).toEqual(['Technology · AI', 'No model runs here', 'sam', 'ada']);
  });

  it('opens the form with the settings, offering to confirm all unchanged', async () => {
    await renderTab();
    await userEvent.click(
      screen.getByRole('button', { name: 'Update assessment' }),
    );
    expect(
      screen.getByRole('button', { name: 'Confirm all unchanged' }),
    ).toBeInTheDocument();
  });

  it('has no attestation columns and no exemptions while both are off', async () => {
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValue(
          makeAssessment({ ratings: { [AI]: { '1': 'not-applicable' } } }),
        ),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    const table = await screen.findByRole('table', { name: 'Topics' });
    expect(
      within(table).queryByRole('columnheader', { name: 'Attested' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Exemptions' }),
    ).not.toBeInTheDocument();
  });
});
