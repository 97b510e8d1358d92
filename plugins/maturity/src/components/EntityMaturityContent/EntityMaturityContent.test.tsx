import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  componentEntity,
  entityOfKind,
  makeAssessment,
  mockMaturityApi,
  model,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityContent } from './EntityMaturityContent';

// Stored evidence from before URL validation could hold any text; it must
// never become a live link.
// eslint-disable-next-line no-script-url
const scriptUrl = 'javascript:alert(1)';

const auditTopic = model.dimensions
  .flatMap(d => d.topics)
  .find(t => t.id === 'process.audit-and-logs')!;

describe('EntityMaturityContent', () => {
  it('shows levels with their names, target, gap and the next step', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(
        makeAssessment({
          comment: 'Quarterly review',
          notes: { 'process.audit-and-logs': 'Logs <b>shipped</b> to Loki' },
          evidence: {
            'process.audit-and-logs': [
              'https://wiki.example.com/logging',
              scriptUrl,
            ],
          },
        }),
      ),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });

    const row = await screen.findByRole('row', { name: 'Audit and Logs' });
    const cells = within(row).getAllByRole('cell');
    expect(cells.map(cell => cell.textContent)).toEqual([
      'Audit and Logs',
      '2 · Operate',
      '4 · Improve',
      '2',
      auditTopic.levels[2].title,
    ]);
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Show details of Audit and Logs',
      }),
    );
    const topic = row.nextElementSibling as HTMLElement;
    expect(
      within(topic).getByText('Next step').parentElement,
    ).toHaveTextContent(/^Next step, 3 · Scale:/);
    // Notes are text, never markup; only http(s) evidence becomes a link.
    expect(
      within(topic).getByText('Logs <b>shipped</b> to Loki'),
    ).toBeInTheDocument();
    expect(
      within(topic).getByRole('link', {
        name: 'https://wiki.example.com/logging',
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/logging');
    expect(within(topic).getByText(scriptUrl).closest('a')).toBeNull();

    expect(screen.getByText(/assessed by/)).toHaveTextContent(
      'Revision 1, assessed by jane on',
    );
    expect(screen.getByText('Quarterly review')).toBeInTheDocument();
    expect(screen.queryByText('Stale')).not.toBeInTheDocument();
    expect(
      screen.getAllByText(model.attribution.text, { exact: false }).length,
    ).toBeGreaterThan(0);
    expect(api.getAssessment).toHaveBeenCalledWith(
      'component:default/payments',
    );
  });

  it('expands a topic to every level with criteria and the official link', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(makeAssessment()),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    const row = await screen.findByRole('row', { name: 'Audit and Logs' });
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Show details of Audit and Logs',
      }),
    );
    const topic = row.nextElementSibling as HTMLElement;
    expect(
      within(topic).getByText(auditTopic.levels[4].criteria[0]),
    ).toBeInTheDocument();
    expect(
      within(topic).getByRole('link', { name: /official text/ }),
    ).toHaveAttribute('href', auditTopic.url);
  });

  it('shows only the topics below target until asked for all', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(makeAssessment()),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    const table = await screen.findByRole('table', { name: 'Topics' });
    const toggle = screen.getByRole('checkbox', {
      name: /Show only topics below target/,
    });
    expect(toggle).toBeChecked();
    const below = within(table).getAllByRole('row').length - 1;
    expect(below).toBeLessThan(22);
    expect(
      within(table).getByRole('row', { name: 'Audit and Logs' }),
    ).toBeInTheDocument();
    await userEvent.click(toggle);
    expect(within(table).getAllByRole('row')).toHaveLength(23);
  });

  it('marks a stale assessment', async () => {
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValue(
          makeAssessment({ createdAt: '2020-01-01T00:00:00Z' }),
        ),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    expect(await screen.findByText('Stale')).toBeInTheDocument();
  });

  it('explains the model and invites a first assessment when permitted', async () => {
    const api = mockMaturityApi();
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    expect(
      await screen.findByText('No maturity assessment yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/5 levels .* across 5 dimensions .* in 22 topics/),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Assess' }),
    );
    expect(await screen.findByText('New assessment')).toBeInTheDocument();
  });

  it('hides the Assess button without permission', async () => {
    const api = mockMaturityApi();
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      // usePermission caches decisions per resource across renders, so this
      // test uses an entity no other test asks about.
      entity: entityOfKind('Component', 'locked'),
      allowed: false,
    });
    expect(
      await screen.findByText('No maturity assessment yet'),
    ).toBeInTheDocument();
    // Let the permission check settle before asserting the absence.
    await waitFor(() => expect(api.getModel).toHaveBeenCalled());
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Assess' })).toBeNull();
  });

  it('shows beside each dimension median how many topics it is taken over, N/A left out', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(
        makeAssessment({
          ratings: {
            'process.audit-and-logs': { '1': 'fully' },
            'process.security': { '1': 'not-applicable' },
          },
        }),
      ),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    const process = model.dimensions.find(d => d.id === 'process')!;
    const people = model.dimensions.find(d => d.id === 'people')!;
    expect(
      await screen.findByText(`1 of ${process.topics.length} topics rated`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`0 of ${people.topics.length} topics rated`),
    ).toBeInTheDocument();
  });

  it('offers an update only when permitted', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(makeAssessment()),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    expect(
      await screen.findByRole('button', { name: 'Update assessment' }),
    ).toBeInTheDocument();
  });

  it('imports a CNMM 3.x file as the next revision and says what the mapping moved', async () => {
    const imported = makeAssessment({ revision: 3 });
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValueOnce(makeAssessment({ revision: 2 }))
        .mockResolvedValue(imported),
      importV3Assessment: jest
        .fn()
        .mockRejectedValueOnce(
          new Error('assessment.cnmmVersion: must be a 3.x version'),
        )
        .mockResolvedValue({
          assessment: imported,
          mapping: {
            dropped: ['people.developer-agility'],
            shifted: [
              {
                from: 'process.change-control',
                fromLevel: 5,
                to: 'process.software-integration-and-release',
                toLevel: 4,
              },
            ],
            approximate: [],
          },
          mode: 'merge',
          replacedTopics: ['process.audit-and-logs'],
          keptTopics: ['people.ai', 'policy.ai'],
        }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });
    const input = await screen.findByLabelText('CNMM 3.x assessment file');
    const file = (text: string) =>
      new File([text], 'v3.json', { type: 'application/json' });

    await userEvent.upload(input, file('not json'));
    expect(
      await screen.findByText(/v3\.json is not a JSON file/),
    ).toBeInTheDocument();
    expect(api.importV3Assessment).not.toHaveBeenCalled();

    const body = { cnmmVersion: '3.2', ratings: {} };
    const mergeInto2 = async () =>
      userEvent.click(
        await screen.findByRole('button', { name: 'Merge into revision 2' }),
      );
    await userEvent.upload(input, file(JSON.stringify(body)));
    await mergeInto2();
    expect(
      await screen.findByText(/must be a 3\.x version/),
    ).toBeInTheDocument();

    await userEvent.upload(input, file(JSON.stringify(body)));
    await mergeInto2();
    expect(
      await screen.findByText(
        'CNMM 3.x file imported as revision 3. Merged: the ratings of 1 topic replaced; 2 topics, the notes, evidence and targets kept. 1 rated level counted towards the 4.0 level that now holds the content. Left out (no 4.0 topic): people.developer-agility.',
      ),
    ).toBeInTheDocument();
    expect(api.importV3Assessment).toHaveBeenLastCalledWith(
      'component:default/payments',
      { baseRevision: 2, assessment: body, mode: 'merge' },
    );
    await waitFor(() => expect(api.getAssessment).toHaveBeenCalledTimes(2));
  });

  it('lists the history and shows a past snapshot', async () => {
    const latest = makeAssessment({
      revision: 2,
      comment: 'Raised security',
      createdBy: 'user:default/bob',
    });
    const first = makeAssessment({
      revision: 1,
      comment: 'Initial',
      ratings: { 'process.audit-and-logs': { '1': 'fully' } },
      createdAt: '2024-03-01T10:00:00Z',
    });
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(latest),
      getHistory: jest
        .fn()
        .mockResolvedValue({ items: [latest, first], nextCursor: null }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: componentEntity,
    });

    const history = await screen.findByRole('table', {
      name: 'Assessment history',
    });
    expect(within(history).getByText('Initial')).toBeInTheDocument();
    expect(within(history).getByText('bob')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Dimension medians over 2 snapshots/ }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(history).getByRole('button', { name: 'View revision 1' }),
    );
    expect(
      await screen.findByText(/You are viewing revision 1/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', { name: /Show only topics below target/ }),
    );
    const topic = screen.getByRole('row', { name: 'Audit and Logs' });
    expect(within(topic).getByText('1 · Build')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Update assessment' }),
    ).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Back to latest' }),
    );
    expect(screen.queryByText(/You are viewing revision 1/)).toBeNull();
  });
});
