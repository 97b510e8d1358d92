import { TestApiProvider } from '@backstage/test-utils';
import { CampaignProgress } from '@cnmm/backstage-plugin-maturity-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { progress, short } from '../../__testUtils__/campaigns';
import { mockMaturityApi } from '../../__testUtils__/fixtures';
import { maturityApiRef } from '../../api/MaturityApi';
import { useCampaignProgress } from './useCampaignProgress';

function page(refs: string[], nextCursor: string | null): CampaignProgress {
  return {
    ...progress(),
    entities: {
      items: refs.map(entityRef => ({
        entityRef,
        title: null,
        ownerRef: null,
        ...short,
      })),
      totalCount: 9,
      nextCursor,
    },
  };
}

describe('useCampaignProgress', () => {
  it('appends pages, and drops a page asked for a list no longer shown', async () => {
    let answerLate: (late: CampaignProgress) => void = () => {};
    const late = new Promise<CampaignProgress>(resolve => {
      answerLate = resolve;
    });
    const getCampaignProgress = jest
      .fn()
      .mockResolvedValueOnce(page(['component:default/a'], 'short-2'))
      .mockResolvedValueOnce(page(['component:default/b'], 'short-3'))
      .mockReturnValueOnce(late)
      .mockResolvedValueOnce(page(['component:default/all'], null));
    const api = mockMaturityApi({ getCampaignProgress });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[maturityApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    const { result, rerender } = renderHook(
      ({ show }) => useCampaignProgress('c1', show),
      { wrapper, initialProps: { show: 'short' as 'short' | 'all' } },
    );
    await waitFor(() => expect(result.current.hasMore).toBe(true));

    await act(() => result.current.loadMore());
    expect(result.current.rows.map(r => r.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(getCampaignProgress).toHaveBeenLastCalledWith('c1', {
      show: 'short',
      limit: 50,
      cursor: 'short-2',
    });

    // The third page is still on its way when the filter changes.
    let loading: Promise<void> = Promise.resolve();
    act(() => {
      loading = result.current.loadMore();
    });
    expect(result.current.loadingMore).toBe(true);
    rerender({ show: 'all' });
    await waitFor(() =>
      expect(result.current.rows.map(r => r.entityRef)).toEqual([
        'component:default/all',
      ]),
    );
    await act(async () => {
      answerLate(page(['component:default/c'], 'short-4'));
      await loading;
    });
    expect(result.current.rows.map(r => r.entityRef)).toEqual([
      'component:default/all',
    ]);
    expect(result.current.hasMore).toBe(false);
    expect(result.current.loadingMore).toBe(false);
  });
});
