import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { StandalonePage } from './pages/standalone-page';

// WCAG 2.2 AA, by axe-core, in every state of the widget, light and dark, in two languages.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const screenshotsDir = path.resolve(__dirname, '../../docs/screenshots');

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, label).toEqual([]);
  // The scan really ran over the widget: many rules were checked and passed.
  expect(results.passes.length, label).toBeGreaterThan(15);
}

type State = { name: string; softwareId: string; ready: (widget: StandalonePage) => Promise<void>; holdApi?: boolean };
const states: State[] = [
  { name: 'loading', softwareId: 'microsoft-_-edge', holdApi: true, ready: (w) => expect(w.loading).toBeVisible() },
  { name: 'list', softwareId: 'microsoft-_-windows_10', ready: (w) => expect(w.cards).toHaveCount(8) },
  { name: 'empty', softwareId: 'google-_-chrome', ready: (w) => expect(w.empty).toBeVisible() },
  { name: 'error', softwareId: 'scenario-_-forbidden', ready: (w) => expect(w.error).toBeVisible() },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const lang of ['en', 'ja']) {
    for (const state of states) {
      test(`axe finds no WCAG 2.2 AA violation: ${state.name}, ${scheme}, ${lang}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        if (state.holdApi) await page.route('**/api/Software/**', () => {});
        const widget = new StandalonePage(page);
        await page.goto(`/?softwareId=${state.softwareId}&lang=${lang}`);
        await state.ready(widget);
        await expectNoViolations(page, `${state.name} ${scheme} ${lang}`);
        if (lang === 'en' && scheme === 'light' && state.name !== 'list') {
          await page.screenshot({ path: path.join(screenshotsDir, `${state.name}.png`) });
        }
      });
    }
  }
}

test('screenshots of the list: dark, Japanese, and a phone-width screen', async ({ page }) => {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const widget = new StandalonePage(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?softwareId=microsoft-_-windows_10');
  await expect(widget.cards).toHaveCount(8);
  await page.screenshot({ path: path.join(screenshotsDir, 'list-dark.png') });

  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/?softwareId=microsoft-_-windows_10&lang=ja');
  await expect(widget.cards).toHaveCount(8);
  await page.screenshot({ path: path.join(screenshotsDir, 'list-ja.png') });

  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/?softwareId=microsoft-_-windows_10');
  await expect(widget.cards).toHaveCount(8);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'no horizontal scrolling at 320 px').toBeLessThanOrEqual(0);
  await expectNoViolations(page, 'list at 320 px');
  await page.screenshot({ path: path.join(screenshotsDir, 'narrow.png') });
});

test('everything works from the keyboard: submit, sort, filter, chips, export, retry, links', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open();
  await widget.softwareId.focus();
  await page.keyboard.type('scenario-_-flaky_keyboard_' + Date.now());
  await page.keyboard.press('Enter');
  await expect(widget.retry).toBeVisible();
  await widget.retry.focus();
  await page.keyboard.press('Enter');
  await expect(widget.cards).toHaveCount(5);

  await page.getByTestId('filter').focus();
  await page.keyboard.type('april');
  await expect(widget.cards).toHaveCount(1);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.getByTestId('sort').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('sort')).toHaveValue('cves');
  // Tab reaches the actions and every card's link, in order.
  const reached: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(
      await page.evaluate(
        () => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '',
      ),
    );
  }
  expect(reached).toEqual(expect.arrayContaining(['export-csv', 'copy-kbs', 'product-chip', 'catalog-link']));
  const focusedChip = page.getByTestId('product-chip').first();
  await focusedChip.focus();
  await page.keyboard.press('Enter');
  await expect(focusedChip).toHaveAttribute('aria-pressed', 'true');
  // The focus ring is visible.
  const outline = await focusedChip.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe('none');
});

// The finder in each of its states, light and dark, and its screenshots (docs/screenshots/finder*.png).
const finderStates = [
  { name: 'finder', query: '', ready: (page: Page) => expect(page.getByTestId('software-option')).toHaveCount(50) },
  {
    name: 'finder-empty-search',
    query: 'no such software',
    ready: (page: Page) => expect(page.getByTestId('finder-status')).toContainText('no such software'),
  },
];
for (const scheme of ['light', 'dark'] as const) {
  for (const state of finderStates) {
    test(`axe finds no WCAG 2.2 AA violation: ${state.name}, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      if (state.query) await page.getByTestId('find-software').fill(state.query);
      await state.ready(page);
      await expectNoViolations(page, `${state.name} ${scheme}`);
      if (state.name === 'finder') {
        await page.screenshot({
          path: path.join(screenshotsDir, scheme === 'dark' ? 'finder-dark.png' : 'finder.png'),
        });
      }
    });
  }
}

test('axe finds no WCAG 2.2 AA violation: the finder loading and failed', async ({ page }) => {
  await page.route('**/api/Software?**', () => {});
  await page.goto('/');
  await expect(page.getByTestId('finder-status')).toContainText('Reading');
  await expectNoViolations(page, 'finder loading');
  await page.unroute('**/api/Software?**');
  await page.route('**/api/Software?**', (route) => route.fulfill({ status: 403, body: '{}' }));
  await page.reload();
  await expect(page.getByTestId('retry-inventory')).toBeVisible();
  await expectNoViolations(page, 'finder failed');
});

test('screenshots of the finder: Japanese and a phone-width screen', async ({ page }) => {
  await page.goto('/?lang=ja');
  await expect(page.locator('.mkb-finder__title')).toHaveText('組織内のソフトウェア');
  await page.getByTestId('find-software').fill('windows');
  await expect(page.getByTestId('software-option').first()).toBeVisible();
  await page.screenshot({ path: path.join(screenshotsDir, 'finder-ja.png') });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('software-option')).toHaveCount(50);
  await page.screenshot({ path: path.join(screenshotsDir, 'finder-narrow.png') });
});
