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
  // Not widget.open(), which waits for the ID field: code that loads later, from the mock that is
  // busy answering with the long list (and, in the other worker, perhaps with 35 MB).
  await page.goto('/?softwareId=microsoft-_-windows_server_2016');
  await expect(widget.cards).toHaveCount(5000, { timeout: 20_000 });
  await widget.search('scenario-_-malformed');
  await expect(widget.error).toBeVisible();
  expect(errors).toEqual([]);
});

test('a long list is in groups of 840 cards that stay full and in order through sort and filter', async ({ page }) => {
  test.setTimeout(60_000);
  const widget = new StandalonePage(page);
  await page.goto('/?softwareId=microsoft-_-windows_server_2016');
  await expect(widget.cards).toHaveCount(5000, { timeout: 20_000 });
  // Each group's card count, and every card's KB number and machine count, in page order.
  const layout = () =>
    page.evaluate(() => {
      const groups = [...document.querySelectorAll('[data-testid=kb-list] > .mkb-grid')];
      const cards = [...document.querySelectorAll('[data-testid=kb-list] [data-testid=kb-card]')];
      return {
        groups: groups.map((group) => group.children.length),
        numbers: cards.map((card) => Number(card.querySelector('[data-testid=kb-number]')!.textContent!.slice(2))),
        names: cards.map((card) => card.querySelector('[data-testid=kb-name]')!.textContent!),
        machines: cards.map((card) =>
          Number(card.querySelector('[data-testid=machines-missing]')!.textContent!.replace(/\D/g, '')),
        ),
      };
    });
  const descending = (values: number[]) => values.every((value, i) => i === 0 || values[i - 1] >= value);

  let now = await layout();
  expect(now.groups).toEqual([840, 840, 840, 840, 840, 800]);
  expect(descending(now.machines)).toBe(true);

  await page.getByTestId('sort').selectOption('kb');
  await expect.poll(async () => descending((now = await layout()).numbers)).toBe(true);
  expect(now.groups).toEqual([840, 840, 840, 840, 840, 800]);

  // A narrower filter (the updates of January to September: 3,752 of them) takes cards out
  // of every group: each but the last is full again.
  await page.getByTestId('filter').fill('-0');
  await expect(widget.cards).toHaveCount(3752);
  now = await layout();
  expect(now.groups).toEqual([840, 840, 840, 840, 392]);
  expect(now.names.every((name) => /^\d{4}-0\d /.test(name))).toBe(true);
  expect(descending(now.numbers)).toBe(true);

  // Widening it again puts the cards back, in order.
  await page.getByTestId('filter').fill('');
  await expect(widget.cards).toHaveCount(5000);
  now = await layout();
  expect(now.groups).toEqual([840, 840, 840, 840, 840, 800]);
  expect(descending(now.numbers)).toBe(true);
});
