import { expect, test, type Request, type Route } from '@playwright/test';
import { accountToken } from './access-tokens';
import { EmbedHost, twoLoadedWidgets } from './pages/embed-host';
import { RecordingOrigin } from './recording-origin';
import { built } from './built-files';

// The attacks of the second security review (issue 26), each against the built widget on its
// own host page. Every test here failed before its fix; the nginx findings are in deploy.spec.ts.

const alice = accountToken('alice');
const bob = accountToken('bob');
const whose = (request: Request) =>
  ({ [`Bearer ${alice}`]: 'alice', [`Bearer ${bob}`]: 'bob' })[request.headers()['authorization'] ?? ''] ?? 'nobody';

test('finding 1: a token for another account replaces the list, its open details, the finder, its device search and the suggestions', async ({
  page,
}) => {
  // Each account sees its own inventory, so what the finder lists says whose it holds.
  const inventoryAsked: string[] = [];
  await page.route(
    (url) => url.pathname === '/api/Software',
    (route: Route) => {
      const account = whose(route.request());
      inventoryAsked.push(account);
      const software = { id: `${account}-_-app`, name: `${account}_app`, vendor: account, exposedMachines: 3 };
      return route.fulfill({ json: { value: [software] } });
    },
  );
  // And its own devices.
  await page.route(
    (url) => url.pathname === '/api/machines',
    (route: Route) => {
      const account = whose(route.request());
      const device = { id: 'a'.repeat(40), computerDnsName: `${account}-pc.contoso.com`, osPlatform: 'Windows11' };
      return route.fulfill({ json: { value: [device] } });
    },
  );
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { token: alice, apiBase: '', finder: true });
  const widget = host.container('a');
  await expect(widget.getByTestId('software-name')).toHaveText([/alice/i]);
  await widget.getByTestId('finder-devices').click();
  await widget.getByTestId('find-device').fill('pc');
  await expect(widget.getByTestId('device-option-name')).toHaveText([/alice/i]);
  await widget.getByTestId('finder-software').click();

  await host.call('a', 'setSoftwareId', 'microsoft-_-windows_10');
  const card = widget.getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  await expect(card.getByTestId('cve')).toHaveCount(97);
  const listAsked = () => host.apiRequests.map(whose);
  expect(listAsked()).toEqual(['alice']);

  await host.call('a', 'setToken', bob);
  // Alice's list and its open panel go at once; Bob's list is asked for with his token.
  await expect.poll(listAsked).toEqual(['alice', 'bob']);
  await expect(widget.getByTestId('kb-card')).not.toHaveCount(0);
  await expect(widget.getByTestId('details-panel').filter({ visible: true })).toHaveCount(0);

  await host.call('a', 'showFinder');
  await expect(widget.getByTestId('software-name')).toHaveText([/bob/i]);
  expect(inventoryAsked).toEqual(['alice', 'bob']);
  // Alice's devices are gone; a search now finds Bob's.
  await widget.getByTestId('finder-devices').click();
  await expect(widget.getByTestId('device-option')).toHaveCount(0);
  await widget.getByTestId('find-device').fill('p');
  await expect(widget.getByTestId('device-option-name')).toHaveText([/bob/i]);
  // The ID field suggests Bob's software, never Alice's.
  await widget.getByTestId('software-id').fill('app');
  await expect(widget.getByTestId('suggestion')).toHaveText([/bob/i]);
});

test("finding 4: a trap in the host page's own wasm, or a fake one, stops no widget and stays the host's", async ({
  page,
}) => {
  const { host, pageErrors } = await twoLoadedWidgets(page, 'fr');
  await page.evaluate(() => {
    // (module (func (export "trap") unreachable)): the host's own wasm, which traps.
    const bytes = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 116, 114, 97, 112, 0, 0];
    const module = new WebAssembly.Module(new Uint8Array([...bytes, 10, 5, 1, 3, 0, 0, 11]));
    const { trap } = new WebAssembly.Instance(module).exports as { trap: () => void };
    // Thrown in a listener of the widget's own event, with the widget's frames below it.
    document.addEventListener('missingkbs:loaded', () => trap(), { once: true });
  });
  await host.call('a', 'refresh');
  await expect.poll(() => pageErrors).toEqual([expect.stringContaining('unreachable')]);

  // RuntimeErrors faked by a script, with the stack of a trap in the widget's own wasm as each
  // engine writes it (V8, Gecko, WebKit): innermost, below the host's frame, and thrown in a
  // listener of the widget's own event, while the widget's wasm runs below it.
  await page.evaluate(() => {
    const wasm = `${location.origin}/pkg/missing-kbs_bg.wasm`;
    const stacks = [
      `RuntimeError: unreachable\n    at f (${wasm}:wasm-function[1]:0x10)\n    at ${location.origin}/missing-kbs.js:1:1`,
      `f@${wasm}:wasm-function[1]:0x10\n@${location.origin}/missing-kbs.js:1:1`,
      `<?>.wasm-function[1]@[wasm code]\n@${location.origin}/missing-kbs.js:1:1`,
      `RuntimeError: host failure\n    at portal (${location.origin}/portal.js:1:1)\n    at f (${wasm}:wasm-function[1]:0x10)`,
    ];
    for (const stack of stacks) {
      const fake = new WebAssembly.RuntimeError('host failure');
      fake.stack = stack;
      setTimeout(() => {
        throw fake;
      });
    }
    const inListener = new WebAssembly.RuntimeError('host failure in a listener');
    inListener.stack = stacks[0];
    document.addEventListener(
      'missingkbs:loaded',
      () => {
        throw inListener;
      },
      { once: true },
    );
  });
  await expect.poll(() => pageErrors).toHaveLength(5);
  await host.call('a', 'refresh');
  await expect.poll(() => pageErrors).toHaveLength(6);
  expect(pageErrors.slice(1)).toEqual([...Array(4).fill('host failure'), 'host failure in a listener']);
  // Neither stopped a widget: both still work, and no panic was reported.
  await host.call('b', 'setSoftwareId', 'microsoft-_-edge');
  await expect(host.cards('b')).toHaveCount(5);
  await expect(page.getByTestId('widget-stopped')).toHaveCount(0);
  expect((await host.events()).filter((event) => event.detail.kind === 'panic')).toEqual([]);
});

test('finding 5: API calls skip the browser HTTP cache, so Refresh and a new account always reach Defender', async ({
  page,
}) => {
  // An API (or a proxy) that lets its answers be kept for ten minutes.
  const api = await RecordingOrigin.start(() => ({
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'private, max-age=600' },
    body: JSON.stringify({ value: [{ id: '5000001', name: 'A cacheable answer', machineMissedOn: 1 }] }),
  }));
  try {
    const host = new EmbedHost(page);
    await host.open(['a'], [], { csp: false });
    await host.mount('a', { softwareId: 'microsoft-_-edge', token: alice, apiBase: api.url });
    await expect(host.cards('a')).toHaveCount(1);
    const listCalls = () =>
      api.requests
        .filter((request) => request.method === 'GET' && request.path.endsWith('/getmissingkbs'))
        .map((request) => request.authorization);
    expect(listCalls()).toEqual([`Bearer ${alice}`]);

    await host.call('a', 'refresh');
    await expect.poll(listCalls).toEqual([`Bearer ${alice}`, `Bearer ${alice}`]);
    await host.call('a', 'setToken', bob);
    await expect.poll(listCalls).toEqual([`Bearer ${alice}`, `Bearer ${alice}`, `Bearer ${bob}`]);
    await expect(host.cards('a')).toHaveCount(1);
  } finally {
    await api.close();
  }
});

test("finding 6: a wasm part that is not this build's is refused as a failed download, never run", async ({ page }) => {
  // The details' own part with one custom section more: valid wasm, and not the bytes this
  // build made (as a patched part, or a part of another release, would be).
  const patched: string[] = [];
  await page.route(`**/${built('pkg/split_details.wasm')}`, async (route) => {
    const real = await route.fetch();
    patched.push(new URL(route.request().url()).pathname);
    const section = [0, 4, 1, 0x78, 0x2a, 0x2a];
    return route.fulfill({ response: real, body: Buffer.from([...(await real.body()), ...section]) });
  });
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-windows_10', token: alice, apiBase: '' });
  const card = host.cards('a').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  const panel = card.getByTestId('details-panel');
  await expect(panel).toHaveAttribute('role', 'alert');
  await expect(panel).toContainText('could not be downloaded');
  expect(patched).toEqual([`/${built('pkg/split_details.wasm')}`]);
  await expect(panel.getByTestId('cve')).toHaveCount(0);
  await expect(host.container('a').getByTestId('widget-stopped')).toHaveCount(0);

  // This build's part, asked for again as the panel opens again, loads.
  await page.unroute(`**/${built('pkg/split_details.wasm')}`);
  await card.getByTestId('details-toggle').click();
  await card.getByTestId('details-toggle').click();
  await expect(panel.getByTestId('cve')).toHaveCount(97);
});

test('finding 7: behind a same-origin proxy, a next link outside the proxy path is not followed', async ({
  page,
  baseURL,
}) => {
  const elsewhere: string[] = [];
  await page.route(`${baseURL}/defender/api/Software/microsoft-_-edge/getmissingkbs`, (route) =>
    route.fulfill({
      json: {
        value: [{ id: '5000001', name: 'First page', machineMissedOn: 2 }],
        '@odata.nextLink': '/other-app/collect?x=1',
      },
    }),
  );
  await page.route(`${baseURL}/other-app/**`, (route) => {
    elsewhere.push(`${route.request().url()} ${route.request().headers()['authorization'] ?? ''}`);
    return route.fulfill({ json: { value: [] } });
  });
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: alice, apiBase: '/defender' });
  await expect(host.cards('a')).toHaveCount(1);
  await expect(host.container('a').getByTestId('incomplete')).toContainText("outside the API's address");
  expect(elsewhere).toEqual([]);
});
