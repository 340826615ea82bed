import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { fixtureCount } from './fixtures';
import { holdRequests, recordCatalogues, scriptsBeforeWasm } from './network';
import { EmbedHost, twoLoadedWidgets } from './pages/embed-host';
import { built } from './built-files';

test('two widgets on one page work independently', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open();
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' });
  await host.mount('b', { softwareId: 'microsoft-_-windows_10', token: 'mock-development-token', apiBase: '' });
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  await expect(host.cards('b')).toHaveCount(fixtureCount('microsoft-_-windows_10'));
  const requestsBefore = host.apiRequests.length;

  await host.call('a', 'setSoftwareId', 'microsoft-_-office');
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-office'));
  await expect(host.cards('b')).toHaveCount(fixtureCount('microsoft-_-windows_10'));
  expect(host.apiRequests.slice(requestsBefore).map((r) => new URL(r.url()).pathname)).toEqual([
    '/api/Software/microsoft-_-office/getmissingkbs',
  ]);

  const events = await host.events();
  expect(events).toContainEqual({
    type: 'missingkbs:loaded',
    target: 'a',
    detail: { softwareId: 'microsoft-_-office', count: fixtureCount('microsoft-_-office') },
  });
  expect(events.filter((e) => e.target === 'b')).toEqual([
    {
      type: 'missingkbs:loaded',
      target: 'b',
      detail: { softwareId: 'microsoft-_-windows_10', count: fixtureCount('microsoft-_-windows_10') },
    },
  ]);

  // Each widget has its own form: ids do not collide.
  const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((e) => e.id));
  expect(new Set(ids).size).toBe(ids.length);
});

test('a portal fetches one module before the wasm: the loader and the glue are bundled in missing-kbs.js', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  const scripts = scriptsBeforeWasm(page);
  await page.evaluate(() => import(`${location.origin}/missing-kbs.js`));
  expect(await scripts).toEqual(['/missing-kbs.js']);
  // The bundle loads the wasm and mounts a widget, whose list's tools (a part that loads
  // later) come too, with no other module of the widget's JavaScript.
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' });
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  await expect(host.container('a').getByTestId('filter')).toBeVisible();
  const requested = host.requests.map((request) => new URL(request.url()).pathname);
  expect(requested.filter((file) => file.endsWith('.js'))).toEqual(['/missing-kbs.js']);
  expect(requested.filter((file) => file === '/pkg/missing-kbs_bg.wasm')).toHaveLength(1);
});

test('a language is loaded only when a widget speaks it; one that cannot load leaves the widget in English', async ({
  page,
}) => {
  const catalogues = recordCatalogues(page);
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.route(`**/${built('i18n/sv.js')}`, (route) => route.fulfill({ status: 404, body: '' }));
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '', locale: 'en' });
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  expect(catalogues).toEqual([]);

  await host.call('a', 'setLocale', 'ja');
  await expect(host.container('a').locator('section.mkb')).toHaveAttribute('lang', 'ja');
  await expect(host.cards('a').first()).toContainText('不足しているコンピューター');
  // The texts of the first download, and those of the parts that load later (the tools).
  await expect(host.container('a').getByLabel('絞り込み', { exact: true })).toBeVisible();
  expect([...catalogues].sort()).toEqual(['ja', 'ja.later']);

  await host.mount('b', {
    softwareId: 'microsoft-_-office',
    token: 'mock-development-token',
    apiBase: '',
    locale: 'sv',
  });
  await expect(host.cards('b')).toHaveCount(fixtureCount('microsoft-_-office'));
  await expect(host.container('b').locator('section.mkb')).toHaveAttribute('lang', 'en');
  await expect(host.cards('b').first()).toContainText('Machines missing it');
  expect(warnings.filter((warning) => warning.includes('"sv" texts could not be loaded'))).toHaveLength(1);
  // A language whose texts could not be loaded is not asked for the texts of its later parts.
  expect([...catalogues].sort()).toEqual(['ja', 'ja.later', 'sv']);
});

test('the texts of the parts that load later are asked for once a first frame is painted, not with the first ones', async ({
  page,
}) => {
  const catalogues = recordCatalogues(page);
  const answer = await holdRequests(page, '**/getmissingkbs');
  // When the widget's first frame, its loading state, went into the page.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="loading"]')) return;
      (window as unknown as { loadingAt: number }).loadingAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '', locale: 'ja' });
  await expect(host.container('a').getByTestId('loading')).toBeVisible();
  // A list slow to come does not hold the ID field back (it is asked for 300 ms after the first
  // frame), and the field's texts come with it, after that frame.
  await expect.poll(() => catalogues).toEqual(['ja', 'ja.later']);
  // A resource's timing is there once it has come.
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((entry) => entry.name.includes('/i18n/ja.later')),
  );
  const { loadingAt, laterAskedAt } = await page.evaluate(() => ({
    loadingAt: (window as unknown as { loadingAt: number }).loadingAt,
    laterAskedAt: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/i18n/ja.later'))!
      .startTime,
  }));
  expect(laterAskedAt).toBeGreaterThan(loadingAt);
  answer();
  await expect(host.cards('a').first()).toContainText('不足しているコンピューター');
  await expect(host.container('a').getByLabel('絞り込み', { exact: true })).toBeVisible();
  // Asked for once.
  expect(catalogues).toEqual(['ja', 'ja.later']);
});

test('the parts that load later wait for their texts, however late these come', async ({ page }) => {
  await page.route(`**/${built('i18n/ja.later.js')}`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '', locale: 'ja' });
  // The tools wait for their texts, and come in Japanese, never first in English.
  await expect(host.cards('a').first()).toContainText('不足しているコンピューター');
  await expect(host.container('a').getByLabel('絞り込み', { exact: true })).toBeVisible();
  await expect(host.container('a').getByLabel('Filter', { exact: true })).toHaveCount(0);
});

test('the texts of the parts that load later come in a module of their own; without it, those parts speak English', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.route(`**/${built('i18n/ja.later.js')}`, (route) => route.fulfill({ status: 404, body: '' }));
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '', locale: 'ja' });
  await expect(host.cards('a').first()).toContainText('不足しているコンピューター');
  await expect(host.container('a').getByLabel('Filter', { exact: true })).toBeVisible();
  await expect(host.container('a').locator('section.mkb')).toHaveAttribute('lang', 'ja');
  expect(warnings.filter((warning) => warning.includes('"ja" texts of the parts that load later'))).toHaveLength(1);
});

test('setSoftwareId with a bad ID explains it in that widget and sends nothing', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { token: 'mock-development-token', apiBase: '' });
  await host.call('a', 'setSoftwareId', 'microsoft/edge');
  await expect(host.container('a').getByTestId('software-id-error')).toContainText('no “/”');
  expect(host.apiRequests).toHaveLength(0);
});

test('unmount removes every node it added and aborts its request in flight', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  await host.mount('b', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' });
  await expect(host.cards('b')).toHaveCount(fixtureCount('microsoft-_-edge'));
  await host.call('b', 'unmount');
  expect(await host.container('b').evaluate((element) => element.childNodes.length)).toBe(0);

  const aborted = page.waitForEvent('requestfailed', (request) => request.url().includes('scenario-_-slow'));
  await host.mount('a', { softwareId: 'scenario-_-slow', token: 'mock-development-token', apiBase: '' });
  await expect(host.container('a').getByTestId('loading')).toBeVisible();
  await host.call('a', 'unmount');
  expect((await aborted).failure()?.errorText).toContain('ABORTED');
  expect(await host.container('a').evaluate((element) => element.childNodes.length)).toBe(0);
  // Nothing more happens: no late render, no event, and the handle's methods are now no-ops.
  await host.call('a', 'refresh');
  await host.call('a', 'setSoftwareId', 'microsoft-_-edge');
  await page.waitForTimeout(2000);
  expect(await host.container('a').evaluate((element) => element.childNodes.length)).toBe(0);
  expect((await host.events()).filter((e) => e.target === 'a')).toEqual([]);
});

test('after a 401, getToken is asked exactly once more and the request retried once', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', apiBase: '' }, ['expired-token', 'fresh-token']);
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  expect(await host.tokenCalls('a')).toBe(2);
  const auth = await Promise.all(host.apiRequests.map((r) => r.headerValue('authorization')));
  expect(auth).toEqual(['Bearer expired-token', 'Bearer fresh-token']);
  expect((await host.events()).map((e) => e.type)).toEqual(['missingkbs:loaded']);
});

test('a second 401 shows the sign-in error and fires tokenexpired', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', apiBase: '' }, ['expired-token']);
  await expect(host.container('a').getByTestId('error-message')).toContainText('Your sign-in has expired');
  expect(await host.tokenCalls('a')).toBe(2);
  expect(host.apiRequests).toHaveLength(2);
  expect(await host.events()).toEqual([
    {
      type: 'missingkbs:error',
      target: 'a',
      detail: { softwareId: 'microsoft-_-edge', kind: 'unauthorized', status: 401 },
    },
    { type: 'missingkbs:tokenexpired', target: 'a', detail: { softwareId: 'microsoft-_-edge' } },
  ]);
});

test('with a static token, a 401 asks the host for a new one and setToken recovers', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'expired-token', apiBase: '' });
  await expect(host.container('a').getByTestId('error-message')).toContainText('Your sign-in has expired');
  expect(host.apiRequests).toHaveLength(1);
  expect((await host.events()).map((e) => e.type)).toEqual(['missingkbs:error', 'missingkbs:tokenexpired']);
  await host.call('a', 'setToken', 'renewed-token');
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  expect(await host.apiRequests[1].headerValue('authorization')).toBe('Bearer renewed-token');
});

for (const apiBase of [
  'https://evil.example',
  'http://evil.example',
  'javascript:alert(1)',
  'http://10.0.0.1:8080',
  'https://api.security.microsoft.com.evil.example',
  '//evil.example/api',
]) {
  test(`apiBase ${apiBase} is refused before any token or request`, async ({ page }) => {
    const host = new EmbedHost(page);
    await host.open(['a']);
    const staticRequests = host.requests.length;
    await host.mount('a', { softwareId: 'microsoft-_-edge', apiBase }, ['secret-token']);
    await expect(host.container('a').getByTestId('config-error')).toBeVisible();
    expect(await host.tokenCalls('a')).toBe(0);
    const sent = host.requests
      .slice(staticRequests)
      .map((r) => r.url())
      .filter((url) => !url.endsWith('/missing-kbs.js') && !url.includes('/pkg/'));
    expect(sent).toEqual([]);
    expect(await host.events()).toEqual([
      { type: 'missingkbs:error', target: 'a', detail: { softwareId: null, kind: 'configuration', status: null } },
    ]);
  });
}

test('the token never appears in a URL, the console, storage, cookies or an event', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a', 'b', 'c']);
  const secrets = ['SECRET-static-token-1234', 'SECRET-callback-token-5678'];
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: secrets[0], apiBase: '' });
  await host.mount('b', { softwareId: 'scenario-_-forbidden', apiBase: '' }, [secrets[1]]);
  await host.mount('c', { softwareId: 'microsoft-_-edge', apiBase: '' }, ['expired-token']);
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  await expect(host.container('b').getByTestId('error')).toBeVisible();
  await expect(host.container('c').getByTestId('error')).toBeVisible();

  const seen = await page.evaluate(() =>
    JSON.stringify({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      events: window.widgetEvents,
      html: document.documentElement.outerHTML,
      url: location.href,
    }),
  );
  const everything = [seen, ...host.requests.map((r) => r.url()), ...host.console].join('\n');
  for (const secret of [...secrets, 'expired-token']) expect(everything).not.toContain(secret);
  // It was sent, in the header, to the API on this origin only.
  const headers = await Promise.all(host.apiRequests.map((r) => r.headerValue('authorization')));
  expect(headers).toContain(`Bearer ${secrets[0]}`);
  expect(host.apiRequests.every((r) => new URL(r.url()).origin === new URL(page.url()).origin)).toBe(true);
});

test('the <missing-kbs> element mounts, follows its software-id attribute and unmounts on removal', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['slot']);
  const element = await host.addElement('slot', 'microsoft-_-edge');
  await expect(element.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-edge'));
  await element.evaluate((e) => e.setAttribute('software-id', 'microsoft-_-windows_11'));
  await expect(element.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-windows_11'));
  await element.evaluate((e) => e.remove());
  expect(await page.evaluate(() => document.querySelectorAll('.mkb').length)).toBe(0);
});

test('a wasm that could not be fetched fails the mount, and the next mount fetches it again', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await page.route('**/pkg/missing-kbs_bg.wasm', (route) => route.abort(), { times: 1 });
  const options = { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' };
  await expect(host.mount('a', options)).rejects.toThrow();
  await host.mount('a', options);
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
});

test('a <missing-kbs> whose wasm could not be fetched fires kind "load", and refresh() loads it', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['slot']);
  await page.route('**/pkg/missing-kbs_bg.wasm', (route) => route.abort(), { times: 1 });
  const element = await host.addElement('slot', 'microsoft-_-edge');
  await expect
    .poll(() => host.events())
    .toEqual([
      {
        type: 'missingkbs:error',
        target: 'element',
        detail: {
          softwareId: 'microsoft-_-edge',
          kind: 'load',
          status: null,
          url: `${new URL(page.url()).origin}/pkg/missing-kbs_bg.wasm`,
        },
      },
    ]);
  await expect(element.getByTestId('widget-load-failed')).toHaveAttribute('data-reason', 'network');
  await element.evaluate((e: HTMLElementTagNameMap['missing-kbs']) => e.refresh());
  await expect(element.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-edge'));
  await expect(element.getByTestId('widget-load-failed')).toHaveCount(0);
});

test('the strict-CSP example renders cards with no policy violation', async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window.violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/examples/strict-csp.html');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-edge'));
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => window.violations ?? [])).toEqual([]);
});

test('a call that takes longer than timeoutSeconds is aborted with a clear message', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  const aborted = page.waitForEvent('requestfailed', (request) => request.url().includes('scenario-_-hang'));
  await host.mount('a', {
    softwareId: 'scenario-_-hang',
    token: 'mock-development-token',
    apiBase: '',
    timeoutSeconds: 2,
  });
  await expect(host.container('a').getByTestId('loading')).toBeVisible();
  await expect(host.container('a').getByTestId('error')).toHaveAttribute('data-error-kind', 'timeout', {
    timeout: 6_000,
  });
  await expect(host.container('a').getByTestId('error-message')).toContainText('did not answer within 2 s');
  expect((await aborted).failure()?.errorText).toContain('ABORTED');
  expect(host.apiRequests).toHaveLength(1);
});

test('if the widget ever panics, every widget says to reload, fires missingkbs:error, and the host keeps working', async ({
  page,
}) => {
  const { host, pageErrors } = await twoLoadedWidgets(page, 'fr');
  await page.evaluate(async () => (await import(`${location.origin}/missing-kbs.js`)).simulatePanic());
  await expect(host.container('a').getByTestId('widget-stopped')).toContainText('Reload the page');
  await expect(host.container('b').getByTestId('widget-stopped')).toContainText('Rechargez la page');
  await expect(host.cards('a')).toHaveCount(0);
  const panics = (await host.events()).filter((event) => event.detail.kind === 'panic');
  expect(panics.map((event) => event.target).sort()).toEqual(['a', 'b']);

  // The host page's own scripts still run.
  const hostStillWorks = await page.evaluate(() => {
    const button = document.createElement('button');
    let clicks = 0;
    button.addEventListener('click', () => (clicks += 1));
    document.body.append(button);
    button.click();
    return clicks;
  });
  expect(hostStillWorks).toBe(1);
  expect(pageErrors).toEqual([]);
});

test.describe('mock fault modes', () => {
  const mountOn = async (host: EmbedHost, softwareId: string, timeoutSeconds?: number) => {
    await host.open(['a']);
    await host.mount('a', { softwareId, token: 'mock-development-token', apiBase: '', timeoutSeconds });
    return host.container('a');
  };

  test('a 429 storm: the widget waits out each Retry-After, then stops after three attempts', async ({ page }) => {
    const host = new EmbedHost(page);
    const widget = await mountOn(host, 'scenario-_-throttle_storm');
    await expect(widget.getByTestId('countdown')).toBeVisible();
    await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'throttled', { timeout: 8_000 });
    expect(host.apiRequests).toHaveLength(3);
  });

  test('a slow drip of bytes still loads within the timeout', async ({ page }) => {
    const host = new EmbedHost(page);
    const widget = await mountOn(host, 'scenario-_-drip');
    await expect(widget.getByTestId('kb-card')).toHaveCount(5, { timeout: 10_000 });
  });

  test('a slow drip that outlasts the timeout is aborted', async ({ page }) => {
    const host = new EmbedHost(page);
    const widget = await mountOn(host, 'scenario-_-drip', 1);
    await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'timeout', { timeout: 6_000 });
  });

  test('a connection that breaks mid-answer is retried, then reported as a network failure', async ({ page }) => {
    const host = new EmbedHost(page);
    const widget = await mountOn(host, 'scenario-_-reset');
    await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'network', { timeout: 10_000 });
    expect(host.apiRequests).toHaveLength(3);
    await expect(widget.getByTestId('retry')).toBeVisible();
  });
});

test('two widgets showing the same software never send the same request at once', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  const timings: { start: number; end: number }[] = [];
  page.on('requestfinished', (request) => {
    if (request.url().endsWith('/scenario-_-slow/getmissingkbs')) {
      const timing = request.timing();
      timings.push({ start: timing.startTime, end: timing.startTime + timing.responseEnd });
    }
  });
  await Promise.all([
    host.mount('a', { softwareId: 'scenario-_-slow', token: 'mock-development-token', apiBase: '' }),
    host.mount('b', { softwareId: 'scenario-_-slow', token: 'mock-development-token', apiBase: '' }),
  ]);
  await expect(host.cards('a')).toHaveCount(5, { timeout: 10_000 });
  await expect(host.cards('b')).toHaveCount(5, { timeout: 10_000 });
  expect(timings).toHaveLength(2);
  timings.sort((x, y) => x.start - y.start);
  // Each answer takes 1.5 s, so requests sent at once would overlap by about that much. The
  // browser stamps a request's start and the previous answer's end in different processes,
  // which on a loaded machine can put them up to a few tens of milliseconds out of order.
  expect(timings[1].start).toBeGreaterThanOrEqual(timings[0].end - 100);
});

/** The requests for the main wasm among `requests`. */
const mainWasm = (requests: Request[]) =>
  requests.filter((request) => request.url().endsWith('/pkg/missing-kbs_bg.wasm'));

test("EMBEDDING.md's preload line starts the very fetch the module makes: the wasm is asked for once", async ({
  page,
}) => {
  const embedding = fs.readFileSync(path.resolve(__dirname, '../../EMBEDDING.md'), 'utf8');
  const snippet = /### Copy dist\/[\s\S]*?```html\n([\s\S]*?)```/.exec(embedding)?.[1] ?? '';
  // The snippet's files are under /missing-kbs/; the mock serves them at its root.
  const preload = snippet
    .split('\n')
    .find((line) => line.includes('rel="preload"'))
    ?.replaceAll('/missing-kbs/', '/');
  expect(preload).toContain('href="/pkg/missing-kbs_bg.wasm"');
  const host = new EmbedHost(page);
  await host.open(['a'], [], { head: preload });
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' });
  await expect(host.cards('a')).toHaveCount(fixtureCount('microsoft-_-edge'));
  // A preload whose mode or credentials differ from the module's fetch is fetched twice.
  expect(mainWasm(host.requests)).toHaveLength(1);
  expect(host.console.filter((text) => /preload/i.test(text))).toEqual([]);
});

test('the standalone page preloads its wasm with the fetch its module makes: asked for once', async ({ page }) => {
  const requests: Request[] = [];
  const console: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('console', (message) => console.push(message.text()));
  await page.goto('/?softwareId=microsoft-_-edge');
  await expect(page.getByTestId('kb-card')).toHaveCount(fixtureCount('microsoft-_-edge'));
  expect(mainWasm(requests)).toHaveLength(1);
  expect(console.filter((text) => /preload/i.test(text))).toEqual([]);
});
