import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { signIn } from './portal';

// fraud-detector's catalog entry (examples/entities.yaml) records its
// repository, on-call, alert rules, code quality and a dependency; the demo
// portal switches maturity.evidence on.
const TAB = '/catalog/default/component/fraud-detector/maturity';

test('the form offers what the catalog records as evidence, and adds it on request', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(TAB);
  await page
    .getByRole('button', { name: /^(Assess|Update assessment)$/ })
    .click();
  await page.getByRole('button', { name: 'Technology', exact: true }).click();

  const release = page.getByRole('region', {
    name: 'Application Release and Operations',
    exact: true,
  });
  const repo = release
    .getByRole('region', {
      name: 'The catalog says about Application Release and Operations',
    })
    .getByRole('listitem')
    .filter({ hasText: 'GitHub repository' });
  await expect(repo).toContainText('cnmm-demo/fraud-detector');
  await expect(repo).toContainText('evidence for level 1');
  await expectNoSeriousViolations(page, 'the form with catalog evidence');

  await repo.getByRole('button', { name: 'Add as evidence' }).click();
  await expect(
    release.getByRole('textbox', { name: 'Evidence link 1' }),
  ).toHaveValue('https://github.com/cnmm-demo/fraud-detector');
  await expect(
    repo.getByRole('button', { name: 'Added as evidence' }),
  ).toBeDisabled();
  // Offered, not rated: the topic's level is still the rater's to set.
  await expect(release.getByRole('status')).toContainText('Not assessed');

  // A relation becomes a link of the portal, made absolute.
  const design = page.getByRole('region', {
    name: 'Architecture and Solution Design',
    exact: true,
  });
  await design
    .getByRole('listitem')
    .filter({ hasText: 'payments-ledger' })
    .getByRole('button', { name: 'Add as evidence' })
    .click();
  await expect(
    design.getByRole('textbox', { name: 'Evidence link 1' }),
  ).toHaveValue(
    'http://localhost:3000/catalog/default/component/payments-ledger',
  );
  await expectNoSeriousViolations(page, 'the form with evidence added');
});
