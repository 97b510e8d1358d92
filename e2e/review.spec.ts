import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { chooseDarkTheme, expectNoSeriousViolations } from './axe';
import { BACKEND, providerToken, signIn, signInAsAdmin } from './portal';

/*
 * Four eyes on an assessment (the e2e portal requires review): the owner
 * (sam, of the payments team) assesses fraud-detector and sees it await
 * review while the team scorecard does not count it; the admin (ada, of
 * maturity-admins) approves it from the review list and the scorecard counts
 * it; the owner's update then waits beside what counts, with its changes,
 * and the admin returns it with a comment the owner reads. It runs after the
 * other journeys, which expect fraud-detector unassessed.
 */
test.describe.configure({ mode: 'serial' });

const SCREENSHOTS = join(__dirname, '..', 'docs');
const TAB = '/catalog/default/component/fraud-detector/maturity';
const TEAM = '/catalog/default/group/payments/maturity';

let assessedBefore = 0;

async function rate(
  page: Page,
  dimension: string,
  topic: string,
  rating: string,
) {
  await page.getByRole('button', { name: dimension, exact: true }).click();
  await page
    .getByRole('region', { name: topic, exact: true })
    .getByRole('group', { name: /^Level 1 · / })
    .getByRole('radio', { name: rating, exact: true })
    .check();
}

async function save(page: Page) {
  await page.getByRole('button', { name: 'Review changes' }).click();
  await page.getByRole('button', { name: 'Save assessment' }).click();
}

test('1. the owner submits an assessment and sees it await review; the team does not count it yet', async ({
  page,
  request,
}) => {
  const token = await providerToken(request, 'guest');
  const scorecard = await request.get(
    `${BACKEND}/api/maturity/scorecards/groups/default/payments?entities=none`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  assessedBefore = (await scorecard.json()).components.assessed;

  await signIn(page);
  await page.goto(TAB);
  await expect(page.getByText('No maturity assessment yet')).toBeVisible();
  await page.getByRole('button', { name: 'Assess' }).click();
  await rate(page, 'Process', 'Audit and Logs', 'Fully');
  await save(page);

  await expect(
    page.getByText(/^Assessment saved as revision 1\. Awaiting review/),
  ).toBeVisible();
  const pending = page.getByRole('region', {
    name: 'Revision 1 awaits review',
  });
  await expect(pending).toContainText('Awaiting review');
  await expect(pending).toContainText('No earlier assessment counts');
  // The author may not decide their own assessment.
  await expect(page.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expectNoSeriousViolations(page, 'the Maturity tab, awaiting review');

  await page.goto(TEAM);
  await expect(
    page.getByText(`${assessedBefore} of 4 components assessed`),
  ).toBeVisible();
});

test('2. the admin approves it from the review list, and the team scorecard counts it', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto('/maturity');
  await page.getByRole('tab', { name: 'Reviews' }).click();
  const list = page.getByRole('table', { name: 'Assessments awaiting review' });
  const row = list.getByRole('row').filter({ hasText: 'fraud-detector' });
  await expect(row).toContainText('Revision 1');
  await expect(row).toContainText(/less than a day|\d+ days?/);
  await expectNoSeriousViolations(page, 'the review list');
  await page.screenshot({ path: join(SCREENSHOTS, 'review-list.png') });

  await row
    .getByRole('button', { name: 'Approve revision 1 of fraud-detector' })
    .click();
  await expect(
    page.getByText('fraud-detector: Revision 1 approved: it counts now.'),
  ).toBeVisible();
  await expect(
    list.getByRole('row').filter({ hasText: 'fraud-detector' }),
  ).toHaveCount(0);

  await page.goto(TEAM);
  await expect(
    page.getByText(`${assessedBefore + 1} of 4 components assessed`),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Maturity by component' })
      .getByRole('row')
      .filter({ hasText: 'fraud-detector' }),
  ).toContainText('1 · Build'); // Process: Audit and Logs, level 1 fully
});

test('3. an update waits beside what counts, with its changes; the admin returns it with a comment the owner reads', async ({
  page,
  browser,
}) => {
  await signIn(page);
  await page.goto(TAB);
  await page.getByRole('button', { name: 'Update assessment' }).click();
  await rate(page, 'Process', 'Security', 'Fully');
  await save(page);

  const pending = page.getByRole('region', {
    name: 'Revision 2 awaits review',
  });
  await expect(pending).toContainText('Revision 1 counts meanwhile');
  await expect(
    pending
      .getByRole('table', {
        name: 'Changes of revision 2 against revision 1, which counts',
      })
      .getByRole('row', { name: /Security/ }),
  ).toContainText('Level 1: not rated → Fully');
  await expect(page.getByText(/^Revision 1, assessed by/)).toBeVisible();
  await expectNoSeriousViolations(
    page,
    'the Maturity tab, an update awaiting review',
  );

  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto(TAB);
  // The reviewer's view: what counts below, the update with its changes and
  // the decision above.
  await expect(
    admin.getByRole('button', { name: 'Approve revision 2' }),
  ).toBeVisible();
  await expectNoSeriousViolations(admin, 'the Maturity tab, as a reviewer');
  await admin.screenshot({ path: join(SCREENSHOTS, 'review-pending.png') });
  await admin.getByRole('button', { name: 'Return revision 2' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Return revision 2' });
  await dialog
    .getByRole('textbox', { name: /Why is it returned/ })
    .fill('Security at level 1 needs evidence: link the threat model.');
  await expectNoSeriousViolations(admin, 'the return dialog');
  await dialog.getByRole('button', { name: 'Return assessment' }).click();
  await expect(
    admin.getByText('Revision 2 returned to its author with your comment.'),
  ).toBeVisible();
  await admin.context().close();

  await page.reload();
  const returned = page.getByRole('region', {
    name: 'Revision 2 was returned',
  });
  await expect(returned).toContainText('Returned by');
  await expect(returned).toContainText(
    'Security at level 1 needs evidence: link the threat model.',
  );
  await expectNoSeriousViolations(page, 'the Maturity tab, returned');

  // The statuses are words on neutral chips, readable in the dark theme too.
  await chooseDarkTheme(page);
  await page.reload();
  await expect(returned).toContainText('Returned');
  await expectNoSeriousViolations(page, 'the Maturity tab, returned, dark');
});
