import { expect, type Page, type Request } from '@playwright/test';
import type { MountOptions, WidgetHandle } from '../../../web/missing-kbs';

/** The widget's module, as a page imports it. */
type MissingKbsModule = typeof import('../../../web/missing-kbs');

/** The strict policy the mock serves pages with (mock-api/src/lib.rs, STRICT_CSP). */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A bare host page that embeds widgets through the public module, as a portal does.
 * Each widget is mounted into a container by name and driven through its handle.
 */
export class EmbedHost {
  /** Every request the page made, static files included. */
  readonly requests: Request[] = [];
  readonly console: string[] = [];

  constructor(readonly page: Page) {
    page.on('request', (request) => this.requests.push(request));
    page.on('console', (message) => this.console.push(message.text()));
  }

  /** The getmissingkbs requests (each successful load also asks for the software's name). */
  get apiRequests() {
    return this.requests.filter((request) => new URL(request.url()).pathname.endsWith('/getmissingkbs'));
  }

  /**
   * Serves the host page under the strict policy (unless `csp` is false, or another policy),
   * with named empty containers. `head` is markup put last in the page's head, such as a `<base href>`.
   */
  async open(
    containers: string[] = ['a', 'b'],
    stylesheets: string[] = [],
    { csp = true as boolean | string, head = '' } = {},
  ) {
    const body = containers.map((name) => `<div id="${name}" data-testid="host-${name}"></div>`).join('');
    await this.page.route('**/embed-host.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        headers: csp ? { 'content-security-policy': typeof csp === 'string' ? csp : STRICT_CSP } : {},
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">${stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('')}<link rel="stylesheet" href="/missing-kbs.css">${head}</head><body>${body}</body></html>`,
      }),
    );
    await this.page.goto('/embed-host.html');
    // Records every missingkbs:* event the widgets fire, as the host sees them.
    await this.page.evaluate(() => {
      const w = window;
      w.widgetEvents = [];
      for (const type of ['missingkbs:loaded', 'missingkbs:error', 'missingkbs:tokenexpired']) {
        document.addEventListener(type, (event) =>
          w.widgetEvents.push({
            type,
            target: (event.target as HTMLElement).id,
            detail: (event as CustomEvent).detail,
          }),
        );
      }
      w.handles = {};
      w.tokenCalls = {};
    });
  }

  /**
   * Mounts a widget into container `name`. `tokens`, if given, become a getToken that
   * answers them in turn (repeating the last); otherwise `options.token` is used.
   */
  async mount(name: string, options: Omit<MountOptions, 'getToken'>, tokens?: string[]) {
    await this.page.evaluate(
      async ({ name, options, tokens }) => {
        // From the page's own origin, whatever <base href> the page has.
        const { mount }: MissingKbsModule = await import(`${location.origin}/missing-kbs.js`);
        const full: MountOptions = { ...options };
        if (tokens) {
          window.tokenCalls[name] = 0;
          full.getToken = async () => tokens[Math.min(window.tokenCalls[name]++, tokens.length - 1)];
        }
        window.handles[name] = await mount(document.getElementById(name)!, full);
      },
      { name, options, tokens },
    );
  }

  /**
   * Adds `<missing-kbs id="element" software-id="…" api-base="">` to container `name`, with a
   * getToken, as a portal using the element does; returns its locator.
   */
  async addElement(name: string, softwareId: string) {
    await this.page.evaluate(
      async ({ name, softwareId }) => {
        await import(`${location.origin}/missing-kbs.js`);
        const element = document.createElement('missing-kbs');
        element.id = 'element';
        element.setAttribute('software-id', softwareId);
        element.setAttribute('api-base', '');
        element.getToken = async () => 'mock-development-token';
        document.getElementById(name)!.append(element);
      },
      { name, softwareId },
    );
    return this.page.locator('#element');
  }

  /** Calls a handle method with string arguments: setSoftwareId, setToken, setLocale, refresh or unmount. */
  async call(name: string, method: keyof WidgetHandle, ...args: string[]) {
    await this.page.evaluate(
      ({ name, method, args }) => (window.handles[name][method] as (...args: string[]) => unknown)(...args),
      { name, method, args },
    );
  }

  container(name: string) {
    return this.page.getByTestId(`host-${name}`);
  }

  cards(name: string) {
    return this.container(name).getByTestId('kb-card');
  }

  tokenCalls(name: string): Promise<number> {
    return this.page.evaluate((name) => window.tokenCalls[name], name);
  }

  events(): Promise<{ type: string; target: string; detail: any }[]> {
    return this.page.evaluate(() => window.widgetEvents);
  }
}

/**
 * A host page with two widgets loaded, to stop: Edge in English in `a`, Office in `localeB`
 * in `b`. `pageErrors` collects the page's uncaught errors as they come.
 */
export async function twoLoadedWidgets(page: Page, localeB: string) {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  await host.mount('a', { softwareId: 'microsoft-_-edge', token: 'mock-development-token', apiBase: '' });
  await host.mount('b', {
    softwareId: 'microsoft-_-office',
    token: 'mock-development-token',
    apiBase: '',
    locale: localeB,
  });
  await expect(host.cards('b')).toHaveCount(4);
  return { host, pageErrors };
}
