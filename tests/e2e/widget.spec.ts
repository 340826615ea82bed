import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fixture, type FixtureKb } from './fixtures';
import { holdRequests, scriptsBeforeWasm } from './network';
import { StandalonePage } from './pages/standalone-page';
import { built } from './built-files';

const screenshotsDir = path.resolve(__dirname, '../../docs/screenshots');

test('renders one card per KB of a real fixture, most machines missing first, with the right numbers and link', async ({
  page,
}) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-windows_10');
  const expected = [...fixture('microsoft-_-windows_10')].sort((a, b) => b.machineMissedOn - a.machineMissedOn);

  await expect(widget.cards).toHaveCount(expected.length);
  expect(await widget.machineCounts()).toEqual(expected.map((kb) => kb.machineMissedOn));
  for (const [index, kb] of expected.entries()) {
    const card = widget.card(index);
    await expect(card.number).toHaveText(`KB${kb.id}`);
    await expect(card.name).toHaveText(kb.name);
    await expect(card.cves).toHaveText(String(kb.cveAddressed));
    await expect(card.products).toHaveText(kb.productsNames.join(', '));
    await expect(card.link).toHaveAttribute('href', kb.url);
    await expect(card.link).toHaveAttribute('target', '_blank');
    await expect(card.link).toHaveAttribute('rel', 'noopener noreferrer');
  }
  await expect(widget.summary).toContainText(`${expected.length} missing KBs for microsoft-_-windows_10`);
  await expect(widget.announcement).toHaveText(`Loaded ${expected.length} missing KBs for microsoft-_-windows_10.`);
  await expect(page.getByRole('article')).toHaveCount(expected.length);
  fs.mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, 'list.png') });
});

test('the standalone page fetches one module of its own, the wasm preloaded with it, and never missing-kbs.js', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const scripts = scriptsBeforeWasm(page);
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-edge');
  // The page's preload line asks for the wasm before any script, rather than after its module.
  expect(await scripts).toEqual([]);
  await expect(widget.cards.first()).toBeVisible();
  // MSAL.js is a classic script; standalone.js holds the widget's module.
  expect(requested.filter((file) => file.endsWith('.js'))).toEqual(['/msal-browser.min.js', '/standalone.js']);
  // A second copy of the widget's module would be a second loader, and a second wasm.
  expect(requested).not.toContain('/missing-kbs.js');
  expect(requested.filter((file) => file === '/pkg/missing-kbs_bg.wasm')).toHaveLength(1);
});

test("the standalone page's header does not wait for MSAL.js, which still runs before the page's module", async ({
  page,
}) => {
  const letMsalGo = await holdRequests(page, '**/msal-browser.min.js');
  await page.goto('/?softwareId=microsoft-_-edge', { waitUntil: 'commit' });
  await expect(page.locator('#page-title')).toBeVisible();
  await expect(page.getByTestId('kb-card')).toHaveCount(0);
  letMsalGo();
  await expect(page.getByTestId('kb-card')).toHaveCount(fixture('microsoft-_-edge').length);
  expect(await page.evaluate(() => typeof window.msal)).toBe('object');
});

test('the card heading is the KB number and the Update Catalog link opens the KB search', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-edge');
  const first = widget.card(0);
  await expect(first.root.getByRole('heading', { level: 3 })).toHaveText('KB4540673');
  await expect(first.machines).toHaveText('240');
  await expect(first.cves).toHaveText('14');
  await expect(first.link).toHaveAttribute(
    'href',
    'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
  );
});

test('a software with nothing missing shows the empty state', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('google-_-chrome');
  await expect(widget.empty).toContainText('No missing KBs');
  await expect(widget.empty).toContainText('google-_-chrome');
  await expect(widget.cards).toHaveCount(0);
});

const errorCases = [
  {
    id: 'scenario-_-forbidden',
    kind: 'forbidden',
    message: 'lacks the Defender for Endpoint permission Software.Read (HTTP 403)',
    detail: true,
  },
  {
    id: 'contoso-_-not_in_inventory',
    kind: 'not-found',
    message: "not in your organisation's Defender software inventory (HTTP 404)",
    detail: true,
  },
  {
    id: 'scenario-_-server_error',
    kind: 'server-error',
    message: 'Defender had a problem on its side (HTTP 500)',
    detail: true,
  },
  { id: 'scenario-_-bad_request', kind: 'bad-request', message: 'malformed (HTTP 400)', detail: true },
  {
    id: 'scenario-_-malformed',
    kind: 'invalid-response',
    message: 'not the expected list of missing KBs',
    detail: false,
  },
];

for (const { id, kind, message, detail } of errorCases) {
  test(`${kind}: the error state says what happened and offers Retry`, async ({ page }) => {
    const widget = new StandalonePage(page);
    await widget.open(id);
    await expect(widget.error).toHaveAttribute('data-error-kind', kind);
    await expect(widget.errorMessage).toContainText(message);
    await expect(widget.error).toContainText(id);
    await expect(widget.retry).toBeVisible();
    await expect(widget.cards).toHaveCount(0);
    if (detail) {
      await expect(page.getByTestId('error-detail')).not.toBeEmpty();
      await expect(page.getByTestId('correlation-id')).toHaveText(/^[0-9a-f-]{36}$/);
    }
  });
}

test('the correlation id can be copied for Microsoft support', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const widget = new StandalonePage(page);
  await widget.open('scenario-_-forbidden');
  const correlationId = await page.getByTestId('correlation-id').textContent();
  await page.getByTestId('copy-correlation-id').click();
  await expect(page.getByTestId('copy-correlation-id')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(correlationId);
});

test('Retry recovers after a 503 that outlasted the automatic retries', async ({ page }) => {
  const widget = new StandalonePage(page);
  const id = `scenario-_-flaky_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await widget.open(id);
  await expect(widget.error).toHaveAttribute('data-error-kind', 'server-error');
  await expect(widget.errorMessage).toContainText('HTTP 503');
  expect(widget.apiRequests).toHaveLength(3);
  await widget.retry.click();
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await expect(widget.error).toHaveCount(0);
  expect(widget.apiRequests).toHaveLength(4);
});

test('a one-off 503 is retried by itself, after a short backoff', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open(`scenario-_-blip_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  expect(widget.apiRequests).toHaveLength(2);
  await expect(widget.error).toHaveCount(0);
});

test('a 429 waits for Retry-After with a countdown, and Cancel shows the throttling message', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('scenario-_-throttled');
  await expect(page.getByTestId('countdown')).toContainText(/Trying again in (30|29|28) s/);
  await expect(widget.announcement).toHaveText('Defender asked to wait before the next request. Trying again in 30 s…');
  // The countdown ticks in place: a keyboard user's focus stays on Cancel.
  await page.getByTestId('cancel').focus();
  const shown = await page.getByTestId('countdown').textContent();
  await expect(page.getByTestId('countdown')).not.toHaveText(shown ?? '');
  await expect(page.getByTestId('cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.error).toHaveAttribute('data-error-kind', 'throttled');
  await expect(widget.errorMessage).toContainText('Try again in 30 s');
  await expect(page.getByTestId('correlation-id')).toHaveText(/^[0-9a-f-]{36}$/);
  expect(widget.apiRequests).toHaveLength(1);
});

test('a list seen before in this session shows again at once, with its age and Refresh', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-edge');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await expect(page.getByTestId('loaded-age')).toHaveAttribute('data-from-cache', 'false');
  await widget.search('microsoft-_-office');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-office').length);
  await widget.search('microsoft-_-edge');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await expect(page.getByTestId('loaded-age')).toHaveAttribute('data-from-cache', 'true');
  await expect(page.getByTestId('loaded-age')).toContainText('Loaded now');
  expect(widget.apiRequests).toHaveLength(2);
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('loaded-age')).toHaveAttribute('data-from-cache', 'false');
  expect(widget.apiRequests).toHaveLength(3);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).toBe('{}');
});

test("the list's tools and the ID field are code that loads later: the cards never wait for them nor move when they come, and a failed fetch can be tried again", async ({
  page,
}) => {
  // The tools' code is held back, then fails once, as on a slow and then dropped connection.
  let failures = 1;
  const release = await holdRequests(page, `**/${built('pkg/split_tools.wasm')}`, (route) =>
    failures-- > 0 ? route.abort() : route.continue(),
  );
  const widget = new StandalonePage(page);
  // Not widget.open, which waits for the ID field.
  await page.goto('/?softwareId=microsoft-_-edge');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await expect(page.getByTestId('filter')).toHaveCount(0);
  await expect(widget.softwareId).toHaveCount(0);
  const cardTop = () => widget.cards.first().evaluate((card) => card.getBoundingClientRect().top);
  const top = await cardTop();
  release();
  // One fetch for both, which failed: each says so, with its Retry.
  const tools = page.getByTestId('list-tools');
  const form = page.getByTestId('id-form');
  await expect(tools.getByTestId('part-failed')).toContainText('could not be downloaded');
  await expect(form.getByTestId('part-failed')).toContainText('could not be downloaded');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await tools.getByTestId('retry-part').click();
  await expect(tools.getByTestId('filter')).toBeVisible();
  await expect(tools.getByTestId('refresh')).toBeVisible();
  await expect(tools.getByTestId('part-failed')).toHaveCount(0);
  await form.getByTestId('retry-part').click();
  await expect(form.getByTestId('software-id')).toHaveValue('microsoft-_-edge');
  await expect(form.getByTestId('part-failed')).toHaveCount(0);
  // The room the field takes was kept for it: the cards are where they were.
  expect(await cardTop()).toBe(top);
});

test("a failure whose view's code could not be fetched still says what went wrong, and Retry fetches it", async ({
  page,
}) => {
  let failures = 1;
  await page.route(`**/${built('pkg/split_problem.wasm')}`, (route) =>
    failures-- > 0 ? route.abort() : route.continue(),
  );
  const widget = new StandalonePage(page);
  await widget.open('scenario-_-forbidden');
  const failed = page.getByTestId('part-failed');
  await expect(failed).toContainText('lacks the Defender for Endpoint permission Software.Read (HTTP 403)');
  await expect(failed).toContainText('could not be downloaded');
  await failed.getByTestId('retry-part').click();
  await expect(widget.error).toHaveAttribute('data-error-kind', 'forbidden');
  await expect(failed).toHaveCount(0);
});

test('a slow answer shows the loading state first, and the ID field does not wait for it', async ({ page }) => {
  const widget = new StandalonePage(page);
  // Held until the field has come (code that loads later): a slow list does not keep it from the
  // user, who can ask for another software meanwhile.
  const letAnswerGo = await holdRequests(page, '**/scenario-_-slow/getmissingkbs');
  await page.goto('/?softwareId=scenario-_-slow');
  await expect(widget.loading).toBeVisible();
  await expect(widget.loading).toContainText('Loading missing KBs for scenario-_-slow');
  await expect(widget.softwareId).toBeEditable();
  await expect(widget.loading).toBeVisible();
  letAnswerGo();
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await expect(widget.loading).toHaveCount(0);
});

test('pages linked by @odata.nextLink are all read', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('scenario-_-paged');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-windows_10').length);
  expect(widget.apiRequests.length).toBeGreaterThan(1);
});

test('a bad software ID is explained and never sent', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open();
  // With no software in the URL, the page opens on the finder (finder.spec.ts).
  await expect(page.getByTestId('finder')).toBeVisible();
  for (const [input, message] of [
    ['microsoft/edge', 'no “/”'],
    ['microsoft-_-edge?x', 'no “?”'],
    ['micro soft', 'no spaces'],
    ['..', 'no “..”'],
    ['a'.repeat(257), 'at most 256 characters'],
  ]) {
    await widget.search(input);
    await expect(widget.validation).toContainText(message);
    await expect(widget.softwareId).toHaveAttribute('aria-invalid', 'true');
  }
  await widget.search('   ');
  await expect(widget.validation).toContainText('Enter a software ID');
  expect(widget.apiRequests).toHaveLength(0);
});

test('choosing another software loads it and keeps it in the URL', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-edge');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  await widget.softwareId.fill('microsoft-_-office');
  await widget.softwareId.press('Enter');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-office').length);
  await expect(widget.card(0).number).toHaveText('KB5002623');
  expect(new URL(page.url()).searchParams.get('softwareId')).toBe('microsoft-_-office');
  await expect(widget.validation).toHaveCount(0);
});

test('the token goes only in the Authorization header, never in a URL', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-edge');
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-edge').length);
  expect(widget.apiRequests).toHaveLength(1);
  const [request] = widget.apiRequests;
  expect(await request.headerValue('authorization')).toBe('Bearer mock-development-token');
  expect(request.url()).not.toContain('mock-development-token');
  expect(await request.headerValue('accept')).toBe('application/json');
});

test('a missing or wrong config.json says what to put in it', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  await expect(page.getByTestId('config-error')).toContainText('Put a config.json beside this page');
  await page.unroute('**/config.json');
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"mockApi": true, "apiBase": "https://evil.example"}' }),
  );
  await page.goto('/');
  await expect(page.getByTestId('config-error')).toContainText('not a Defender for Endpoint API host');
  await page.goto('/?lang=sv');
  await expect(page.getByTestId('config-error')).toContainText('är ingen API-värd för Defender for Endpoint');
  await page.unroute('**/config.json');
  await page.route('**/config.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
  await page.goto('/?lang=fr');
  await expect(page.getByTestId('config-error')).toContainText('Impossible de charger config.json (HTTP 500)');
});

test('a standalone page whose own part of the code cannot be fetched says so, in its language', async ({ page }) => {
  await page.route(`**/${built('pkg/split_standalone.wasm')}`, (route) => route.abort());
  await page.goto('/?lang=fr');
  const problem = page.getByTestId('config-error');
  await expect(problem).toContainText('Cette partie du widget');
  await expect(problem.getByRole('heading')).toHaveText(/Missing KBs/);
});

test('the summary totals what is shown, and sort, text filter and product chips change the cards', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-windows_10');
  const kbs = fixture('microsoft-_-windows_10');
  const sum = (list: FixtureKb[], field: 'machineMissedOn' | 'cveAddressed') =>
    list.reduce((total, kb) => total + kb[field], 0);
  await expect(page.getByTestId('total-machines')).toHaveText(sum(kbs, 'machineMissedOn').toLocaleString('en'));
  await expect(page.getByTestId('total-cves')).toHaveText(sum(kbs, 'cveAddressed').toLocaleString('en'));

  await page.getByTestId('sort').selectOption('cves');
  const byCves = [...kbs].sort((a, b) => b.cveAddressed - a.cveAddressed || b.machineMissedOn - a.machineMissedOn);
  await expect(page.getByTestId('kb-number')).toHaveText(byCves.map((kb) => `KB${kb.id}`));

  await page.getByTestId('filter').fill('servicing stack');
  await expect(widget.cards).toHaveCount(1);
  await expect(widget.summary).toHaveText(`1 of ${kbs.length} missing KBs for microsoft-_-windows_10`);
  const servicing = kbs.filter((kb) => /servicing stack/i.test(kb.name));
  await expect(page.getByTestId('total-machines')).toHaveText(sum(servicing, 'machineMissedOn').toLocaleString('en'));

  await page.getByTestId('filter').fill('');
  const chip = page.getByTestId('product-chip').filter({ hasText: 'windows_11' });
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  const forWindows11 = kbs.filter((kb) => kb.productsNames.includes('windows_11'));
  await expect(page.getByTestId('kb-number')).toHaveText(forWindows11.map((kb) => `KB${kb.id}`));

  await page.getByTestId('filter').fill('nothing like this');
  await expect(page.getByTestId('no-match')).toBeVisible();
  await expect(widget.cards).toHaveCount(0);
});

test('Export CSV downloads the shown list, in order, and Copy KB numbers copies them', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-windows_10');
  await page.getByTestId('filter').fill('cumulative update for windows');
  const shown = await page.getByTestId('kb-number').allTextContents();
  expect(shown.length).toBeGreaterThan(1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toBe('missing-kbs-microsoft-_-windows_10.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const rows = csv.trimEnd().split('\r\n');
  expect(rows[0]).toBe('KB,Name,Products,Machines missing,CVEs addressed,Update Catalog link');
  expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(shown);
  const first = fixture('microsoft-_-windows_10').find((kb) => `KB${kb.id}` === shown[0])!;
  expect(rows[1]).toContain(`,${first.machineMissedOn},${first.cveAddressed},${first.url}`);

  await page.getByTestId('copy-kbs').click();
  await expect(page.getByTestId('copy-kbs')).toHaveText('KB numbers copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown.join('\n'));
});

test('the page speaks the chosen language, formats numbers for it, and switches without losing the list', async ({
  page,
}) => {
  const widget = new StandalonePage(page);
  await page.goto('/?softwareId=microsoft-_-windows_10&lang=ja');
  await expect(widget.show).toHaveText('不足している KB を表示');
  await expect(widget.summary).toHaveText('microsoft-_-windows_10 の不足している KB: 8 件');
  await expect(page.locator('section.mkb')).toHaveAttribute('lang', 'ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.locator('#page-title')).toHaveText('不足しているセキュリティ更新プログラム');
  // The tools load later, and their texts with them (read from the same catalogue).
  await expect(page.getByTestId('export-csv')).toHaveText('CSV にエクスポート');

  await page.getByTestId('language').selectOption('fr');
  await expect(widget.show).toHaveText('Afficher les KB manquants');
  await expect(page.getByTestId('export-csv')).toHaveText('Exporter en CSV');
  await expect(widget.cards).toHaveCount(8);
  await expect(widget.card(0).machines).toHaveText((2211).toLocaleString('fr'));
  await expect(page.getByTestId('total-machines')).toHaveText((5861).toLocaleString('fr'));
  expect(new URL(page.url()).searchParams.get('lang')).toBe('fr');

  await widget.search('microsoft/edge');
  await expect(widget.validation).toHaveText('Un ID logiciel ne contient pas « / ».');
});

test('errors are shown in the widget language', async ({ page }) => {
  const widget = new StandalonePage(page);
  await page.goto('/?softwareId=scenario-_-forbidden&lang=pt-BR');
  await expect(widget.errorMessage).toContainText('não tem a permissão Software.Read');
  await expect(widget.retry).toHaveText('Tentar novamente');
  await page.goto('/?softwareId=scenario-_-throttled&lang=sv');
  await expect(page.getByTestId('countdown')).toContainText(/Försöker igen om (30|29|28) s/);
  await expect(page.getByTestId('cancel')).toHaveText('Avbryt');
});

test('the title names the software and its exposed devices when Defender knows it, and is left out when not', async ({
  page,
}) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-windows_10');
  await expect(page.getByTestId('software-title')).toHaveText('microsoft windows 10');
  const mostMissed = Math.max(...fixture('microsoft-_-windows_10').map((kb) => kb.machineMissedOn));
  await expect(page.getByTestId('exposed-machines')).toHaveText(mostMissed.toLocaleString('en'));
  const titleRequest = page.waitForResponse((response) => response.url().endsWith('/api/Software/scenario-_-paged'));
  await widget.search('scenario-_-paged');
  expect((await titleRequest).status()).toBe(404);
  await expect(widget.cards).toHaveCount(fixture('microsoft-_-windows_10').length);
  await expect(page.getByTestId('software-title')).toHaveCount(0);
});

test('on the standalone page the sort and filter live in the URL', async ({ page }) => {
  const widget = new StandalonePage(page);
  await widget.open('microsoft-_-windows_10');
  await page.getByTestId('sort').selectOption('kb');
  await page.getByTestId('filter').fill('cumulative');
  await page.getByTestId('product-chip').filter({ hasText: '.net_framework' }).click();
  await expect(widget.cards).toHaveCount(1);
  const params = new URL(page.url()).searchParams;
  expect([params.get('sort'), params.get('q'), params.get('products')]).toEqual(['kb', 'cumulative', '.net_framework']);

  // The link opens the same view.
  await page.goto(page.url());
  await expect(widget.cards).toHaveCount(1);
  await expect(page.getByTestId('sort')).toHaveValue('kb');
  await expect(page.getByTestId('filter')).toHaveValue('cumulative');
  await expect(page.getByTestId('product-chip').filter({ hasText: '.net_framework' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});
