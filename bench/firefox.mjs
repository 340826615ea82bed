// Firefox for the benchmark: Debian's Firefox ESR, launched by puppeteer-core over WebDriver
// BiDi (as in tests/engines/gecko.mjs), behind the few calls run.mjs makes of Playwright's
// Chromium (newPage, newContext, version, close), so that every section runs unchanged.
import puppeteer from 'puppeteer-core';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** @typedef {{ width: number, height: number }} Viewport */

/** Launches Firefox ESR headless; its pages and contexts are made as Playwright's are asked for. */
export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Firefox rounds performance.now() to the millisecond on a page that is not cross-origin
    // isolated, against fingerprinting; the benchmark wants the clock Chromium gives it.
    extraPrefsFirefox: { 'privacy.reduceTimerPrecision': false },
  });
  const version = await browser.version();
  /** @param {import('puppeteer-core').Page} page @param {Viewport | undefined} viewport */
  const sized = async (page, viewport) => {
    if (viewport) await page.setViewport(viewport);
    return page;
  };
  return {
    version: () => version,
    /** @param {{ viewport?: Viewport }} [options] */
    newPage: async (options) => sized(await browser.newPage(), options?.viewport),
    /** A new user context: its own cookies, storage and HTTP cache, as a Playwright context has. @param {{ viewport?: Viewport }} [options] */
    async newContext(options) {
      const context = await browser.createBrowserContext();
      return { newPage: async () => sized(await context.newPage(), options?.viewport), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}
