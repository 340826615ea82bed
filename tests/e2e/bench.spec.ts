import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The benchmark (bench/) is only fair if its hand-written baseline builds the same cards as the
// widget. These tests run its page against the release build and compare the two, card by card.

const benchPage = path.resolve(__dirname, '../../bench/page');

async function openBenchPage(page: Page) {
  // The mock serves dist/; the benchmark's own files are served from bench/page/ as they are.
  await page.route('**/bench/*', (route) => {
    const file = path.join(benchPage, path.basename(new URL(route.request().url()).pathname));
    if (!fs.existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ path: file, contentType: file.endsWith('.html') ? 'text/html' : 'text/javascript' });
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/bench/index.html');
  await page.waitForFunction(() => window.bench !== undefined);
  return errors;
}

/** bench/page/harness.js's device controls (page-globals.d.ts types the others). */
interface DeviceBench extends BenchControls {
  useDevice(count: number): { bytes: number; count: number };
  deviceView(kind: string): Promise<{ first: number; all: number; facts: number }>;
  deviceSearchSetup(size: number): Promise<{ devices: number }>;
  deviceSearch(kind: string, prefix: string, how: string, paceMs: number): Promise<{ ms: number; requests: number }>;
}

/** Every card as data: each element's tag, attributes and own text, depth first (comments left out). */
function cards(page: Page, selector = '#stage .mkb-grid__item') {
  return page.evaluate((selector) => {
    const describe = (element: Element): unknown => ({
      tag: element.tagName,
      attributes: Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]).sort()),
      text: [...element.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(''),
      children: [...element.children].map(describe),
    });
    return [...document.querySelectorAll(selector)].map(describe);
  }, selector);
}

test('the baseline renders the same cards as the widget, in the same order', async ({ page }) => {
  const errors = await openBenchPage(page);
  const answer = await page.evaluate(() => window.bench.useAnswer(300));
  expect(answer.count).toBe(300);

  await page.evaluate(() => window.bench.render('widget'));
  const widgetCards = await cards(page);
  await page.evaluate(() => window.bench.render('baseline'));
  const baselineCards = await cards(page);

  expect(widgetCards).toHaveLength(300);
  expect(baselineCards).toEqual(widgetCards);
  expect(errors).toEqual([]);
});

test('the benchmark sorts and filters both renderers to the same result', async ({ page }) => {
  const errors = await openBenchPage(page);
  await page.evaluate(() => window.bench.useAnswer(300));
  for (const kind of ['widget', 'baseline']) {
    const timings = await page.evaluate(async (kind) => {
      const bench = window.bench;
      const render = await bench.render(kind);
      return { render, sort: await bench.sort(), filter: await bench.filter() };
    }, kind);
    // Each step finished, checked inside the page against the answer: a number, not a hang.
    expect(timings.render.all).toBeGreaterThan(0);
    expect(timings.sort).toBeGreaterThan(0);
    expect(timings.filter).toBeGreaterThan(0);
  }
  expect(errors).toEqual([]);
});

test('the baseline renders a device’s cards as the widget does, in the same order', async ({ page }) => {
  const errors = await openBenchPage(page);
  const answer = await page.evaluate(() => (window.bench as DeviceBench).useDevice(200));
  expect(answer.count).toBe(200);

  await page.evaluate(() => (window.bench as DeviceBench).deviceView('widget'));
  const widgetCards = await cards(page);
  await page.evaluate(() => (window.bench as DeviceBench).deviceView('baseline'));
  const baselineCards = await cards(page);

  expect(widgetCards).toHaveLength(200);
  expect(baselineCards).toEqual(widgetCards);
  expect(errors).toEqual([]);
});

test('the baseline’s device search lists the same devices as the widget’s, each sending one search', async ({
  page,
}) => {
  const errors = await openBenchPage(page);
  await page.evaluate(() => (window.bench as DeviceBench).deviceSearchSetup(10_000));
  for (const kind of ['widget', 'baseline']) {
    for (const how of ['pause', 'enter']) {
      const prefix = how === 'pause' ? 'wks-012' : 'wks-013';
      const search = await page.evaluate(
        ([kind, prefix, how]) => (window.bench as DeviceBench).deviceSearch(kind, prefix, how, 20),
        [kind, prefix, how],
      );
      // Seven keystrokes, one search: after the pause, or on Enter.
      expect(search.requests).toBe(1);
    }
  }
  // Both stay mounted, the widget first: the rows of the last search of each ("wks-013").
  const widgetRows = await cards(page, '#stage > div:nth-child(1) [data-testid="device-option"]');
  const baselineRows = await cards(page, '#stage > div:nth-child(2) [data-testid="device-option"]');
  expect(widgetRows).toHaveLength(50);
  expect(baselineRows).toEqual(widgetRows);
  expect(errors).toEqual([]);
});
