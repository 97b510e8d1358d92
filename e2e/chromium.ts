/**
 * The flags Chromium is launched with, by the browser journeys
 * (playwright.config.ts) and by the install check (scripts/test-install).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
