import { expect, Locator, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { chooseDarkTheme, expectNoSeriousViolations } from './axe';
import {
  BACKEND,
  catalogEntity,
  guestToken,
  signIn,
  wordsBrokenInside,
} from './portal';
import { seedHistory } from './seedHistory';

/*
 * Scorecards as of a past day: the storefront team's components get
 * snapshots written over the last 200 days (see seedHistory.ts); its
 * scorecard, as of 30 days ago and compared with 90 days before that, shows
 * the levels of then, marks who moved, and lists them in the Changes view.
 * Between the two days: product-catalog improved (1 → 2), cart-service
 * regressed (3 → 2), recommendations was assessed for the first time and
 * old-checkout stayed at 1; product-catalog improved again since (3 now).
 */
test.describe.configure({ mode: 'serial' });

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const SCREENSHOTS = join(__dirname, '..', 'docs');
const TEAM = '/catalog/default/group/storefront/maturity';

/** A day, YYYY-MM-DD in UTC, some days before now. */
const dayBefore = (days: number) =>
  new Date(NOW - days * DAY_MS).toISOString().slice(0, 10);
/** A day as the plugin writes it for people, e.g. "Jul 1, 2026". */
const shown = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

const AS_OF = dayBefore(30);
const COMPARED = dayBefore(120);

/** Every dimension of the model at one level. */
const all = (level: number) =>
  Object.fromEntries(
    ['business-outcomes', 'people', 'process', 'policy', 'technology'].map(
      id => [id, level],
    ),
  );

/** The row of a table that links to an entity. */
function rowOf(page: Page, table: Locator, name: string) {
  return table
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The heat cell of a dimension in a row (after `before` other cells). */
function heatCell(row: Locator, before: number, dimension: number) {
  return row.getByRole('cell').nth(before + dimension);
}

test('1. the storefront team has a history of snapshots over 200 days', async ({
  page,
}) => {
  await signIn(page);
  const token = await guestToken(page);
  const [catalog, cart, recommendations, checkout] = await Promise.all(
    ['product-catalog', 'cart-service', 'recommendations', 'old-checkout'].map(
      name => catalogEntity(page, token, name),
    ),
  );
  // The other journeys leave the storefront unassessed: what follows is
  // only the history written here.
  const scorecard = await page.request.get(
    `${BACKEND}/api/maturity/scorecards/groups/default/storefront?entities=none`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect((await scorecard.json()).components.assessed).toBe(0);
  expect(catalog.ownerRef).toBe('group:default/storefront');

  await seedHistory(
    [
      { entity: catalog, daysAgo: 200, levels: all(1) },
      { entity: catalog, daysAgo: 60, levels: all(2) },
      { entity: catalog, daysAgo: 5, levels: all(3) },
      { entity: cart, daysAgo: 200, levels: all(3) },
      { entity: cart, daysAgo: 60, levels: all(2) },
      { entity: recommendations, daysAgo: 60, levels: all(1) },
      { entity: checkout, daysAgo: 200, levels: all(1) },
    ],
    NOW,
  );
});

test('2. the team scorecard as of 30 days ago, compared with 90 days before, marks and lists who moved', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(TEAM);
  const components = page.getByRole('table', { name: 'Maturity by component' });
  // Now: product-catalog at 3.
  await expect(
    heatCell(rowOf(page, components, 'product-catalog'), 1, 0),
  ).toHaveText(/^3 · Scale$/);

  await page.getByLabel('As of').fill(AS_OF);
  await page.getByLabel('Compare with').selectOption('90d');
  await expect(
    page.getByText(
      `As of ${shown(AS_OF)}; teams and ownership as in today's catalog.`,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(`Compared with ${shown(COMPARED)}`),
  ).toBeVisible();
  const query = new URL(page.url()).searchParams;
  expect([query.get('asOf'), query.get('compare')]).toEqual([AS_OF, '90d']);

  // Then: product-catalog at 2, up from 1; cart-service at 2, down from 3;
  // recommendations rated for the first time, unmarked; old-checkout as it was.
  const was = `on ${shown(COMPARED)}`;
  const improved = heatCell(rowOf(page, components, 'product-catalog'), 1, 0);
  // The cell's text holds, after the level and its arrow, the level's name
  // and the move for screen readers.
  await expect(improved).toHaveText(/^2▲ · Operate, up from 1 · Build/);
  await expect(improved).toHaveAttribute(
    'title',
    `2 · Operate, up from 1 · Build ${was}`,
  );
  const regressed = heatCell(rowOf(page, components, 'cart-service'), 1, 0);
  await expect(regressed).toHaveText(/^2▼ · Operate/);
  await expect(regressed).toHaveAttribute(
    'title',
    `2 · Operate, down from 3 · Scale ${was}`,
  );
  const first = heatCell(rowOf(page, components, 'recommendations'), 1, 0);
  await expect(first).toHaveText(/^1 · Build/);
  await expect(first).toHaveAttribute(
    'title',
    `1 · Build, was Not assessed ${was}`,
  );
  await expect(
    heatCell(rowOf(page, components, 'old-checkout'), 1, 0),
  ).toHaveAttribute('title', `1 · Build, unchanged since ${shown(COMPARED)}`);
  expect(await wordsBrokenInside(page, 'Maturity by component')).toEqual([]);

  // The Changes view: the totals, then one movement at a time.
  await expect(
    page.getByText(`Changes from ${shown(COMPARED)} to ${shown(AS_OF)}`),
  ).toBeVisible();
  await expect(
    page.getByText('1 improved · 1 regressed · 1 newly assessed · 1 unchanged'),
  ).toBeVisible();
  const changed = page.getByRole('table', { name: 'Changed entities' });
  await expect(changed.locator('tbody tr')).toHaveCount(4);
  await page.getByLabel('Movement').selectOption('regressed');
  await expect(changed.locator('tbody tr')).toHaveCount(1);
  await expect(rowOf(page, changed, 'cart-service')).toContainText('Regressed');
  await page.getByLabel('Movement').selectOption('improved');
  await expect(changed.locator('tbody tr')).toHaveCount(1);
  await expect(rowOf(page, changed, 'product-catalog')).toContainText(
    'Improved',
  );
  const byTeam = page.getByRole('table', { name: 'Changes by team' });
  await expect(rowOf(page, byTeam, 'storefront').getByRole('cell')).toHaveText([
    'storefront',
    '1',
    '1',
    '1',
    '1',
  ]);

  // The trend: the team's medians at each month's end, a chart and a table.
  const trend = page.getByRole('img', {
    name: /^Dimension medians at each month's end/,
  });
  await expect(trend).toBeVisible();
  const box = (await trend.boundingBox())!;
  expect(box.width).toBeGreaterThan(600);
  expect(box.height).toBe(280);
  await expect(trend.locator('.recharts-line')).toHaveCount(5);
  await page.getByRole('button', { name: 'Show as a table' }).click();
  const months = page.getByRole('table', {
    name: 'Dimension medians by month',
  });
  await expect(months.locator('tbody tr')).toHaveCount(12);

  // The controls sit side by side on one line, none over another.
  const asOf = (await page.getByLabel('As of').boundingBox())!;
  const compare = (await page.getByLabel('Compare with').boundingBox())!;
  expect(asOf.x + asOf.width).toBeLessThan(compare.x);
  expect(Math.abs(asOf.y - compare.y)).toBeLessThan(2);

  await expectNoSeriousViolations(page, 'a team scorecard as of a past day');
  await page.screenshot({
    path: join(SCREENSHOTS, 'scorecard-as-of.png'),
    fullPage: true,
  });
});

test('3. the overview as of a day marks the same moves, and its link shows them again', async ({
  page,
  context,
}) => {
  await signIn(page);
  await page.goto(
    `/maturity?owner=group:default/storefront&asOf=${AS_OF}&compare=90d`,
  );
  const table = page.getByRole('table', { name: 'Maturity overview' });
  // Entity, owner, system and lifecycle come before the heat cells.
  await expect(
    heatCell(rowOf(page, table, 'product-catalog'), 4, 0),
  ).toHaveText(/^2▲/);
  await expect(heatCell(rowOf(page, table, 'cart-service'), 4, 0)).toHaveText(
    /^2▼/,
  );
  await expect(page.getByLabel('As of')).toHaveValue(AS_OF);
  await expect(
    page.getByRole('table', { name: 'Changed entities' }).locator('tbody tr'),
  ).toHaveCount(4);
  await expectNoSeriousViolations(page, 'the overview as of a past day');
  await page.screenshot({
    path: test.info().outputPath('overview-as-of.png'),
    fullPage: true,
  });

  // Today, with a comparison of its own day: only what moved since.
  const shared = await context.newPage();
  await shared.goto(
    `/maturity?owner=group:default/storefront&compare=${dayBefore(30)}`,
  );
  const sharedTable = shared.getByRole('table', { name: 'Maturity overview' });
  await expect(
    heatCell(rowOf(shared, sharedTable, 'product-catalog'), 4, 0),
  ).toHaveText(/^3▲/);
  await expect(
    heatCell(rowOf(shared, sharedTable, 'cart-service'), 4, 0),
  ).toHaveText(/^2 · Operate, unchanged/);
  await expect(shared.getByLabel('Compare with', { exact: true })).toHaveValue(
    'date',
  );
  await expect(shared.getByLabel('Date to compare with')).toHaveValue(
    dayBefore(30),
  );
});

test('4. the system and domain scorecards take the same day and comparison', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(
    `/catalog/default/system/storefront/maturity?asOf=${AS_OF}&compare=90d`,
  );
  const components = page.getByRole('table', { name: 'Maturity by component' });
  await expect(
    heatCell(rowOf(page, components, 'cart-service'), 1, 0),
  ).toHaveText(/^2▼/);
  await expectNoSeriousViolations(page, 'a system scorecard as of a past day');

  await page.goto(
    `/catalog/default/domain/commerce/maturity?asOf=${AS_OF}&compare=90d`,
  );
  await expect(
    page.getByRole('table', { name: 'Changed entities' }).locator('tbody tr'),
  ).toHaveCount(4);
  await expectNoSeriousViolations(page, 'a domain scorecard as of a past day');
  await page.screenshot({
    path: test.info().outputPath('domain-as-of.png'),
    fullPage: true,
  });

  // A day to come has no answer yet: the field says so, no scorecard shows.
  await page.goto(
    `/catalog/default/domain/commerce/maturity?asOf=${dayBefore(-2)}`,
  );
  await expect(
    page.getByText('A date in the future has no answer yet'),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Maturity by component' }),
  ).toHaveCount(0);
});

test('5. in the dark theme, the team scorecard as of a past day has no serious accessibility violation', async ({
  page,
}) => {
  await chooseDarkTheme(page);
  await signIn(page);
  await page.goto(`${TEAM}?asOf=${AS_OF}&compare=90d`);
  await expect(
    page.getByRole('table', { name: 'Changed entities' }).locator('tbody tr'),
  ).toHaveCount(4);
  await expect(
    page.getByRole('img', { name: /^Dimension medians at each month's end/ }),
  ).toBeVisible();
  await expectNoSeriousViolations(
    page,
    'a team scorecard as of a past day, dark',
  );
  await page.screenshot({
    path: test.info().outputPath('scorecard-as-of-dark.png'),
    fullPage: true,
  });
});
