import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { expectNoSeriousViolations } from './axe';
import { approveLatest, BACKEND, providerToken, signIn } from './portal';

/*
 * A campaign from creation to progress: the admin (ada, of the
 * maturity-admins group) creates it through the API, signed in with the
 * demo-admin provider that only the e2e config enables; the guest (sam, of
 * the payments team, an owner but not an admin) sees it on a component's tab
 * and in the notifications page, assesses the component, and the campaign's
 * progress rises. It reads the state it starts from instead of assuming one,
 * so it does not depend on what the other journeys recorded.
 */
test.describe.configure({ mode: 'serial' });

const SCREENSHOTS = join(__dirname, '..', 'docs');
// The portal of a run starts with a fresh database, so the title is unique.
const TITLE = 'Payments policy basics';
const GOAL_TOPIC = 'policy.policy-creation';

async function openCampaign(page: Page) {
  await page.goto('/maturity');
  await page.getByRole('tab', { name: 'Campaigns' }).click();
  await expect(page.getByRole('button', { name: TITLE })).toBeVisible();
  await expectNoSeriousViolations(page, 'the Campaigns tab');
  await page.getByRole('button', { name: TITLE }).click();
  await expect(
    page.getByRole('table', { name: 'Progress per goal' }),
  ).toBeVisible();
}

let campaignId = '';
let shortEntity = '';
let meetingBefore = 0;

test('1. an admin creates a campaign; an owner who is not an admin may not', async ({
  request,
}) => {
  const today = new Date().toISOString().slice(0, 10);
  const deadline = new Date(Date.now() + 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const body = {
    title: TITLE,
    description: 'Every production component of payments has a policy process',
    scope: { owner: 'group:default/payments', lifecycle: 'production' },
    goals: { topics: { [GOAL_TOPIC]: 1 } },
    startsOn: today,
    deadline,
  };
  const guest = await request.post(`${BACKEND}/api/maturity/campaigns`, {
    headers: {
      Authorization: `Bearer ${await providerToken(request, 'guest')}`,
    },
    data: body,
  });
  expect(guest.status()).toBe(403);

  const admin = await providerToken(request, 'demo-admin');
  const created = await request.post(`${BACKEND}/api/maturity/campaigns`, {
    headers: { Authorization: `Bearer ${admin}` },
    data: body,
  });
  expect(created.status()).toBe(201);
  campaignId = (await created.json()).id;

  const progress = await request.get(
    `${BACKEND}/api/maturity/campaigns/${campaignId}/progress`,
    { headers: { Authorization: `Bearer ${admin}` } },
  );
  const state = await progress.json();
  // payments-api and payments-ledger are the team's production components.
  expect(state.total).toBe(2);
  expect(state.entities.items.length).toBeGreaterThan(0);
  meetingBefore = state.meeting;
  shortEntity = state.entities.items[0].entityRef.split('/')[1];
});

test('2. the owner sees the campaign on the component and is notified', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/catalog/default/component/${shortEntity}/maturity`);
  const campaigns = page.getByRole('list', { name: 'Campaigns' });
  await expect(campaigns).toContainText(TITLE);
  await expect(campaigns).toContainText('Policy Creation: level 1 needed');
  await expectNoSeriousViolations(page, 'the Maturity tab with a campaign');

  // The reminder task runs every 10 s in the e2e config: one digest for
  // the team, naming its components (the demo sets listEntities).
  await expect(async () => {
    await page.goto('/notifications');
    await expect(
      page.getByText(`New maturity campaign "${TITLE}" for group:payments`),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await expect(
    page
      .getByText(new RegExp(`2 entities of group:payments: .*${shortEntity}`))
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, 'campaign-notifications.png'),
  });
});

test('3. after an assessment that meets the goal, the progress rises', async ({
  page,
}) => {
  await signIn(page);
  await openCampaign(page);
  await expect(
    page.getByRole('progressbar', {
      name: `${TITLE}: ${meetingBefore} of 2 meet the goals`,
    }),
  ).toBeVisible();
  await expectNoSeriousViolations(page, 'a campaign');

  await page.goto(`/catalog/default/component/${shortEntity}/maturity`);
  const start = page
    .getByRole('button', { name: 'Assess' })
    .or(page.getByRole('button', { name: 'Update assessment' }));
  await start.click();
  await page.getByRole('button', { name: 'Policy', exact: true }).click();
  await page
    .getByRole('region', { name: 'Policy Creation', exact: true })
    .getByRole('group', { name: /^Level 1 · / })
    .getByRole('radio', { name: 'Fully', exact: true })
    .check();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(
    page.getByRole('button', { name: 'Update assessment' }),
  ).toBeVisible();
  // The e2e portal requires review: the assessment counts once approved.
  await approveLatest(page.request, `component/default/${shortEntity}`);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Campaigns' })).toContainText(
    'Meets every goal',
  );

  await openCampaign(page);
  await expect(
    page.getByRole('progressbar', {
      name: `${TITLE}: ${meetingBefore + 1} of 2 meet the goals`,
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', {
      name: new RegExp(`^Burn-up: ${meetingBefore + 1} of 2 meeting`),
    }),
  ).toBeVisible();
  await page.screenshot({
    path: join(SCREENSHOTS, 'campaign-page.png'),
    fullPage: true,
  });
});
