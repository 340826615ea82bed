import type { Page, Route } from '@playwright/test';
import { CONTENT_HASH } from './built-files';

/**
 * Holds every request for `url` (a glob) until the returned function is called, then lets it go
 * on (or, with `release`, does with it what that says).
 */
export async function holdRequests(
  page: Page,
  url: string,
  release: (route: Route) => Promise<void> = (route) => route.continue(),
): Promise<() => void> {
  let letGo = () => {};
  const held = new Promise<void>((resolve) => (letGo = resolve));
  await page.route(url, async (route) => {
    await held;
    await release(route);
  });
  return letGo;
}

/** The language catalogues the page asks for (`ja`, `ja.later`), in the order it asks. */
export function recordCatalogues(page: Page): string[] {
  const catalogues: string[] = [];
  page.on('request', (request) => {
    // By the name before its content hash (scripts/content-names.mjs): `ja.later`.
    const language = new URL(request.url()).pathname.match(new RegExp(`^/i18n/(.+?)(?:\\.${CONTENT_HASH})?\\.js$`));
    if (language) catalogues.push(language[1]);
  });
  return catalogues;
}

/**
 * The paths of the scripts (`.js`) the page asks for before the widget's wasm
 * (`/pkg/missing-kbs_bg.wasm`), in the order it asks; it resolves when the wasm is asked for.
 */
export function scriptsBeforeWasm(page: Page): Promise<string[]> {
  const scripts: string[] = [];
  return new Promise((resolve) => {
    page.on('request', function listen(request) {
      const { pathname } = new URL(request.url());
      if (pathname === '/pkg/missing-kbs_bg.wasm') {
        page.off('request', listen);
        resolve(scripts);
      } else if (pathname.endsWith('.js')) {
        scripts.push(pathname);
      }
    });
  });
}
