import { APIRequestContext, expect, Page } from '@playwright/test';
import type { SeedEntity } from './seedHistory';

/** The demo portal's backend, beside the app on :3000. */
export const BACKEND = 'http://localhost:7007';

/**
 * Signs in through the guest provider (user:default/sam of the payments
 * team), unless the session is still signed in.
 */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalog = page.getByText('payments-api').first();
  await expect(enter.or(catalog)).toBeVisible({ timeout: 120_000 });
  if (await enter.isVisible()) await enter.click();
  await expect(catalog).toBeVisible({ timeout: 60_000 });
}

/**
 * Signs in as the demo's maturity admin (user:default/ada, of
 * maturity-admins): the sign-in page's guest token request is answered by
 * the demo-admin provider, which only the e2e config enables.
 */
export async function signInAsAdmin(page: Page) {
  await page.route('**/api/auth/guest/refresh**', async route => {
    const response = await route.fetch({
      url: `${BACKEND}/api/auth/demo-admin/refresh`,
    });
    await route.fulfill({ response });
  });
  await signIn(page);
}

/** A Backstage token of a sign-in provider: `guest` (sam) or `demo-admin` (ada). */
export async function providerToken(
  request: APIRequestContext,
  provider: 'guest' | 'demo-admin',
): Promise<string> {
  const res = await request.post(`${BACKEND}/api/auth/${provider}/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

/** The guest's Backstage token, for requests to the backend's API. */
export function guestToken(page: Page): Promise<string> {
  return providerToken(page.request, 'guest');
}

/** A component of the demo catalog as the backend records it. */
export async function catalogEntity(
  page: Page,
  token: string,
  name: string,
): Promise<SeedEntity> {
  const res = await page.request.get(
    `${BACKEND}/api/catalog/entities/by-name/component/default/${name}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.ok()).toBe(true);
  const entity = await res.json();
  const related = (type: string) =>
    entity.relations
      .find((r: { type: string }) => r.type === type)
      ?.targetRef.toLocaleLowerCase('en-US') ?? null;
  return {
    ref: `component:default/${name}`,
    uid: entity.metadata.uid,
    ownerRef: related('ownedBy'),
    systemRef: related('partOf'),
    lifecycle: entity.spec.lifecycle ?? null,
  };
}

/**
 * The texts in a table whose rendering breaks a word over two lines: each
 * word of each cell is measured with a Range, and a word drawn on more than
 * one line box is broken inside.
 */
export async function wordsBrokenInside(page: Page, table: string) {
  return page
    .getByRole('table', { name: table })
    .evaluate((element: HTMLElement) => {
      const broken: string[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(
            [...range.getClientRects()]
              .filter(rect => rect.width > 0)
              .map(rect => Math.round(rect.top)),
          );
          if (lines.size > 1) broken.push(match[0]);
        }
      }
      return broken;
    });
}

/**
 * Approves the entity's latest snapshot as the demo admin, for the journeys
 * that need an assessment to count: the e2e portal requires review.
 * `entity` is the path `kind/namespace/name`.
 */
export async function approveLatest(
  request: APIRequestContext,
  entity: string,
) {
  const headers = {
    Authorization: `Bearer ${await providerToken(request, 'demo-admin')}`,
  };
  const latest = await request.get(
    `${BACKEND}/api/maturity/entities/${entity}`,
    {
      headers,
    },
  );
  expect(latest.ok()).toBe(true);
  const { revision, review } = await latest.json();
  expect(review?.status).toBe('pending');
  const decided = await request.post(
    `${BACKEND}/api/maturity/entities/${entity}/assessments/${revision}/review`,
    { headers, data: { decision: 'approve' } },
  );
  expect(decided.status()).toBe(200);
}
