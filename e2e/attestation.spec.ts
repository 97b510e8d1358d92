import { expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoSeriousViolations } from './axe';
import {
  approveLatest,
  BACKEND,
  catalogEntity,
  guestToken,
  signIn,
} from './portal';
import { seedHistory } from './seedHistory';

/*
 * Topics that must be confirmed, and exemptions that end (the demo portal's
 * app-config.yaml: attestation 180 days, Process 90, exemptions on; the e2e
 * configs keep them, and require review). legacy-billing, of the guest's
 * payments team and assessed by no other journey, gets a snapshot written
 * 100 days ago (see seedHistory.ts): its owner confirms one topic unchanged,
 * then exempts a topic with a reason; each waits for review like any save,
 * and shows on the Maturity tab and on /maturity once the admin approves it.
 */
test.describe.configure({ mode: 'serial' });

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const SCREENSHOTS = join(__dirname, '..', 'docs');
const ENTITY = 'component/default/legacy-billing';
const TAB = '/catalog/default/component/legacy-billing/maturity';
const REASON = 'Legacy billing runs no AI model of its own';

/** A moment some days from now as the plugin writes it, e.g. "Jul 1, 2026". */
const shown = (days: number) =>
  new Date(NOW + days * DAY_MS).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

/** The cells of a topic's row on the Maturity tab, every topic shown. */
async function topicCells(page: Page, topic: string) {
  await page
    .getByRole('checkbox', { name: /Show only topics below target/ })
    .uncheck();
  return page
    .getByRole('table', { name: 'Topics' })
    .getByRole('row', { name: topic, exact: true })
    .getByRole('cell');
}

async function latest(page: Page, token: string) {
  const res = await page.request.get(
    `${BACKEND}/api/maturity/entities/${ENTITY}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.ok()).toBe(true);
  return res.json();
}

async function saveFromForm(page: Page) {
  await page.getByRole('button', { name: 'Review changes' }).click();
  await page.getByRole('button', { name: 'Save assessment' }).click();
}

test('1. an owner confirms a topic unchanged: attested today, ratings as they were', async ({
  page,
}) => {
  await signIn(page);
  const token = await guestToken(page);
  const entity = await catalogEntity(page, token, 'legacy-billing');
  const levels = Object.fromEntries(
    ['business-outcomes', 'people', 'process', 'policy', 'technology'].map(
      id => [id, 1],
    ),
  );
  await seedHistory([{ entity, daysAgo: 100, levels }], NOW);
  const before = await latest(page, token);

  await page.goto(TAB);
  const outcomes = await topicCells(page, 'Business Outcomes');
  await expect(outcomes.nth(-2)).toHaveText(shown(-100));
  await expect(outcomes.nth(-1)).toHaveText(shown(80));
  await expectNoSeriousViolations(page, 'the Maturity tab with attestations');

  await page.getByRole('button', { name: 'Update assessment' }).click();
  const region = page.getByRole('region', {
    name: 'Business Outcomes',
    exact: true,
  });
  await expect(region).toContainText(
    `Attested ${shown(-100)}; counts until ${shown(80)}.`,
  );
  const confirm = region.getByRole('button', { name: 'Confirm unchanged' });
  await confirm.click();
  await expect(confirm).toHaveAttribute('aria-pressed', 'true');
  await expectNoSeriousViolations(page, 'the form with a topic confirmed');
  await saveFromForm(page);

  const revision = before.revision + 1;
  await expect(
    page.getByText(`Assessment saved as revision ${revision}.`),
  ).toBeVisible();
  // A confirmation waits for review like any save: the topic counts as
  // attested 100 days ago until it is approved.
  await expect(
    page.getByRole('region', { name: `Revision ${revision} awaits review` }),
  ).toContainText(`Revision ${before.revision} counts meanwhile`);
  await expect(
    (await topicCells(page, 'Business Outcomes')).nth(-2),
  ).toHaveText(shown(-100));

  await approveLatest(page.request, ENTITY);
  await page.reload();
  await expect(
    page.getByText(`Revision ${revision}, assessed by`),
  ).toBeVisible();
  const confirmed = await topicCells(page, 'Business Outcomes');
  await expect(confirmed.nth(-2)).toHaveText(shown(0));
  await expect(confirmed.nth(1)).toHaveText('1 · Build');
  // A topic not confirmed keeps the day it was attested.
  await expect((await topicCells(page, 'Culture')).nth(-2)).toHaveText(
    shown(-100),
  );

  const after = await latest(page, token);
  expect(after.ratings).toEqual(before.ratings);
  expect(after.attestedAt['business-outcomes.outcomes'].slice(0, 10)).toBe(
    new Date().toISOString().slice(0, 10),
  );
  expect(after.attestedAt['people.culture']).toBe(
    before.attestedAt['people.culture'],
  );
});

test('2. an exemption needs its reason, and shows it with its end on the tab and on /maturity', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(TAB);
  await page.getByRole('button', { name: 'Update assessment' }).click();
  await page.getByRole('button', { name: 'Technology', exact: true }).click();
  const ai = page.getByRole('region', { name: 'AI', exact: true });
  for (let level = 1; level <= 5; level++) {
    await ai
      .getByRole('group', { name: new RegExp(`^Level ${level} · `) })
      .getByRole('radio', { name: 'Not applicable', exact: true })
      .check();
  }
  await saveFromForm(page);

  // Not saved: the form is back on the topic, its reason field says why.
  const reason = ai.getByRole('textbox', { name: /Reason for the exemption/ });
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(
    'technology.ai is rated entirely not applicable: give the reason of this exemption',
  );
  await expectNoSeriousViolations(page, 'the form with a missing reason');
  await reason.fill(REASON);
  await saveFromForm(page);
  // Under review the admin's approval grants the exemption.
  await expect(
    page.getByRole('region', { name: /^Revision \d+ awaits review$/ }),
  ).toBeVisible();
  await approveLatest(page.request, ENTITY);
  await page.reload();

  const exemptions = page.getByRole('table', { name: 'Exemptions' });
  const row = exemptions.getByRole('row').filter({ hasText: REASON });
  // The topic's attestation (180 days) ends before the exemption (365).
  await expect(row.getByRole('cell')).toHaveText([
    'Technology · AI',
    REASON,
    'Sam Guest',
    'Ada Admin',
    shown(180),
  ]);
  await expectNoSeriousViolations(page, 'the Maturity tab with an exemption');

  await page.goto('/maturity');
  const card = page.getByRole('region', { name: 'Exemptions', exact: true });
  const listed = card
    .getByRole('table', { name: 'Exemptions' })
    .getByRole('row')
    .filter({ hasText: 'legacy-billing' });
  await expect(listed.getByRole('cell')).toHaveText([
    'legacy-billing',
    'payments',
    'Technology · AI',
    REASON,
    'Sam Guest',
    'Ada Admin',
    shown(180),
  ]);
  await expectNoSeriousViolations(page, 'the overview with its exemptions');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(SCREENSHOTS, 'exemptions.png') });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download exemptions CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv).toContain('component:default/legacy-billing');
  expect(csv).toContain(REASON);
});
