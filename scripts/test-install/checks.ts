import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../e2e/chromium';

/** The example component of a create-app app, owned by the group guests. */
const ENTITY = 'component/default/example-website';

type Answer = { status: number; body: any };

async function call(
  url: string,
  init: { method?: string; token?: string; json?: unknown } = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.json !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
      'X-Requested-With': 'XMLHttpRequest',
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the error message
  }
  return { status: res.status, body };
}

function expectStatus(what: string, answer: Answer, status: number) {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status} ${JSON.stringify(
        answer.body,
      ).slice(0, 500)}`,
    );
  }
}

/** A token of the guest, as the app's sign-in page gets it. */
async function guestToken(base: string) {
  const answer = await call(`${base}/api/auth/guest/refresh`);
  expectStatus('guest sign-in', answer, 200);
  return answer.body.backstageIdentity.token as string;
}

async function waitFor<T>(
  what: string,
  seconds: number,
  probe: () => Promise<T | undefined>,
) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${seconds} s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * The REST API as the README's install leaves it: the model, an entity read,
 * a write by the guest (an owner of the example entities under the README's
 * policy), the read that shows it, and a catalog write the policy refuses
 * (under the allow-all policy it would be allowed). Returns what it saw, one
 * line each.
 */
export async function checkApi(base: string, log: (line: string) => void) {
  // The guest's groups are read from the catalog at sign-in, so the catalog
  // must have read the example organisation and entities first.
  const first = await guestToken(base);
  await waitFor(
    'the catalog to hold user:default/guest and example-website',
    180,
    async () => {
      const user = await call(
        `${base}/api/catalog/entities/by-name/user/default/guest`,
        { token: first },
      );
      const entity = await call(
        `${base}/api/catalog/entities/by-name/${ENTITY}`,
        { token: first },
      );
      return user.status === 200 && entity.status === 200 ? true : undefined;
    },
  );
  const token = await guestToken(base);

  const model = await call(`${base}/api/maturity/model`, { token });
  expectStatus('GET /api/maturity/model', model, 200);
  const topics = model.body.dimensions.flatMap((d: any) => d.topics);
  log(
    `GET /api/maturity/model: ${model.body.title} ${model.body.version}, ${model.body.dimensions.length} dimensions, ${topics.length} topics`,
  );

  const before = await call(`${base}/api/maturity/entities/${ENTITY}`, {
    token,
  });
  expectStatus(
    `GET /api/maturity/entities/${ENTITY} before any assessment`,
    before,
    404,
  );
  log(`GET /api/maturity/entities/${ENTITY}: 404, not assessed yet`);

  const topic = topics[0].id as string;
  const written = await call(
    `${base}/api/maturity/entities/${ENTITY}/assessments`,
    {
      method: 'POST',
      token,
      json: {
        baseRevision: 0,
        ratings: { [topic]: { 1: 'fully', 2: 'largely' } },
      },
    },
  );
  expectStatus('POST …/assessments as the guest', written, 201);
  log(
    `POST /api/maturity/entities/${ENTITY}/assessments as the guest: 201, revision ${written.body.revision}`,
  );

  const after = await call(`${base}/api/maturity/entities/${ENTITY}`, {
    token,
  });
  expectStatus(`GET /api/maturity/entities/${ENTITY}`, after, 200);
  if (
    after.body.revision !== 1 ||
    after.body.createdBy !== 'user:default/guest'
  ) {
    throw new Error(
      `unexpected assessment: ${JSON.stringify(after.body).slice(0, 300)}`,
    );
  }
  log(
    `GET /api/maturity/entities/${ENTITY}: revision 1 by ${after.body.createdBy}, ${topic} at level ${after.body.result.topics[topic].level}`,
  );

  const location = await call(`${base}/api/catalog/locations?dryRun=true`, {
    method: 'POST',
    token,
    json: { type: 'url', target: 'https://example.com/catalog-info.yaml' },
  });
  expectStatus(
    'POST /api/catalog/locations as the guest (the policy, not allow-all)',
    location,
    403,
  );
  log(
    'POST /api/catalog/locations as the guest: 403, the README policy is in force, not allow-all',
  );
  return topic;
}

/**
 * The Maturity tab, the sidebar item of the page and the catalog's Maturity
 * column, in Chromium, signed in as the guest; screenshots go to `outDir`.
 */
export async function checkBrowser(
  base: string,
  executablePath: string,
  outDir: string,
  log: (line: string) => void,
) {
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    page.setDefaultTimeout(60_000);
    const entityPath = '/catalog/default/component/example-website';
    await page.goto(`${base}${entityPath}`);
    // The entity page's tabs are links; the guest may sign in by itself.
    const enter = page.getByRole('button', { name: 'Enter' });
    const tab = page.locator(`a[href$="${entityPath}/maturity"]`, {
      hasText: 'Maturity',
    });
    await enter.or(tab).first().waitFor({ timeout: 120_000 });
    if (await enter.isVisible()) await enter.click();
    await tab.click();
    await page.getByRole('button', { name: 'Update assessment' }).waitFor();
    const history = page.getByRole('table', { name: 'Assessment history' });
    await history.getByRole('row').nth(1).waitFor();
    await page.screenshot({ path: join(outDir, 'maturity-tab.png') });
    log(
      `${page.url()}: the Maturity tab shows revision 1 and offers "Update assessment"`,
    );

    await page
      .locator('a[href="/maturity"]', { hasText: 'Maturity' })
      .waitFor();
    log('the sidebar has the Maturity item of the /maturity page');

    // Through the sidebar: a create-app app mounts the catalog at /.
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .click();
    await page.getByRole('columnheader', { name: 'Maturity' }).waitFor();
    await page.getByLabel('Minimum level').waitFor();
    await page.screenshot({
      path: join(outDir, 'catalog.png'),
      fullPage: true,
    });
    log(
      `${page.url()}: the catalog has the Maturity column and the maturity filter`,
    );
  } finally {
    await browser.close();
  }
}
