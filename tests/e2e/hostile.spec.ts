import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { EmbedHost } from './pages/embed-host';

// Every answer in tests/hostile/cases.json either renders safely (text only; the only
// links are https Update Catalog links) or shows its expected error; none panics and
// none runs script. The host page here has no CSP, so injected markup would run.
type Expect = {
  cardsAtLeast?: number;
  summary?: string;
  showMore?: boolean;
  cards?: number;
  heading?: string;
  link?: string | null;
  machines?: string;
  name?: string;
  notice?: boolean;
  error?: string;
  waiting?: boolean;
  /** Inventory cases: how many software the finder lists, a text one of them shows, what its status says. */
  options?: number;
  optionText?: string;
  status?: string;
  /** Details cases (the panel of KB5049981): how many CVEs and devices, a device's text, or nothing found. */
  cves?: number;
  devices?: number;
  deviceText?: string;
  empty?: boolean;
  namesUnknown?: boolean;
};
type Case = { name: string; note: string; endpoint?: string; expect: Expect };
const { cases } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../hostile/cases.json'), 'utf8')) as {
  cases: Case[];
};

test('the corpus has at least 40 answers', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
});

/** A host page without a CSP, with a trap that counts any injected script that runs. */
async function trappedHost(page: Page) {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    window.__xssTrap = () => (window.__pwned = (window.__pwned ?? 0) + 1);
  });
  const host = new EmbedHost(page);
  await host.open(['a'], [], { csp: false });
  return { host, pageErrors };
}

async function expectNoScriptRan(page: Page, pageErrors: string[]) {
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => window.__pwned ?? 0)).toBe(0);
  expect(pageErrors).toEqual([]);
}

const listCases = cases.filter((c) => c.endpoint === undefined && !c.expect.cardsAtLeast);
const inventoryCases = cases.filter((c) => c.endpoint === 'inventory');
const detailsCases = cases.filter((c) => c.endpoint === 'details');
/** The device view's endpoints (served to `machine-hostile_<name>`, mock-api/src/machines.rs). */
const DEVICE_ENDPOINTS = ['machines', 'machine', 'machine-kbs', 'machine-rows'];
const deviceCases = cases.filter((c) => DEVICE_ENDPOINTS.includes(c.endpoint ?? ''));

test('every case is for an endpoint this file tests', () => {
  const unknown = cases
    .filter((c) => ![undefined, 'inventory', 'details', ...DEVICE_ENDPOINTS].includes(c.endpoint))
    .map((c) => `${c.name}: ${c.endpoint}`);
  expect(unknown).toEqual([]);
});

for (const { name, note, expect: expected } of listCases) {
  test(`hostile answer: ${name}${note ? ` (${note})` : ''}`, async ({ page }) => {
    const { host, pageErrors } = await trappedHost(page);
    await host.mount('a', { softwareId: `scenario-_-hostile_${name}`, token: 'mock-development-token', apiBase: '' });
    const widget = host.container('a');

    if (expected.error) {
      await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', expected.error, { timeout: 15_000 });
      await expect(widget.getByTestId('error-message')).not.toBeEmpty();
      const detail = await widget.getByTestId('error-detail').allTextContents();
      expect(detail.join('').length).toBeLessThan(600);
    } else if (expected.waiting) {
      await expect(widget.getByTestId('countdown')).toBeVisible();
    } else {
      await expect(widget.getByTestId('kb-card')).toHaveCount(expected.cards!, { timeout: 15_000 });
      const first = widget.getByTestId('kb-card').first();
      if (expected.heading !== undefined) await expect(first.getByTestId('kb-number')).toHaveText(expected.heading);
      if (expected.name !== undefined) await expect(first.getByTestId('kb-name')).toHaveText(expected.name);
      if (expected.machines !== undefined)
        await expect(first.getByTestId('machines-missing')).toHaveText(expected.machines);
      if (expected.link === null) await expect(first.getByTestId('catalog-link')).toHaveCount(0);
      if (typeof expected.link === 'string')
        await expect(first.getByTestId('catalog-link')).toHaveAttribute('href', expected.link);
      if (expected.notice) await expect(widget.getByTestId('incomplete')).toBeVisible();
    }

    // Text only: nothing from the answer became markup, and every link is an https catalog link.
    const unsafe = await widget.evaluate((root) => {
      return {
        elements: [...root.querySelectorAll('script, img, iframe, object, embed, b, style, svg')].map((e) =>
          e.outerHTML.slice(0, 80),
        ),
        links: [...root.querySelectorAll('a')]
          .map((a) => a.getAttribute('href') ?? '')
          .filter((href) => !href.startsWith('https://catalog.update.microsoft.com/')),
        handlers: [...root.querySelectorAll('*')].flatMap((e) =>
          e.getAttributeNames().filter((n) => n.startsWith('on')),
        ),
      };
    });
    expect(unsafe).toEqual({ elements: [], links: [], handlers: [] });
    await expectNoScriptRan(page, pageErrors);
  });
}

for (const { name, note, expect: expected } of inventoryCases) {
  test(`hostile inventory: ${name}${note ? ` (${note})` : ''}`, async ({ page }) => {
    const { host, pageErrors } = await trappedHost(page);
    await host.mount('a', { token: `inventory-hostile_${name}`, apiBase: '', finder: true });
    const widget = host.container('a');
    const status = widget.getByTestId('finder-status');
    await expect(status).not.toHaveText('', { timeout: 15_000 });
    await expect(status).not.toContainText('Reading', { timeout: 15_000 });
    if (expected.status !== undefined) await expect(status).toContainText(expected.status);
    if (expected.options !== undefined)
      await expect(widget.getByTestId('software-option')).toHaveCount(expected.options);
    if (expected.optionText !== undefined) {
      await expect(widget.getByTestId('software-name').first()).toContainText(expected.optionText);
    }
    // Text only: nothing from the answer became markup, a link or a handler.
    const unsafe = await widget.evaluate((root) => ({
      elements: [...root.querySelectorAll('script, img, iframe, object, embed, b, style, svg, a')].map((e) =>
        e.outerHTML.slice(0, 80),
      ),
      handlers: [...root.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
    }));
    expect(unsafe).toEqual({ elements: [], handlers: [] });
    await expectNoScriptRan(page, pageErrors);
  });
}

for (const { name, note, expect: expected } of detailsCases) {
  test(`hostile details: ${name}${note ? ` (${note})` : ''}`, async ({ page }) => {
    const { host, pageErrors } = await trappedHost(page);
    await host.mount('a', { softwareId: 'microsoft-_-windows_10', token: `details-hostile_${name}`, apiBase: '' });
    const card = host.container('a').getByTestId('kb-card').filter({ hasText: 'KB5049981' });
    await card.getByTestId('details-toggle').click();
    const panel = card.getByTestId('details-panel');
    if (expected.error) {
      await expect(panel.getByTestId('details-error')).toHaveAttribute('data-error-kind', expected.error, {
        timeout: 15_000,
      });
    } else if (expected.empty) {
      await expect(panel.getByTestId('details-empty')).toBeVisible();
    } else {
      await expect(panel.getByTestId('cve')).toHaveCount(expected.cves!);
      await expect(panel.getByTestId('device')).toHaveCount(expected.devices!);
      if (expected.deviceText !== undefined)
        await expect(panel.getByTestId('device-name').first()).toContainText(expected.deviceText);
      await expect(panel.getByTestId('names-unknown')).toHaveCount(expected.namesUnknown ? 1 : 0);
    }
    // Text only: the only links are to the Defender portal and MSRC, for CVE ids that are CVE ids.
    const unsafe = await panel.evaluate((root) => ({
      elements: [...root.querySelectorAll('script, img, iframe, object, embed, b, style, svg')].map((e) =>
        e.outerHTML.slice(0, 80),
      ),
      links: [...root.querySelectorAll('a')]
        .map((a) => a.getAttribute('href') ?? '')
        .filter(
          (href) =>
            !/^https:\/\/security\.microsoft\.com\/vulnerabilities\/vulnerability\/CVE-\d{4}-\d{4,}\/overview$/.test(
              href,
            ) && !/^https:\/\/msrc\.microsoft\.com\/update-guide\/vulnerability\/CVE-\d{4}-\d{4,}$/.test(href),
        ),
      handlers: [...root.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
    }));
    expect(unsafe).toEqual({ elements: [], links: [], handlers: [] });
    // The list is untouched.
    await expect(host.container('a').getByTestId('kb-card')).not.toHaveCount(0);
    await expectNoScriptRan(page, pageErrors);
  });
}

/** wks-00000.contoso.com in the mock's fleet. */
const DEVICE = 'ed8484a900000000000000000000000000000000';

for (const { name, note, endpoint } of deviceCases) {
  test(`hostile device answer (${endpoint}): ${name}${note ? ` (${note})` : ''}`, async ({ page }) => {
    const { host, pageErrors } = await trappedHost(page);
    const token = `machine-hostile_${name}`;
    const widget = host.container('a');
    if (endpoint === 'machines') {
      // The finder's device search.
      await host.mount('a', { token, apiBase: '', finder: true });
      await widget.getByTestId('finder-devices').click();
      await widget.getByTestId('find-device').fill('wks-');
      await widget.getByTestId('find-device').press('Enter');
      const status = widget.getByTestId('device-search-status');
      await expect(status).not.toHaveText(/^$|Searching/, { timeout: 15_000 });
      // No more devices than the search asked for ($top 50), however many the answer holds.
      expect(await widget.getByTestId('device-option').count()).toBeLessThanOrEqual(50);
    } else {
      await host.mount('a', { machineId: DEVICE, token, apiBase: '' });
      // Settled: its KBs, none, or why not; and the header's facts, or why they are missing.
      await expect(
        widget.getByTestId('kb-card').or(widget.getByTestId('empty')).or(widget.getByTestId('error')).first(),
      ).toBeVisible({
        timeout: 15_000,
      });
      if ((await widget.getByTestId('error').count()) === 0) {
        await expect(widget.getByTestId('device-facts').or(widget.getByTestId('device-facts-missing'))).toBeVisible();
      }
    }
    // Text only: nothing from the answer became markup, a handler, or a link other than the
    // Update Catalog's for a KB number.
    const unsafe = await widget.evaluate((root) => ({
      elements: [...root.querySelectorAll('script, img, iframe, object, embed, b, style, svg')].map((e) =>
        e.outerHTML.slice(0, 80),
      ),
      links: [...root.querySelectorAll('a')]
        .map((a) => a.getAttribute('href') ?? '')
        .filter((href) => !/^https:\/\/catalog\.update\.microsoft\.com\/v7\/site\/Search\.aspx\?q=KB\d+$/.test(href)),
      handlers: [...root.querySelectorAll('*')].flatMap((e) => e.getAttributeNames().filter((n) => n.startsWith('on'))),
    }));
    expect(unsafe).toEqual({ elements: [], links: [], handlers: [] });
    // Nothing was asked of another origin (a next link elsewhere is not followed).
    const origin = new URL(page.url()).origin;
    expect(host.requests.map((request) => new URL(request.url()).origin).filter((o) => o !== origin)).toEqual([]);
    await expectNoScriptRan(page, pageErrors);
  });
}
