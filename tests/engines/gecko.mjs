// Gecko: Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core (the README says
// why that client). Puppeteer never downloads a browser here: it launches /usr/bin/firefox-esr.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
/** @import { Engine, Key } from './engine' */

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Starts Firefox with a fresh profile, downloads saved to `downloadsDir` without a dialog.
 * @param {{ baseUrl: string, downloadsDir: string }} options
 * @returns {Promise<Engine>}
 */
export async function startFirefox({ baseUrl, downloadsDir }) {
  mkdirSync(downloadsDir, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'browser.download.dir': downloadsDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      // The downloads panel would take the focus from the page when a download starts.
      'browser.download.alwaysOpenPanel': false,
    },
  });
  // The tab Firefox starts with never gets the focus when headless (document.hasFocus() stays
  // false, and no element in it gets a focus event, which the widget's combobox waits for); a tab
  // opened over BiDi has it, as a person's window has.
  const [first] = await browser.pages();
  const page = await browser.newPage();
  await first.close();
  return {
    name: 'firefox',
    version: await browser.version(),
    downloadsDir,
    async goto(pagePath) {
      await page.goto(new URL(pagePath, baseUrl).href, { waitUntil: 'load' });
    },
    async url() {
      return page.url();
    },
    async back() {
      await page.goBack();
    },
    // Puppeteer's evaluate takes the function itself and serialises it the same way.
    evaluate: (fn, ...args) => /** @type {any} */ (page.evaluate(/** @type {any} */ (fn), ...args)),
    async addScript(source) {
      await page.evaluate(source);
    },
    async click(selector) {
      await page.click(selector);
    },
    async typeText(text) {
      await page.keyboard.type(text);
    },
    async press(/** @type {Key} */ key) {
      await page.keyboard.press(key);
    },
    async screenshot(file) {
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: /** @type {`${string}.png`} */ (file) });
    },
    async close() {
      await browser.close();
    },
  };
}
