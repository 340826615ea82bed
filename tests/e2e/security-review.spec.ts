import { expect, test, type Page, type Request } from '@playwright/test';
import { jwt } from './access-tokens';
import { EmbedHost, twoLoadedWidgets } from './pages/embed-host';
import { FOREIGN_KB_NAME, RecordingOrigin } from './recording-origin';

// The attacks of the security review (issue 13), each against the built widget on its own
// host page, with a second origin that records what reaches it. Every test here failed
// before its fix.

const TOKEN = 'mock-development-token';

const authorizationOf = (request: Request) => request.headers()['authorization'];

let other: RecordingOrigin;
test.beforeEach(async () => {
  other = await RecordingOrigin.start();
});
test.afterEach(async () => {
  await other.close();
});

test('finding 1: a <base href> on the host page does not take the token to another origin', async ({
  page,
  baseURL,
}) => {
  const host = new EmbedHost(page);
  await host.open(['root', 'proxy'], [], { csp: false, head: `<base href="${other.url}/">` });
  await host.mount('root', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '' });
  await host.mount('proxy', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '/defender' });

  await expect(host.cards('root')).toHaveCount(5);
  await expect(host.container('root')).not.toContainText(FOREIGN_KB_NAME);
  // The proxy path is not served by the mock: it fails on the page's origin, not elsewhere.
  await expect(host.container('proxy').getByTestId('error')).toBeVisible();
  const urls = host.apiRequests.map((request) => request.url());
  expect(urls).toContain(`${baseURL}/api/Software/microsoft-_-edge/getmissingkbs`);
  expect(urls).toContain(`${baseURL}/defender/api/Software/microsoft-_-edge/getmissingkbs`);
  expect(urls.filter((url) => !url.startsWith(`${baseURL}/`))).toEqual([]);
  expect(other.requests).toEqual([]);
});

test('finding 2: a loopback address is only one the URL parser reads as loopback; 127.0.0.+1 goes nowhere', async ({
  page,
}) => {
  const leaked: string[] = [];
  await page.route('http://127.0.0.+1:9200/**', (route) => {
    leaked.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'application/json', body: '{"value":[]}' });
  });
  const forms = [
    '127.0.0.+1',
    '127.0.0.01',
    '0x7f.0.0.1',
    '127.1',
    '127.0.0.1.',
    '2130706433',
    '0127.0.0.1',
    '127.0.0.1',
  ];
  const host = new EmbedHost(page);
  await host.open(
    forms.map((_, index) => `w${index}`),
    [],
    { csp: false },
  );
  for (const [index, form] of forms.entries()) {
    await host.mount(`w${index}`, { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: `http://${form}:9200` });
  }
  for (const [index, form] of forms.entries()) {
    const refused = host.container(`w${index}`).getByTestId('config-error');
    // Accepted only as the URL standard serializes a 127.0.0.0/8 address; every other spelling is refused.
    const serialized = await page.evaluate((form) => {
      const { hostname } = new URL(`http://${form}:9200/`);
      return hostname === form && /^127\.\d+\.\d+\.\d+$/.test(hostname);
    }, form);
    if (serialized) await expect(refused, form).toHaveCount(0);
    else await expect(refused, form).toContainText('must use https');
  }
  expect(leaked).toEqual([]);

  // The standalone page's config.json goes through the same rule.
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"mockApi": true, "apiBase": "http://127.0.0.+1:9200"}' }),
  );
  await page.goto('/?softwareId=microsoft-_-edge');
  await expect(page.getByTestId('config-error')).toContainText('must use https');
  expect(leaked).toEqual([]);
});

test('finding 3: abandoned loads leave the rate limit to the one that is shown', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  await host.mount('a', { token: TOKEN, apiBase: '' });
  await page.evaluate(() => {
    const handle = window.handles.a;
    for (let i = 0; i < 59; i += 1) handle.setSoftwareId(`contoso-_-product_${i}`);
    handle.setSoftwareId('microsoft-_-edge');
  });
  await expect(host.cards('a')).toHaveCount(5, { timeout: 5_000 });
  expect(host.apiRequests.length).toBeLessThanOrEqual(2);
  // A widget mounted afterwards does not wait either.
  await host.mount('b', { softwareId: 'microsoft-_-office', token: TOKEN, apiBase: '' });
  await expect(host.cards('b')).toHaveCount(4, { timeout: 5_000 });
});

test('finding 3: a wait for the page-wide rate limit is shown with a countdown, and can be cancelled', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: '' });
  await expect(host.cards('a')).toHaveCount(5);
  // Each load asks for the list and the software's name: 50 calls in all, the most a minute allows.
  const calls = () => host.requests.filter((request) => new URL(request.url()).pathname.startsWith('/api/')).length;
  while (calls() < 50) {
    const before = calls();
    await host.call('a', 'refresh');
    await expect.poll(calls).toBeGreaterThanOrEqual(Math.min(before + 2, 50));
    await expect(host.cards('a')).toHaveCount(5);
  }
  await host.call('a', 'refresh');
  const countdown = host.container('a').getByTestId('countdown');
  await expect(countdown).toContainText('call limit (50 a minute, 1,500 an hour). Asking in');
  await host.container('a').getByTestId('cancel').click();
  await expect(host.container('a').getByTestId('error')).toHaveAttribute('data-error-kind', 'rate-limited');
  expect(calls()).toBe(50);
});

/**
 * Hands the glue the widget's wasm exports through a copy whose functions can be made to run
 * later: with `window.deferNextWasmCall` set, the next call into the wasm returns at once and
 * runs in a timer callback, outside any call the host made.
 */
async function deferableWasmCalls(page: Page) {
  await page.addInitScript(() => {
    const instantiateStreaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const result = await instantiateStreaming(source, imports);
      if (!new URL((await source).url).pathname.endsWith('/pkg/missing-kbs_bg.wasm')) return result;
      const exports: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(result.instance.exports)) {
        exports[name] =
          typeof value !== 'function'
            ? value
            : (...args: unknown[]) => {
                if (!window.deferNextWasmCall) return value(...args);
                window.deferNextWasmCall = false;
                setTimeout(() => value(...args));
              };
      }
      return { module: result.module, instance: { exports } as WebAssembly.Instance };
    };
  });
}

test('finding 4: a trap of the wasm module in any callback shows the reload card and fires missingkbs:error', async ({
  page,
}) => {
  await deferableWasmCalls(page);
  const { host, pageErrors } = await twoLoadedWidgets(page, 'ja');
  // An abort from inside the module, outside any call the host made: as running out of memory
  // does, it traps without a panic hook, and reaches the page as an uncaught error. The module's
  // own simulatePanic is made to trap in a timer callback, not in the host's call.
  const deferred = await page.evaluate(async () => {
    const { simulatePanic } = await import(`${location.origin}/missing-kbs.js`);
    window.deferNextWasmCall = true;
    await simulatePanic();
    // The wrapper clears the flag when it defers the call.
    return !window.deferNextWasmCall;
  });
  expect(deferred).toBe(true);
  await expect(host.container('a').getByTestId('widget-stopped')).toContainText('Reload the page');
  await expect(host.container('b').getByTestId('widget-stopped')).toHaveAttribute('role', 'alert');
  await expect(host.container('b').locator('section.mkb')).toHaveAttribute('lang', 'ja');
  const panics = (await host.events()).filter(
    (event) => event.type === 'missingkbs:error' && event.detail.kind === 'panic',
  );
  expect(panics.map((event) => event.target).sort()).toEqual(['a', 'b']);
  expect(pageErrors).toEqual([]);
  // A later call through a handle does nothing, and throws nothing at the host.
  await host.call('a', 'setSoftwareId', 'microsoft-_-windows_10');
  await expect(host.container('a').getByTestId('widget-stopped')).toBeVisible();
});

test('finding 5: a list loaded with one account is not shown under another, and a refreshed token keeps it', async ({
  page,
}) => {
  const alice = jwt({ tid: 'tenant-1', oid: 'alice' }, 'first');
  const aliceRefreshed = jwt({ tid: 'tenant-1', oid: 'alice' }, 'an-hour-later');
  const bob = jwt({ tid: 'tenant-1', oid: 'bob' }, 'first');
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  const edgeRequests = () => host.apiRequests.filter((request) => request.url().includes('microsoft-_-edge'));
  const showAndWait = async (name: string, softwareId: string, cards: number) => {
    await host.call(name, 'setSoftwareId', softwareId);
    await expect(host.container(name).getByTestId('summary')).toContainText(softwareId);
    await expect(host.cards(name)).toHaveCount(cards);
  };

  await host.mount('a', { softwareId: 'microsoft-_-edge', token: alice, apiBase: '' });
  await expect(host.cards('a')).toHaveCount(5);
  // The hourly refresh of the same account's token keeps the cache.
  await host.call('a', 'setToken', aliceRefreshed);
  await showAndWait('a', 'microsoft-_-office', 4);
  await showAndWait('a', 'microsoft-_-edge', 5);
  expect(edgeRequests().map(authorizationOf)).toEqual([`Bearer ${alice}`]);
  // Another account's token never sees it: the list shown goes at once, and is asked for again
  // with that token (issue 26, finding 1).
  await host.call('a', 'setToken', bob);
  await expect.poll(() => edgeRequests().map(authorizationOf)).toEqual([`Bearer ${alice}`, `Bearer ${bob}`]);
  await expect(host.cards('a')).toHaveCount(5);
  await showAndWait('a', 'microsoft-_-office', 4);
  await showAndWait('a', 'microsoft-_-edge', 5);
  expect(edgeRequests().map(authorizationOf)).toEqual([`Bearer ${alice}`, `Bearer ${bob}`]);

  // A getToken that switches accounts is the same: it answers alice, alice, then bob.
  await host.mount('b', { softwareId: 'microsoft-_-windows_11', apiBase: '' }, [alice, alice, bob]);
  await expect(host.container('b').getByTestId('summary')).toContainText('microsoft-_-windows_11');
  const windows11Cards = await host.cards('b').count();
  await showAndWait('b', 'microsoft-_-office', 4);
  await showAndWait('b', 'microsoft-_-windows_11', windows11Cards);
  const windows11 = host.apiRequests.filter((request) => request.url().includes('windows_11'));
  expect(windows11.map(authorizationOf)).toEqual([`Bearer ${alice}`, `Bearer ${bob}`]);
});

test('finding 6: nothing copied to the clipboard can start a formula or a new line', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const kbs = [
    { id: '4540673', name: 'March', machineMissedOn: 3 },
    { id: "=cmd|' /C calc'!A0", name: 'Formula', machineMissedOn: 2 },
    { id: '5044273\n\t=1+1', name: 'Line breaks', machineMissedOn: 1 },
  ];
  await page.route('**/api/Software/scenario-_-copied/getmissingkbs', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ value: kbs }) }),
  );
  await page.route('**/api/Software/scenario-_-failed/getmissingkbs', (route) =>
    route.fulfill({
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'NotFound', message: 'no', target: "=cmd|' /C calc'!A0" } }),
    }),
  );
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'scenario-_-copied', token: TOKEN, apiBase: '' });
  const widget = host.container('a');
  await expect(host.cards('a')).toHaveCount(3);
  await expect(widget.getByTestId('kb-number')).toHaveText(['KB4540673', 'Unknown KB', 'Unknown KB']);
  await widget.getByTestId('copy-kbs').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('KB4540673');

  await host.call('a', 'setSoftwareId', 'scenario-_-failed');
  await expect(widget.getByTestId('correlation-id')).toHaveText("=cmd|' /C calc'!A0");
  await widget.getByTestId('copy-correlation-id').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("'=cmd|' /C calc'!A0");
});

test('finding 7: a redirect is not followed; the widget says the API address answered with one', async ({ page }) => {
  const redirecting = await RecordingOrigin.start((path) => ({
    status: 307,
    headers: { location: `${other.url}${path}` },
  }));
  try {
    const host = new EmbedHost(page);
    await host.open(['a'], [], { csp: false });
    await host.mount('a', { softwareId: 'microsoft-_-edge', token: TOKEN, apiBase: redirecting.url });
    const widget = host.container('a');
    await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'redirected');
    await expect(widget.getByTestId('error-message')).toContainText('never redirects');
    await expect(widget).not.toContainText(FOREIGN_KB_NAME);
    expect(redirecting.withToken.map((request) => request.path)).toEqual([
      '/api/Software/microsoft-_-edge/getmissingkbs',
    ]);
    expect(other.requests).toEqual([]);
    const errors = (await host.events()).filter((event) => event.type === 'missingkbs:error');
    expect(errors.map((event) => event.detail)).toEqual([
      { softwareId: 'microsoft-_-edge', kind: 'redirected', status: null },
    ]);
  } finally {
    await redirecting.close();
  }
});
