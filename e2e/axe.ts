import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/** The rules of WCAG 2.1 levels A and AA, as axe-core tags them. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Rules that Backstage's own catalog table breaks on the catalog page, not
 * the plugin: its sortable headings nest focusable elements in the sort
 * button (material-table-core/core#929, open upstream).
 */
export const CATALOG_TABLE_UPSTREAM_RULES = ['nested-interactive'];

/**
 * The portal's sidebar is Backstage's, not the plugin's: its Notifications
 * item, with a count of unread notifications, names itself without the
 * count (label-content-name-mismatch).
 */
const APP_SIDEBAR = 'nav[aria-label="sidebar nav"]';

/**
 * The serious and critical WCAG 2.1 AA violations on the page as it is now,
 * one line each: the rule, what it asks, and the elements that break it.
 */
export async function seriousViolations(
  page: Page,
  options: { skipRules?: string[] } = {},
): Promise<string[]> {
  let axe = new AxeBuilder({ page }).withTags(WCAG_21_AA).exclude(APP_SIDEBAR);
  if (options.skipRules?.length) axe = axe.disableRules(options.skipRules);
  const { violations } = await axe.analyze();
  return violations
    .filter(v => v.impact && BLOCKING.has(v.impact))
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map(n => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
}

/**
 * Fails the journey when the screen has a serious or critical WCAG 2.1 AA
 * violation, naming the screen and every violation. `skipRules` is for a
 * rule that a part of Backstage on the screen breaks, never the plugin.
 */
export async function expectNoSeriousViolations(
  page: Page,
  screen: string,
  options: { skipRules?: string[] } = {},
) {
  expect(
    await seriousViolations(page, options),
    `accessibility of ${screen}`,
  ).toEqual([]);
}

/**
 * Opens the next pages in the dark theme, as a user who chose it in the
 * settings: Backstage keeps that choice under `theme` in local storage.
 */
export async function chooseDarkTheme(page: Page) {
  await page.addInitScript(() => window.localStorage.setItem('theme', 'dark'));
}
