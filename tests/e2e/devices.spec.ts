import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Request } from '@playwright/test';
import { DEFENDER_AUDIENCE, inAnHour, jwt } from './access-tokens';
import { EmbedHost } from './pages/embed-host';
import { built } from './built-files';

// The device's side: a device's missing KBs, from a KB's devices, from the finder's device
// search, and from the host (machineId, setMachineId, <missing-kbs machine-id>, ?machineId=).
// The mock's fleet (mock-api/src/fleet.rs): wks-00000.contoso.com misses 15 KBs, 13 of which fix
// a CVE (so its vulnerability rows give 13); wks-09999 misses none.

const screenshotsDir = path.resolve(__dirname, '../../docs/screenshots');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WKS_00000 = 'ed8484a900000000000000000000000000000000';
const WKS_09999 = 'ed8484a90000000000000000000000000000270f';
const DEVELOPMENT = 'mock-development-token';

/** A delegated token with these scopes (`scp`), as MSAL gives a signed-in user. */
const delegated = (scopes: string) => jwt({ aud: DEFENDER_AUDIENCE, scp: scopes, exp: inAnHour() });

/** Records the `missingkbs:devicechosen` events the page's widgets fire. */
async function recordDeviceChoices(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { chosen: unknown[] };
    w.chosen = [];
    document.addEventListener('missingkbs:devicechosen', (event) => w.chosen.push((event as CustomEvent).detail));
  });
  return () => page.evaluate(() => (window as unknown as { chosen: unknown[] }).chosen);
}

async function deviceOf(page: Page, token: string, machineId = WKS_00000, locale?: string) {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { machineId, token, apiBase: '', locale });
  return { host, widget: host.container('a') };
}

test('from a KB’s devices to a device’s KBs and back, with the list, its panel and its filter as they were', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-windows_10', token: DEVELOPMENT, apiBase: '' });
  const chosen = await recordDeviceChoices(page);
  const widget = host.container('a');
  // The software's list; a device opened from it is shown beside it, in a pane of its own.
  const card = widget.getByTestId('main-list').getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  const panel = card.getByTestId('details-panel');
  await panel.getByTestId('device-filter').fill('wks-0000');
  await expect(panel.getByTestId('device')).toHaveCount(10);
  const device = panel.getByTestId('device-name').filter({ hasText: 'wks-00000.contoso.com' });
  await device.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);

  await device.click();
  const pane = widget.getByTestId('device-pane');
  await expect(pane.getByTestId('device-title')).toHaveText('wks-00000.contoso.com');
  await expect(pane.getByTestId('kb-card')).toHaveCount(15);
  // The focus was in the list, now hidden: it goes to the way back.
  await expect(pane.getByTestId('back-to-list')).toBeFocused();
  await expect(pane.getByTestId('device-os')).toContainText('Windows10');
  await expect(pane.getByTestId('summary')).toContainText('15 missing KBs for wks-00000.contoso.com');
  // The list it was opened from is kept, hidden, not built again.
  await expect(panel).toBeHidden();
  expect(await chosen()).toEqual([{ machineId: WKS_00000 }]);
  const loaded = (await host.events()).filter((event) => event.type === 'missingkbs:loaded');
  expect(loaded.at(-1)!.detail).toEqual({ machineId: WKS_00000, count: 15 });

  // A KB's details on the device's list: the CVEs the KB fixes on that device.
  const deviceCard = pane.getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await deviceCard.getByTestId('details-toggle').click();
  await expect(deviceCard.getByTestId('cve')).toHaveCount(97);

  await pane.getByTestId('back-to-list').click();
  await expect(pane).toHaveCount(0);
  await expect(panel).toBeVisible();
  await expect(card.getByTestId('details-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.getByTestId('device-filter')).toHaveValue('wks-0000');
  await expect(device).toBeFocused();
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(2);
});

test('a device search by a name’s beginning, by keyboard only, opens the device, and Back returns to the search', async ({
  page,
}) => {
  const searches: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/machines') searches.push(url.searchParams.get('$filter')!);
  });
  await page.goto('/');
  await expect(page.getByTestId('finder')).toBeVisible();
  await page.getByTestId('finder-devices').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('finder-devices')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('find-device')).toBeFocused();
  await page.keyboard.type('WKS-0001', { delay: 40 });
  await expect(page.getByTestId('device-option')).toHaveCount(10);
  await expect(page.getByTestId('device-search-status')).toHaveText('Devices found: 10');
  // Debounced: one search for the whole name, not one per keystroke.
  expect(searches).toEqual(["startswith(computerDnsName,'wks-0001')"]);

  await page.keyboard.press('Tab');
  await expect(page.getByTestId('device-option').first().getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('device-title')).toHaveText('wks-00010.contoso.com');
  expect(new URL(page.url()).searchParams.get('machineId')).toMatch(/^[0-9a-f]{40}$/);

  await page.goBack();
  await expect(page.getByTestId('find-device')).toHaveValue('WKS-0001');
  await expect(page.getByTestId('device-option')).toHaveCount(10);
});

test('a name search never reaches a $filter unescaped', async ({ page }) => {
  const filters: string[] = [];
  const statuses: number[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname === '/api/machines') {
      filters.push(url.searchParams.get('$filter')!);
      statuses.push(response.status());
    }
  });
  await page.goto('/');
  await page.getByTestId('finder-devices').click();
  const attacks = [
    "a') or true or startswith(computerDnsName,'",
    "x' or computerDnsName ne '",
    'a&$top=10000&$filter=',
    'wks-0001#',
    "o'brien+pc%27",
    // Beyond ASCII, put in lower case as the browser's toLowerCase does (the widget asks it).
    'PC-MÜLLER-ÉTÉ',
  ];
  for (const attack of attacks) {
    await page.getByTestId('find-device').fill(attack);
    await page.getByTestId('find-device').press('Enter');
    await expect(page.getByTestId('device-search-status')).toHaveText(/^No device's name starts with/);
  }
  expect(filters).toEqual(
    attacks.map((attack) => `startswith(computerDnsName,'${attack.toLowerCase().replaceAll("'", "''")}')`),
  );
  // The mock accepts a filter only in that one form (400 otherwise): each was read as a name.
  expect(statuses.every((status) => status === 200)).toBe(true);
});

test('machineId mounts a device, setMachineId changes it, and both IDs at once are a configuration problem', async ({
  page,
}) => {
  const { host, widget } = await deviceOf(page, DEVELOPMENT);
  await expect(widget.getByTestId('device-title')).toHaveText('wks-00000.contoso.com');
  await expect(host.cards('a')).toHaveCount(15);
  await expect(widget.getByTestId('device-group')).not.toBeEmpty();
  await host.call('a', 'setMachineId', WKS_09999);
  await expect(widget.getByTestId('empty')).toContainText('wks-09999.contoso.com');
  const refused = await page.evaluate(() => {
    try {
      window.handles.a.setMachineId("x' or 1 eq 1");
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(refused).toContain('Defender device ID');
  await expect(widget.getByTestId('empty')).toBeVisible();
  expect(
    (await host.events()).filter((event) => event.type === 'missingkbs:loaded').map((event) => event.detail),
  ).toEqual([
    { machineId: WKS_00000, count: 15 },
    { machineId: WKS_09999, count: 0 },
  ]);

  await host.mount('a', { machineId: WKS_00000, softwareId: 'microsoft-_-edge', token: DEVELOPMENT, apiBase: '' });
  await expect(widget.getByRole('alert')).toContainText('Both softwareId and machineId were given');
});

test('<missing-kbs machine-id> shows a device, and a changed attribute another', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await page.evaluate(async (id) => {
    await import(`${location.origin}/missing-kbs.js`);
    const element = document.createElement('missing-kbs');
    element.id = 'element';
    element.setAttribute('machine-id', id);
    element.setAttribute('api-base', '');
    element.getToken = async () => 'mock-development-token';
    document.getElementById('a')!.append(element);
  }, WKS_00000);
  const element = page.locator('#element');
  await expect(element.getByTestId('kb-card')).toHaveCount(15);
  await page.evaluate((id) => document.getElementById('element')!.setAttribute('machine-id', id), WKS_09999);
  await expect(element.getByTestId('empty')).toBeVisible();
});

test('?machineId= on the standalone page is a deep link to the device', async ({ page }) => {
  await page.goto(`/?machineId=${WKS_00000}`);
  await expect(page.getByTestId('device-title')).toHaveText('wks-00000.contoso.com');
  await expect(page.getByTestId('kb-card')).toHaveCount(15);
});

test('a delegated token is refused the device’s own list: its KBs come from its vulnerabilities, and the view says so', async ({
  page,
}) => {
  const { host, widget } = await deviceOf(page, delegated('Software.Read Vulnerability.Read Machine.Read'));
  await expect(host.cards('a')).toHaveCount(13);
  await expect(widget.getByTestId('device-kbs-source')).toContainText('Software.Read.All');
  await expect(widget.getByTestId('device-worst-severity')).toContainText(/Critical|High|Medium|Low/);
  await expect(widget.getByTestId('device-title')).toHaveText('wks-00000.contoso.com');
});

test('a device’s own list needs no part: its first card comes with the device part unreachable, whose Retry brings the header', async ({
  page,
}) => {
  let reachable = false;
  await page.route(`**/${built('pkg/split_device.wasm')}`, (route) => (reachable ? route.continue() : route.abort()));
  const { host, widget } = await deviceOf(page, DEVELOPMENT);
  await expect(host.cards('a')).toHaveCount(15);
  await expect(widget.getByTestId('error')).toHaveCount(0);
  // The header's part is the one thing missing, and says so.
  await expect(widget.getByTestId('part-failed')).toBeVisible();
  await expect(widget.getByTestId('device-header')).toHaveCount(0);
  reachable = true;
  await widget.getByTestId('retry-part').click();
  await expect(widget.getByTestId('device-header')).toBeVisible();
  // Its facts could not be read without the part: Refresh reads them again.
  await expect(widget.getByTestId('device-facts-missing')).toBeVisible();
  await widget.getByTestId('refresh').click();
  await expect(widget.getByTestId('device-title')).toHaveText('wks-00000.contoso.com');
  await expect(host.cards('a')).toHaveCount(15);
});

test('a device’s part is asked for with its list, not after it', async ({ page }) => {
  // Held until the list's answer has come: the part's request must already be on its way.
  let releasePart = () => {};
  const partHeld = new Promise<void>((resolve) => (releasePart = resolve));
  const asked: string[] = [];
  await page.route(`**/${built('pkg/split_device.wasm')}`, async (route) => {
    asked.push('part');
    await partHeld;
    await route.continue();
  });
  await page.route('**/api/machines/*/getmissingkbs', async (route) => {
    asked.push('list');
    await route.continue();
  });
  const { host, widget } = await deviceOf(page, DEVELOPMENT);
  await expect(host.cards('a')).toHaveCount(15);
  expect(asked).toEqual(expect.arrayContaining(['part', 'list']));
  releasePart();
  await expect(widget.getByTestId('device-title')).toHaveText('wks-00000.contoso.com');
});

test('a software’s list never fetches the device part', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-windows_10', token: DEVELOPMENT, apiBase: '' });
  await expect(host.cards('a').first()).toBeVisible();
  await expect(host.container('a').getByTestId('sort')).toBeVisible();
  const parts = host.requests.map((request) => new URL(request.url()).pathname).filter((p) => p.includes('/pkg/'));
  expect(parts).toContain(`/${built('pkg/split_tools.wasm')}`);
  expect(parts).not.toContain(`/${built('pkg/split_device.wasm')}`);
});

test('without Machine.Read the device’s KBs are shown, titled by its ID, with a note', async ({ page }) => {
  const { host, widget } = await deviceOf(page, delegated('Software.Read Vulnerability.Read'));
  await expect(host.cards('a')).toHaveCount(13);
  await expect(widget.getByTestId('device-title')).toHaveText(WKS_00000);
  await expect(widget.getByTestId('device-facts-missing')).toContainText('Machine.Read');
});

test('without Vulnerability.Read and Software.Read.All the view says which, from the token’s claims', async ({
  page,
}) => {
  const { widget } = await deviceOf(page, delegated('Software.Read Machine.Read'));
  await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'forbidden');
  await expect(widget.getByTestId('device-kbs-forbidden')).toContainText('Software.Read.All');
  // The headline is the cause the token's claims name.
  await expect(widget.getByTestId('error-message')).toContainText('Vulnerability.Read');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the device view and the device search have no accessibility violations (${theme})`, async ({ page }) => {
    const host = new EmbedHost(page);
    await host.open(['a']);
    await host.mount('a', { machineId: WKS_00000, token: DEVELOPMENT, apiBase: '', theme, finder: true });
    const widget = host.container('a');
    await expect(widget.getByTestId('device-facts')).toBeVisible();
    await expect(widget.getByTestId('list-tools').getByTestId('sort')).toBeVisible();
    let results = await new AxeBuilder({ page }).include('[data-testid="host-a"]').withTags(WCAG).analyze();
    expect(results.violations).toEqual([]);
    await widget.screenshot({ path: path.join(screenshotsDir, `device-${theme}.png`) });

    await widget.getByTestId('all-software').click();
    await widget.getByTestId('finder-devices').click();
    await widget.getByTestId('find-device').fill('wks-0001');
    await widget.getByTestId('find-device').press('Enter');
    await expect(widget.getByTestId('device-option')).toHaveCount(10);
    results = await new AxeBuilder({ page }).include('[data-testid="host-a"]').withTags(WCAG).analyze();
    expect(results.violations).toEqual([]);
    await widget.screenshot({ path: path.join(screenshotsDir, `device-search-${theme}.png`) });
  });
}

/** The device view's texts, as `<tag>.later.js` names them, in English. */
const ENGLISH_DEVICE_TEXTS = {
  device: 'Device',
  operating_system: 'Operating system',
  last_seen: 'Last seen',
  health: 'Health',
  exposure_level: 'Exposure level',
  risk: 'Risk',
  device_group: 'Device group',
  tags: 'Tags',
  worst_severity: 'Worst severity among the CVEs these KBs fix: {severity}',
};
type DeviceTexts = typeof ENGLISH_DEVICE_TEXTS & { device_kbs_from_rows: string };

test('the device view speaks each of the six languages: its labels, notes, dates and numbers', async ({ page }) => {
  for (const locale of ['en', 'ja', 'zh-Hant', 'sv', 'fr', 'pt-BR']) {
    const { widget } = await deviceOf(
      page,
      delegated('Software.Read Vulnerability.Read Machine.Read'),
      WKS_00000,
      locale,
    );
    await expect(widget.getByTestId('device-facts')).toBeVisible();
    const texts: DeviceTexts =
      locale === 'en'
        ? { ...ENGLISH_DEVICE_TEXTS, device_kbs_from_rows: '' }
        : await page.evaluate(async (url) => (await import(url)).default, `/${built(`i18n/${locale}.later.js`)}`);
    await expect(widget.locator('.mkb-device__kind'), locale).toHaveText(texts.device);
    const labels = [
      texts.operating_system,
      texts.last_seen,
      texts.health,
      texts.exposure_level,
      texts.risk,
      texts.device_group,
      texts.tags,
    ];
    await expect(widget.getByTestId('device-facts').locator('dt'), locale).toHaveText(labels);
    // "Last seen" is an age in this language's words, as this browser's Intl writes it.
    const lastSeen = await widget.getByTestId('device-last-seen').textContent();
    const ages = await page.evaluate((tag) => {
      const format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
      const units = ['second', 'minute', 'hour', 'day'] as const;
      return units.flatMap((unit) => Array.from({ length: 1000 }, (_, value) => format.format(-value, unit)));
    }, locale);
    expect(ages, locale).toContain(lastSeen);
    const [before] = texts.worst_severity.split('{severity}');
    await expect(widget.getByTestId('device-worst-severity'), locale).toContainText(before.trim());
    if (locale !== 'en') {
      await expect(widget.getByTestId('device-kbs-source'), locale).toHaveText(texts.device_kbs_from_rows);
    }
    // The count in the summary, as this language writes numbers.
    const thirteen = await page.evaluate((tag) => new Intl.NumberFormat(tag).format(13), locale);
    await expect(widget.getByTestId('summary'), locale).toContainText(thirteen);
  }
});
