import { expect, test, type Page } from '@playwright/test';
import { EmbedHost, STRICT_CSP } from './pages/embed-host';
import { built } from './built-files';

// Issue 30, item 4: a widget whose wasm cannot be loaded never stays silent. The element says
// why, naming the file, in plain DOM (there is no wasm to make it), and fires missingkbs:error
// with kind "load" and the URL, for mount() as for <missing-kbs>; mount() still rejects.

const WASM = '**/pkg/missing-kbs_bg.wasm';
const OPTIONS = { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' };

/** The four ways a portal's deployment fails to deliver the wasm, each as a page sets it up. */
const CAUSES = {
  // The file is not where the module looks for it.
  http: {
    open: (host: EmbedHost) => host.open(['a']),
    break: (page: Page) => page.route(WASM, (route) => route.fulfill({ status: 404, body: 'Not found' })),
    message: /^The server answered 404 for http:\/\/[^ ]+\/pkg\/missing-kbs_bg\.wasm\.$/,
  },
  // A portal whose server answers every unknown path with its own HTML page.
  'not-wasm': {
    open: (host: EmbedHost) => host.open(['a']),
    break: (page: Page) =>
      page.route(WASM, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Portal</title>' }),
      ),
    message: /^The server sent text\/html, not WebAssembly, for http:\/\/[^ ]+\/pkg\/missing-kbs_bg\.wasm/,
  },
  // A policy without 'wasm-unsafe-eval'.
  csp: {
    open: (host: EmbedHost) => host.open(['a'], [], { csp: STRICT_CSP.replace(" 'wasm-unsafe-eval'", '') }),
    break: async () => {},
    message: /^The page’s Content Security Policy blocks WebAssembly: its script-src needs 'wasm-unsafe-eval'/,
  },
  // A VPN or proxy that is down: no answer at all.
  network: {
    open: (host: EmbedHost) => host.open(['a']),
    break: (page: Page) => page.route(WASM, (route) => route.abort('internetdisconnected')),
    message: /^No answer for http:\/\/[^ ]+\/pkg\/missing-kbs_bg\.wasm: the network or a proxy failed\.$/,
  },
};

for (const [reason, cause] of Object.entries(CAUSES)) {
  test(`mount() whose wasm fails to load (${reason}) says why in the element, fires kind "load", and rejects`, async ({
    page,
  }) => {
    const host = new EmbedHost(page);
    await cause.open(host);
    await cause.break(page);
    await expect(host.mount('a', OPTIONS)).rejects.toThrow();
    const card = host.container('a').getByTestId('widget-load-failed');
    await expect(card).toHaveAttribute('role', 'alert');
    await expect(card).toHaveAttribute('data-reason', reason);
    await expect(card.locator('h2')).toHaveText('The widget could not be loaded');
    await expect(card.locator('p')).toHaveText(cause.message);
    const wasmUrl = `${new URL(page.url()).origin}/pkg/missing-kbs_bg.wasm`;
    expect(await host.events()).toEqual([
      {
        type: 'missingkbs:error',
        target: 'a',
        detail: { softwareId: 'microsoft-_-edge', kind: 'load', status: reason === 'http' ? 404 : null, url: wasmUrl },
      },
    ]);
  });

  test(`<missing-kbs> whose wasm fails to load (${reason}) says why and fires kind "load"`, async ({ page }) => {
    const host = new EmbedHost(page);
    await cause.open(host);
    await cause.break(page);
    const element = await host.addElement('a', 'microsoft-_-edge');
    await expect(element.getByTestId('widget-load-failed')).toHaveAttribute('data-reason', reason);
    await expect(element.getByTestId('widget-load-failed').locator('p')).toHaveText(cause.message);
    await expect
      .poll(() => host.events())
      .toEqual([expect.objectContaining({ type: 'missingkbs:error', target: 'element' })]);
    expect((await host.events())[0].detail).toMatchObject({ kind: 'load', softwareId: 'microsoft-_-edge' });
  });
}

test('the load failure speaks the widget’s language when its catalogue loads, and English when that fails too', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  await page.route(WASM, (route) => route.fulfill({ status: 503, body: '' }));
  await expect(host.mount('a', { ...OPTIONS, locale: 'fr-CA' })).rejects.toThrow();
  const french = host.container('a').getByTestId('widget-load-failed');
  await expect(french.locator('h2')).toHaveText('Le widget n’a pas pu être chargé');
  await expect(french.locator('p')).toHaveText(
    /^Le serveur a répondu 503 pour http:\/\/[^ ]+\/pkg\/missing-kbs_bg\.wasm\.$/,
  );
  await expect(host.container('a').locator('section.mkb')).toHaveAttribute('lang', 'fr');

  await page.route(`**/${built('i18n/ja.later.js')}`, (route) => route.abort('internetdisconnected'));
  await expect(host.mount('b', { ...OPTIONS, locale: 'ja' })).rejects.toThrow();
  await expect(host.container('b').getByTestId('widget-load-failed').locator('h2')).toHaveText(
    'The widget could not be loaded',
  );
  await expect(host.container('b').locator('section.mkb')).toHaveAttribute('lang', 'en');
});

test('every catalogue has each load failure’s text, with the URL in it', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  const catalogues = ['fr', 'ja', 'pt-BR', 'sv', 'zh-Hant'].map((tag) => [tag, `/${built(`i18n/${tag}.later.js`)}`]);
  const loaders = await page.evaluate(
    (catalogues) =>
      Promise.all(
        catalogues.map(async ([tag, url]) => {
          const { default: catalogue } = await import(url);
          return [tag, catalogue.loader] as const;
        }),
      ),
    catalogues,
  );
  for (const [tag, loader] of loaders) {
    expect(Object.keys(loader).sort(), tag).toEqual(['csp', 'http', 'invalid', 'network', 'not-wasm', 'title']);
    for (const reason of ['csp', 'http', 'invalid', 'network', 'not-wasm']) {
      expect(loader[reason], `${tag} ${reason}`).toContain('{url}');
    }
  }
});
