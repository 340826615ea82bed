// WebKit: Debian's WebKitGTK, its MiniBrowser driven by its WebKitWebDriver over classic
// WebDriver (webdriver-client.mjs), under a virtual X display (xvfb-run), since MiniBrowser has
// no headless mode.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KEYS, WebDriverSession } from './webdriver-client.mjs';
/** @import { Engine, Key } from './engine' */

const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';

/** Where Debian's libwebkit2gtk-4.1-0 puts its MiniBrowser: the package's own file list says. */
export function miniBrowserPath() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const files = execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' }).split('\n');
  const found = files.find((file) => file.endsWith('/MiniBrowser'));
  if (!found) throw new Error('libwebkit2gtk-4.1-0 has no MiniBrowser: is the package installed?');
  return found;
}

/**
 * Starts WebKitWebDriver on `driverPort` under xvfb-run, and a MiniBrowser session through it.
 * MiniBrowser saves a download, without asking, in the user's download directory, which is the
 * home directory when none is set: the driver and the browser get `downloadsDir` as their home.
 * @param {{ baseUrl: string, driverPort: number, downloadsDir: string }} options
 * @returns {Promise<Engine>}
 */
export async function startWebKit({ baseUrl, driverPort, downloadsDir }) {
  mkdirSync(downloadsDir, { recursive: true });
  const binary = miniBrowserPath();
  // Its own process group, so that closing ends xvfb-run, Xvfb, the driver and the browser together.
  const driver = spawn(
    'xvfb-run',
    ['--auto-servernum', '--server-args=-screen 0 1280x1024x24', WEBKIT_DRIVER, `--port=${driverPort}`],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: downloadsDir } },
  );
  let driverErrors = '';
  driver.stderr.on('data', (chunk) => (driverErrors += chunk));
  const driverUrl = `http://127.0.0.1:${driverPort}`;
  const stopDriver = () => {
    if (driver.pid !== undefined && driver.exitCode === null) process.kill(-driver.pid, 'SIGTERM');
  };
  try {
    await waitForDriver(driverUrl);
    const session = await WebDriverSession.start(driverUrl, {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    });
    const version = (await session.execute('return navigator.userAgent', [])).match(/AppleWebKit\/[\d.]+/)?.[0];
    const wkVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' });
    await session.setWindowSize(1280, 900).catch(() => {});
    return {
      name: 'webkit',
      version: `WebKitGTK ${wkVersion} (MiniBrowser, ${version})`,
      downloadsDir,
      async goto(pagePath) {
        await session.navigate(new URL(pagePath, baseUrl).href);
      },
      url: () => session.currentUrl(),
      async back() {
        await session.back();
      },
      evaluate: (fn, ...args) => session.execute(`return (${fn}).apply(null, arguments);`, args),
      async addScript(source) {
        await session.execute(source, []);
      },
      async click(selector) {
        await session.click(await session.findElement(selector));
      },
      async typeText(text) {
        await session.sendKeys(await session.activeElement(), text);
      },
      async press(/** @type {Key} */ key) {
        await session.sendKeys(await session.activeElement(), KEYS[key]);
      },
      async screenshot(file) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, new Uint8Array(await session.screenshot()));
      },
      async close() {
        await session.end().catch(() => {});
        stopDriver();
      },
    };
  } catch (error) {
    stopDriver();
    throw new Error(`WebKitWebDriver did not start a MiniBrowser session: ${error}\n${driverErrors}`);
  }
}

/** @param {string} driverUrl */
async function waitForDriver(driverUrl) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${driverUrl}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing answered at ${driverUrl}/status within 20 s`);
}
