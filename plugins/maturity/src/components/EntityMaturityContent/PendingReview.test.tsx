import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  entityOfKind,
  makeAssessment,
  mockMaturityApi,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityContent } from './EntityMaturityContent';

const counted = makeAssessment({
  revision: 1,
  review: {
    status: 'approved',
    reviewer: 'user:default/ada',
    decidedAt: '2026-11-02T10:00:00Z',
  },
});
const pending = {
  ...makeAssessment({
    revision: 2,
    createdBy: 'user:default/sam',
    ratings: {
      'process.audit-and-logs': { '1': 'fully', '2': 'fully', '3': 'fully' },
    },
    review: { status: 'pending' },
  }),
  counted,
};

const panelNamed = (name: string) => screen.findByRole('region', { name });

// usePermission caches decisions per resource across renders, so each test
// renders an entity of its own.
let entities = 0;
const nextEntity = () => entityOfKind('Component', `reviewed-${++entities}`);

describe('the Maturity tab under review', () => {
  it('shows what counts as the main view and the pending revision above it, with its changes', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(pending),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
      userRef: 'user:default/ada',
    });

    const panel = await panelNamed('Revision 2 awaits review');
    expect(within(panel).getByText('Awaiting review')).toBeInTheDocument();
    expect(within(panel).getByText(/Submitted by/)).toHaveTextContent(
      'Submitted by sam on',
    );
    const changes = within(panel).getByRole('table', {
      name: 'Changes of revision 2 against revision 1, which counts',
    });
    expect(
      within(changes).getByRole('row', { name: /Audit and Logs/ }),
    ).toHaveTextContent(/2 · Operate.*3 · Scale.*Level 3: Not yet → Fully/);

    // The main view is revision 1, the one that counts, marked approved.
    expect(screen.getByText(/assessed by/)).toHaveTextContent(
      'Revision 1, assessed by jane on',
    );
    expect(screen.getByText('Approved')).toBeInTheDocument();
    const topic = screen.getByRole('row', { name: 'Audit and Logs' });
    expect(within(topic).getByText('2 · Operate')).toBeInTheDocument();
  });

  it('marks each revision of the history with its review status', async () => {
    const { counted: _, ...latest } = pending;
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(pending),
      getHistory: jest
        .fn()
        .mockResolvedValue({ items: [latest, counted], nextCursor: null }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
    });
    const history = await screen.findByRole('table', {
      name: 'Assessment history',
    });
    const [, second, first] = within(history).getAllByRole('row');
    expect(within(second).getAllByRole('cell')[0]).toHaveTextContent(
      '2Awaiting review',
    );
    expect(within(first).getAllByRole('cell')[0]).toHaveTextContent(
      '1Approved',
    );
  });

  it('lets a reviewer who is not the author approve, then reloads what counts', async () => {
    const approved = {
      ...pending,
      counted: undefined,
      review: {
        status: 'approved' as const,
        reviewer: 'user:default/ada',
        decidedAt: new Date().toISOString(),
      },
    };
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValueOnce(pending)
        .mockResolvedValue(approved),
      reviewAssessment: jest.fn().mockResolvedValue(approved),
    });
    const entity = nextEntity();
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity,
      userRef: 'user:default/ada',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve revision 2' }),
    );
    expect(api.reviewAssessment).toHaveBeenCalledWith(
      `component:default/${entity.metadata.name}`,
      2,
      { decision: 'approve' },
    );
    expect(
      await screen.findByText('Revision 2 approved: it counts now.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Revision 2 awaits review')).toBeNull(),
    );
    expect(screen.getByText(/assessed by/)).toHaveTextContent(
      'Revision 2, assessed by sam on',
    );
  });

  it('asks why before returning, and sends the comment', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(pending),
      reviewAssessment: jest.fn().mockResolvedValue({
        ...pending,
        review: { status: 'returned', comment: 'Where are the logs?' },
      }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Return revision 2' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Return revision 2' });
    const confirm = within(dialog).getByRole('button', {
      name: 'Return assessment',
    });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Why is it returned/ }),
      '   ',
    );
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Why is it returned/ }),
      'Where are the logs?',
    );
    await userEvent.click(confirm);
    expect(api.reviewAssessment).toHaveBeenCalledWith(expect.any(String), 2, {
      decision: 'return',
      comment: '   Where are the logs?',
    });
    expect(
      await screen.findByText(
        'Revision 2 returned to its author with your comment.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the revision was decided meanwhile', async () => {
    const conflict = Object.assign(new Error('not pending'), {
      name: 'ResponseError',
      statusCode: 409,
      body: { error: { message: 'not pending' } },
    });
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(pending),
      reviewAssessment: jest.fn().mockRejectedValue(conflict),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve revision 2' }),
    );
    expect(
      await screen.findByText(/Revision 2 no longer waits for a decision/),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getAssessment).toHaveBeenCalledTimes(2));
  });

  it.each([
    ['to its author', { userRef: 'user:default/sam' }],
    [
      'without the review permission',
      {
        allowed: (name: string) => name !== 'maturity.assessment.review',
      },
    ],
  ])('offers no decision %s', async (_, options) => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(pending),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
      ...options,
    });
    // The author may still update the assessment; only the decision is not theirs.
    expect(
      await screen.findByRole('button', { name: 'Update assessment' }),
    ).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Return/ })).toBeNull();
  });

  it("shows a returned revision with the reviewer's comment and no decision", async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue({
        ...pending,
        review: {
          status: 'returned',
          reviewer: 'user:default/ada',
          decidedAt: '2026-12-01T10:00:00Z',
          comment: 'Level 3 needs evidence',
        },
      }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
    });
    const panel = await panelNamed('Revision 2 was returned');
    expect(within(panel).getByText('Returned')).toBeInTheDocument();
    expect(within(panel).getByText(/^Returned by/)).toHaveTextContent(
      /^Returned by ada on/,
    );
    expect(
      within(panel).getByText('Level 3 needs evidence'),
    ).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it('shows a first pending assessment as the main view, saying it does not count yet', async () => {
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValue({ ...pending, counted: undefined }),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
    });
    expect(
      await screen.findByText(/No earlier assessment counts/),
    ).toHaveTextContent(
      'No earlier assessment counts: revision 2 is shown below and counts once approved.',
    );
    expect(screen.getByText(/assessed by/)).toHaveTextContent(
      'Revision 2, assessed by sam on',
    );
  });

  it('tells the owner, after saving, that the assessment awaits review', async () => {
    const saved = makeAssessment({
      revision: 2,
      review: { status: 'pending' },
    });
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValueOnce(counted)
        .mockResolvedValue({ ...saved, counted }),
      submitAssessment: jest.fn().mockResolvedValue(saved),
    });
    await renderWithEntity(<EntityMaturityContent />, {
      api,
      entity: nextEntity(),
      userRef: 'user:default/jane',
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Update assessment' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review changes' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Save assessment' }),
    );
    expect(
      await screen.findByText(
        'Assessment saved as revision 2. Awaiting review: it counts once someone else approves it.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Revision 2 awaits review'),
    ).toBeInTheDocument();
  });
});
