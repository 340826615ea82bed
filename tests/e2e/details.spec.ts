import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from '@playwright/test';
import { DEFENDER_AUDIENCE as DEFENDER, inAnHour, jwt } from './access-tokens';
import { EmbedHost } from './pages/embed-host';
import { built } from './built-files';

// A KB's details: the CVEs it fixes and the devices that miss it, on demand, for one KB.
// The mock's KB5049981 (Windows 10) misses on 2,211 devices and fixes 97 CVEs.

const screenshotsDir = path.resolve(__dirname, '../../docs/screenshots');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What the details asked the API for: requests to the vulnerability and device endpoints, and their bytes. */
function recordDetailsRequests(page: Page) {
  const answers: { url: string; bytes: number }[] = [];
  page.on('response', async (response: Response) => {
    const url = response.url();
    if (url.includes('/api/vulnerabilities/') || url.includes('/machineReferences')) {
      answers.push({ url, bytes: (await response.body()).length });
    }
  });
  return answers;
}

async function windows10(page: Page, token = 'mock-development-token') {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-windows_10', token, apiBase: '' });
  const card = host.container('a').getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await expect(card).toBeVisible();
  return { host, card, panel: card.getByTestId('details-panel'), toggle: card.getByTestId('details-toggle') };
}

test('the details of a KB missing on 2,211 devices that fixes 97 CVEs take 4 requests and under 2 MB', async ({
  page,
}) => {
  const answers = recordDetailsRequests(page);
  const { panel, toggle } = await windows10(page);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeHidden();
  expect(answers).toEqual([]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toHaveAttribute('aria-label', 'Details of KB5049981');
  await expect(panel.getByTestId('cve')).toHaveCount(97);
  await expect(panel.getByTestId('devices')).toContainText('Devices missing it (2,211)');
  // Neither list is partial: both agree with the card.
  await expect(panel.getByTestId('cves-partial')).toHaveCount(0);
  await expect(panel.getByTestId('devices-partial')).toHaveCount(0);
  expect(answers.length).toBeLessThanOrEqual(5);
  expect(answers.reduce((sum, answer) => sum + answer.bytes, 0)).toBeLessThan(2 * 1024 * 1024);
  // Every $filter holds the KB number, and a device or CVE taken from an answer only once checked.
  for (const { url } of answers.filter((answer) => answer.url.includes('/vulnerabilities/'))) {
    expect(decodeURIComponent(url)).toMatch(
      /\$filter=fixingKbId eq '5049981'( and (machineId eq '[0-9a-f]{40}'|cveId eq 'CVE-\d{4}-\d{4,}'))?&\$top=\d+$/,
    );
  }

  // CVEs worst first, with the severity as text for screen readers and links for each.
  const severities = await panel.getByTestId('cve-severity').allTextContents();
  const order = ['Critical', 'High', 'Medium', 'Low'];
  expect(severities.map((s) => order.indexOf(s))).toEqual([...severities.map((s) => order.indexOf(s))].sort());
  await expect(panel.getByTestId('severity-summary')).toHaveText('Critical: 10, High: 30, Medium: 48, Low: 9');
  const first = panel.getByTestId('cve').first();
  const cve = (await first.getByTestId('cve-id').textContent())!;
  await expect(first.getByTestId('cve-defender')).toHaveAttribute(
    'href',
    `https://security.microsoft.com/vulnerabilities/vulnerability/${cve}/overview`,
  );
  await expect(first.getByTestId('cve-msrc')).toHaveAttribute(
    'href',
    `https://msrc.microsoft.com/update-guide/vulnerability/${cve}`,
  );

  // Devices by name, the first 200, then 200 more; a filter narrows them.
  await expect(panel.getByTestId('device')).toHaveCount(200);
  const names = await panel.getByTestId('device-name').allTextContents();
  expect(names[0]).toBe('wks-00000.contoso.com');
  expect(names).toEqual([...names].sort());
  await panel.getByTestId('show-more-devices').click();
  await expect(panel.getByTestId('device')).toHaveCount(400);
  await expect(panel.getByTestId('show-more-devices')).toBeVisible();
  await panel.getByTestId('device-filter').fill('WKS-01234');
  await expect(panel.getByTestId('device')).toHaveCount(1);
  await expect(panel.getByTestId('device-name')).toHaveText('wks-01234.contoso.com');
  // Every matching device shown: nothing more to ask for.
  await expect(panel.getByTestId('show-more-devices')).toBeHidden();

  // Closed and opened again: the same panel, nothing asked again.
  const asked = answers.length;
  await toggle.click();
  await expect(panel).toBeHidden();
  await toggle.click();
  await expect(panel.getByTestId('device')).toHaveCount(1);
  expect(answers.length).toBe(asked);
});

test('the details load only when opened, and a failed fetch of their code can be tried again', async ({ page }) => {
  let failures = 1;
  await page.route(`**/${built('pkg/split_details.wasm')}`, (route) =>
    failures-- > 0 ? route.abort() : route.continue(),
  );
  const { panel, toggle } = await windows10(page);
  await toggle.click();
  await expect(panel).toContainText('could not be downloaded');
  await expect(panel).toHaveAttribute('role', 'alert');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // Closed and opened again: asked again.
  await toggle.click();
  await expect(panel).toBeHidden();
  await toggle.click();
  await expect(panel.getByTestId('cve')).toHaveCount(97);
  await expect(panel).not.toContainText('could not be downloaded');
  await expect(panel).toHaveAttribute('role', 'region');
});

test('a 403 on the details is explained in the panel and never touches the list', async ({ page }) => {
  const { host, panel, toggle } = await windows10(page, 'vulnerability-forbidden');
  await page.evaluate(() =>
    document.addEventListener('missingkbs:error', (event) =>
      window.widgetEvents.push({ type: event.type, target: '', detail: (event as CustomEvent).detail }),
    ),
  );
  await toggle.click();
  await expect(panel.getByTestId('details-error')).toHaveAttribute('data-error-kind', 'forbidden');
  await expect(host.container('a').getByTestId('kb-card')).toHaveCount(8);
  await expect(host.container('a').getByTestId('error')).toHaveCount(0);
  expect((await host.events()).filter((event) => event.type === 'missingkbs:error')).toEqual([]);
});

test("a token without Vulnerability.Read: the details say so, from the token's own claims", async ({ page }) => {
  const token = jwt({ aud: DEFENDER, scp: 'Software.Read', exp: inAnHour(), tid: 't', oid: 'o' });
  const { host, panel, toggle } = await windows10(page, token);
  await toggle.click();
  await expect(panel.getByTestId('details-error-message')).toHaveText(
    'The details could not be loaded. The token does not grant Vulnerability.Read: an administrator must grant the app that permission (DEPLOYING.md).',
  );
  await expect(host.container('a').getByTestId('kb-card')).toHaveCount(8);
  // With the permission, the same KB's details load.
  const granted = jwt({ aud: DEFENDER, scp: 'Software.Read Vulnerability.Read', exp: inAnHour(), tid: 't', oid: 'o' });
  const other = await windows10(page, granted);
  await other.toggle.click();
  await expect(other.panel.getByTestId('cve')).toHaveCount(97);
});

test('a token for another API, or an expired one, is named as such on the list', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['graph', 'expired']);
  const graph = jwt({ aud: 'https://graph.microsoft.com', scp: 'User.Read', exp: inAnHour() });
  await host.mount('graph', { softwareId: 'microsoft-_-edge', token: graph, apiBase: '' });
  await expect(host.container('graph').getByTestId('error-message')).toHaveText(
    'The token is for https://graph.microsoft.com, not for the Defender for Endpoint API: ask for a token for https://api.securitycenter.microsoft.com.',
  );
  const expired = jwt({ aud: DEFENDER, scp: 'Software.Read', exp: 1_000_000 });
  await host.mount('expired', { softwareId: 'microsoft-_-edge', token: expired, apiBase: '' });
  await expect(host.container('expired').getByTestId('error-message')).toHaveText(
    "The token's own expiry time has passed: sign in again.",
  );
});

/**
 * Answers the details' third query (the KB's rows for one CVE: the devices that miss it) as for a
 * KB missing on `devices` devices, page by page as `$top` and `$skip` ask, and lets every other
 * query reach the mock. With `machines`, the list's card for KB5049981 counts that many devices.
 * Returns the `$skip` of each page asked for.
 */
async function devicesOfOneCve(page: Page, devices: number, machines?: number) {
  const skips: number[] = [];
  await page.route('**/api/vulnerabilities/machinesVulnerabilities?*', (route) => {
    const url = new URL(route.request().url());
    const filter = url.searchParams.get('$filter') ?? '';
    const cve = /cveId eq '([^']+)'/.exec(filter)?.[1];
    if (!cve) return route.continue();
    const top = Number(url.searchParams.get('$top'));
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    skips.push(skip);
    const value = [];
    for (let i = skip; i < Math.min(devices, skip + top); i++) {
      const machineId = i.toString(16).padStart(40, '0');
      value.push({ id: `${machineId}-_-${cve}`, cveId: cve, machineId, fixingKbId: '5049981', severity: 'High' });
    }
    return route.fulfill({ json: { value } });
  });
  if (machines !== undefined) {
    await page.route('**/api/Software/microsoft-_-windows_10/getmissingkbs', async (route) => {
      const response = await route.fetch();
      const json = await response.json();
      for (const kb of json.value) if (kb.id === '5049981') kb.machineMissedOn = machines;
      await route.fulfill({ response, json });
    });
  }
  return skips;
}

test('a KB missing on 25,000 devices lists them all, read in pages of 10,000 with $skip', async ({ page }) => {
  const skips = await devicesOfOneCve(page, 25_000, 25_000);
  const { panel, toggle } = await windows10(page);
  await toggle.click();
  await expect(panel.getByTestId('devices').getByRole('heading')).toHaveText('Devices missing it (25,000)');
  expect(skips).toEqual([0, 10_000, 20_000]);
  await expect(panel.getByTestId('devices-partial')).toHaveCount(0);
});

test('past the bound of 100,000 rows the list stops, and its note says so, N of M', async ({ page }) => {
  test.slow();
  const skips = await devicesOfOneCve(page, 150_000, 150_000);
  const { panel, toggle } = await windows10(page);
  await toggle.click();
  await expect(panel.getByTestId('devices').getByRole('heading')).toHaveText('Devices missing it (100,000)', {
    timeout: 60_000,
  });
  expect(skips).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000]);
  const note = panel.getByTestId('devices-partial');
  await expect(note).toHaveAttribute('data-reason', 'limit');
  await expect(note).toHaveText(
    'Defender counts 150,000 devices; this list stops at 100,000, the devices in the first 100,000 rows of its answer (10 requests), the most the widget reads for one KB.',
  );
  await expect(note).not.toContainText('miss CVE');
});

test('a list short of the card with every row read names the CVE asked about as the reason', async ({ page }) => {
  const skips = await devicesOfOneCve(page, 100);
  const { panel, toggle } = await windows10(page);
  await toggle.click();
  const note = panel.getByTestId('devices-partial');
  await expect(note).toHaveAttribute('data-reason', 'cve');
  await expect(note).toHaveText(
    /^Defender counts 2,211 devices; these 100 are those that miss CVE-\d{4}-\d+, the CVE asked about: a device that misses the KB but not that CVE is not listed\.$/,
  );
  expect(skips).toEqual([0]);
});

test('the details work from the keyboard: open, filter, export, close', async ({ page }) => {
  const { panel, toggle } = await windows10(page);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.getByTestId('device')).toHaveCount(200);
  // Tab moves into the panel, through the CVE links, to the device filter.
  let reached = '';
  for (let i = 0; i < 400 && reached !== 'device-filter'; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
  }
  expect(reached).toBe('device-filter');
  await page.keyboard.type('wks-0000');
  await expect(panel.getByTestId('device')).toHaveCount(10);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(panel.getByTestId('export-devices')).toBeFocused();
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await (await download).path();
  // The file starts with the byte order mark that tells spreadsheets it is UTF-8.
  expect([...fs.readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('Device,ID,OS platform,Device group');
  expect(lines).toHaveLength(11);
  expect(lines[1]).toMatch(/^wks-00000\.contoso\.com,[0-9a-f]{40},Windows10,Finance$/);
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.2 AA violation with a details panel open, ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/?softwareId=microsoft-_-windows_10');
    const card = page.getByTestId('kb-card').filter({ hasText: 'KB5049981' });
    await card.getByTestId('details-toggle').click();
    await expect(card.getByTestId('device')).toHaveCount(200);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(15);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotsDir, scheme === 'dark' ? 'details-dark.png' : 'details.png') });
  });
}

test('the details speak the widget’s language (screenshot in Japanese)', async ({ page }) => {
  await page.goto('/?softwareId=microsoft-_-windows_10&lang=ja');
  const card = page.getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  await expect(card.getByTestId('cves')).toContainText('修正される CVE (97)');
  await expect(card.getByTestId('cve-severity').first()).toHaveText('緊急');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotsDir, 'details-ja.png') });
});

test('Copy names puts the filtered devices on the clipboard, one per line', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { panel, toggle } = await windows10(page);
  await toggle.click();
  await panel.getByTestId('device-filter').fill('wks-0001');
  await expect(panel.getByTestId('device')).toHaveCount(10);
  await panel.getByTestId('copy-devices').click();
  await expect(panel.getByTestId('copy-devices')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')).toEqual(Array.from({ length: 10 }, (_, i) => `wks-0001${i}.contoso.com`));
});

test('a throttled details answer shows its wait in the panel, then why it failed; a slow one shows loading', async ({
  page,
}) => {
  const throttled = await windows10(page, 'vulnerability-throttled');
  await throttled.toggle.click();
  await expect(throttled.panel.getByTestId('details-waiting')).toBeVisible();
  await expect(throttled.panel.getByTestId('details-error')).toHaveAttribute('data-error-kind', 'throttled', {
    timeout: 20_000,
  });

  const slow = await windows10(page, 'vulnerability-slow');
  await slow.toggle.click();
  await expect(slow.panel.getByTestId('details-loading')).toBeVisible();
  await expect(slow.panel.getByTestId('cve')).toHaveCount(97, { timeout: 15_000 });
});

test('a token the host sets later serves the details too: Retry after a 403 uses it', async ({ page }) => {
  const { host, panel, toggle } = await windows10(page, 'vulnerability-forbidden');
  await toggle.click();
  await expect(panel.getByTestId('details-error')).toHaveAttribute('data-error-kind', 'forbidden');
  await host.call('a', 'setToken', 'mock-development-token');
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(panel.getByTestId('cve')).toHaveCount(97);
});

test('the cloud option links CVEs to that cloud’s Defender portal; an unknown cloud is a configuration problem', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['dod', 'bad']);
  await host.mount('dod', {
    softwareId: 'microsoft-_-windows_10',
    token: 'mock-development-token',
    apiBase: '',
    cloud: 'dod',
  });
  const card = host.container('dod').getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  await expect(card.getByTestId('cve-defender').first()).toHaveAttribute(
    'href',
    /^https:\/\/security\.apps\.mil\/vulnerabilities\/vulnerability\/CVE-\d{4}-\d{4,}\/overview$/,
  );
  await host.mount('bad', {
    softwareId: 'microsoft-_-edge',
    token: 'mock-development-token',
    apiBase: '',
    // A value outside the type, as a host page in plain JavaScript could pass.
    cloud: 'azure' as 'dod',
  });
  await expect(host.container('bad').getByTestId('config-error')).toContainText(
    'The cloud option must be commercial, gcc, gcc-high or dod.',
  );
});
