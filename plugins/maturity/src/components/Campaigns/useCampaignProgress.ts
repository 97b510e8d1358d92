import { useApi } from '@backstage/core-plugin-api';
import { CampaignEntityRow } from '@cnmm/backstage-plugin-maturity-common';
import { useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { maturityApiRef } from '../../api/MaturityApi';
import { serverMessage } from '../shared';

/** Entities per page of a campaign's list. */
export const CAMPAIGN_PAGE = 50;

/**
 * A campaign's progress with the first page of its entities, and the pages
 * after it on request. A page that fails is reported, and asking again
 * retries it.
 */
export function useCampaignProgress(campaignId: string, show: 'short' | 'all') {
  const api = useApi(maturityApiRef);
  const [more, setMore] = useState<CampaignEntityRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<string>();
  // Which list is shown: a page asked for an earlier one (another filter,
  // a reload) must not end up in this one.
  const list = useRef(0);

  const progress = useAsyncRetry(async () => {
    list.current += 1;
    setLoadingMore(false);
    setLoadMoreError(undefined);
    const page = await api.getCampaignProgress(campaignId, {
      show,
      limit: CAMPAIGN_PAGE,
    });
    setMore([]);
    setCursor(page.entities.nextCursor);
    return page;
  }, [api, campaignId, show]);

  const loadMore = async () => {
    if (!cursor) return;
    const asked = list.current;
    setLoadingMore(true);
    setLoadMoreError(undefined);
    try {
      const page = await api.getCampaignProgress(campaignId, {
        show,
        limit: CAMPAIGN_PAGE,
        cursor,
      });
      if (asked !== list.current) return;
      setMore(rows => [...rows, ...page.entities.items]);
      setCursor(page.entities.nextCursor);
    } catch (error) {
      if (asked === list.current) setLoadMoreError(serverMessage(error));
    } finally {
      if (asked === list.current) setLoadingMore(false);
    }
  };

  return {
    /** The progress and the first page, reloaded by `retry`. */
    progress,
    /** The entities loaded so far, first page first. */
    rows: progress.value ? [...progress.value.entities.items, ...more] : [],
    hasMore: cursor !== null && cursor !== '',
    loadMore,
    loadingMore,
    /** Why the last page asked for did not come. */
    loadMoreError,
  };
}
