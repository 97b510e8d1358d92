import { screen } from '@testing-library/react';
import {
  componentEntity,
  entityOfKind,
  makeAssessment,
  makeScorecard,
  mockMaturityApi,
  renderWithEntity,
} from '../../__testUtils__/fixtures';
import { EntityMaturityCard } from './EntityMaturityCard';

describe('EntityMaturityCard', () => {
  it('summarises a component by its dimension medians', async () => {
    const api = mockMaturityApi({
      getAssessment: jest
        .fn()
        .mockResolvedValue(
          makeAssessment({ createdAt: '2025-02-03T12:00:00Z' }),
        ),
    });
    await renderWithEntity(<EntityMaturityCard />, {
      api,
      entity: componentEntity,
    });
    expect(await screen.findByText('Process')).toBeInTheDocument();
    expect(screen.getByText('2 · Operate')).toBeInTheDocument();
    expect(screen.getByText(/^Assessed /)).toHaveTextContent('2025');
  });

  it('under review, summarises what counts and says a later revision waits', async () => {
    const counted = makeAssessment({ createdAt: '2025-02-03T12:00:00Z' });
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue({
        ...makeAssessment({
          revision: 2,
          ratings: { 'process.audit-and-logs': { '1': 'not-yet' } },
        }),
        review: { status: 'pending' },
        counted,
      }),
    });
    await renderWithEntity(<EntityMaturityCard />, {
      api,
      entity: entityOfKind('Component', 'under-review'),
    });
    expect(await screen.findByText('2 · Operate')).toBeInTheDocument();
    expect(screen.getByText(/^Assessed /)).toHaveTextContent('2025');
    expect(screen.getByText('Awaiting review')).toBeInTheDocument();
  });

  it('invites an assessment when there is none', async () => {
    await renderWithEntity(<EntityMaturityCard />, {
      api: mockMaturityApi(),
      entity: componentEntity,
    });
    expect(await screen.findByText(/Not assessed yet/)).toBeInTheDocument();
  });

  it('summarises a system by coverage and medians', async () => {
    const api = mockMaturityApi({
      getScorecard: jest
        .fn()
        .mockResolvedValue(makeScorecard('system:default/shop')),
    });
    await renderWithEntity(<EntityMaturityCard />, {
      api,
      entity: entityOfKind('System', 'shop'),
    });
    expect(
      await screen.findByText('2 of 3 components assessed'),
    ).toBeInTheDocument();
    expect(screen.getByText('Technology')).toBeInTheDocument();
  });
});
