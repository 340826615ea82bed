import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { StandalonePage } from './pages/standalone-page';

// Tracing would snapshot a DOM of 10,000 cards at every step; these tests run without it.
test.use({ trace: 'off' });

type Case = { name: string; expect: { cardsAtLeast?: number; summary?: string } };
const { cases } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../hostile/cases.json'), 'utf8')) as {
  cases: Case[];
};

test('the 100,000-KB answer (about 35 MB) parses, renders in chunks, and holds 10,000 cards until asked for more', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const [{ expect: expected }] = cases.filter((c) => c.expect.cardsAtLeast);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('/?softwareId=scenario-_-hostile_hundred-thousand-kbs');
  await expect(page.getByTestId('summary')).toContainText(expected.summary!, { timeout: 30_000 });
  await expect(page.getByTestId('show-more')).toHaveText('Show 10,000 more KBs');
  await expect(page.getByTestId('kb-card')).toHaveCount(10_000, { timeout: 30_000 });
  const offCatalog = await page.evaluate(
    () =>
      [...document.querySelectorAll('.mkb a')].filter(
        (a) => !a.getAttribute('href')!.startsWith('https://catalog.update.microsoft.com/'),
      ).length,
  );
  expect(offCatalog).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('5,000 KBs load without an uncaught error, and the widget stays usable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const widget = new StandalonePage(page);
  test.setTimeout(60_000);
  await widget.open('microsoft-_-windows_server_2016');
  await expect(widget.cards).toHaveCount(5000, { timeout: 20_000 });
  await widget.search('scenario-_-malformed');
  await expect(widget.error).toBeVisible();
  expect(errors).toEqual([]);
});
