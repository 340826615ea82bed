// Each fixture portal (a Playwright project of tests/portals/playwright.config.ts) as its user
// sees it: the page its bundler built from the widget's npm package, served under the mock's
// strict Content Security Policy. Every file the widget fetches at run time must have been found
// and copied by the bundler, or something here stays empty: the wasm (the list), the wasm parts
// of a KB's details and of the finder, and a language's catalogues.
import { expect, test, type Page } from '@playwright/test';
import { fixtureCount } from '../e2e/fixtures';

/** What went wrong in the page: failed requests, error answers, console errors and warnings (a CSP refusal among them). */
function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.url()}: ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * Opens the portal's page (with `query`), checking that it is served under the strict policy,
 * but for Vite's development server, which adds <style> elements a strict policy refuses.
 */
async function openPortal(page: Page, query = '') {
  const response = await page.goto(`/${query}`);
  if (test.info().project.name !== 'vite-dev') {
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("connect-src 'self' ");
  }
  return { finder: page.locator('#finder'), list: page.locator('#list') };
}

test("the list loads, and a KB's details and the finder load their parts", async ({ page }) => {
  const problems = recordProblems(page);
  const { finder, list } = await openPortal(page);

  await expect(list.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-windows_10'));
  const card = list.getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  await expect(card.getByTestId('details-panel').getByTestId('cve')).toHaveCount(97);
  await expect(finder.getByTestId('software-option').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('a widget that speaks French loads its catalogues', async ({ page }) => {
  const problems = recordProblems(page);
  const { finder, list } = await openPortal(page, '?locale=fr');

  // The texts of the first download (i18n/fr.js), then those of the parts that load later
  // (i18n/fr.later.js), which the finder shows.
  await expect(list.locator('section.mkb')).toHaveAttribute('lang', 'fr');
  await expect(list.getByTestId('kb-card').first()).toContainText('Appareils concernés');
  await expect(finder.getByRole('heading', { name: 'Logiciels de votre organisation' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a part a bundler inlined as a data: URL is still checked against its digest', async ({ page }) => {
  test.skip(!['vite', 'vite6'].includes(test.info().project.name), 'Vite is the bundler that inlines the small parts');
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  // Every part inlined in the page's code, altered (its wasm's magic number), as a patched copy would be.
  await page.route('**/assets/index-*.js', async (route) => {
    const original = await (await route.fetch()).text();
    const altered = original.replaceAll('data:application/wasm;base64,AGFzbQ', 'data:application/wasm;base64,AGFzbR');
    expect(altered).not.toBe(original);
    await route.fulfill({ body: altered, contentType: 'text/javascript' });
  });
  const { list } = await openPortal(page);

  // The list needs no part; its tools are a part that needs inlined ones, refused before being compiled.
  await expect(list.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-windows_10'));
  await expect
    .poll(() => errors.join('\n'))
    .toMatch(/the part inlined as data:application\/wasm;base64,AGFzbR.* is not this build's/);
});
