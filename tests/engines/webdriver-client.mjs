// A classic (W3C) WebDriver client: the few commands the cross-engine suite uses, over fetch.
// WebKitGTK's driver, WebKitWebDriver, speaks only classic WebDriver; the commands are those of
// https://www.w3.org/TR/webdriver2/, so the client is as small as what it sends.

/** The key WebDriver names an element reference by, in a command's answer and arguments. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** The code points WebDriver reads as keys other than characters (the spec's "keyboard actions" table). */
export const KEYS = /** @type {const} */ ({
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  End: '\uE010',
  Home: '\uE011',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
});

/** @typedef {keyof typeof KEYS} KeyName */
/** @typedef {{ [ELEMENT_KEY]: string }} ElementReference */

/** A WebDriver error answer, with the driver's own error code and message. */
export class WebDriverError extends Error {
  /**
   * @param {string} command
   * @param {{ error?: string, message?: string }} value
   */
  constructor(command, value) {
    super(`${command}: ${value.error ?? 'error'}: ${value.message ?? ''}`);
    this.code = value.error;
  }
}

/** One WebDriver session. */
export class WebDriverSession {
  /**
   * @param {string} driverUrl where the driver listens, e.g. http://127.0.0.1:4444
   * @param {string} id the session's id
   */
  constructor(driverUrl, id) {
    this.driverUrl = driverUrl;
    this.id = id;
  }

  /**
   * Starts a session with these capabilities (`alwaysMatch`).
   * @param {string} driverUrl
   * @param {Record<string, unknown>} capabilities
   */
  static async start(driverUrl, capabilities) {
    const value = await send(driverUrl, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(driverUrl, value.sessionId);
  }

  /**
   * @param {'GET' | 'POST' | 'DELETE'} method
   * @param {string} path under the session
   * @param {unknown} [body]
   */
  command(method, path, body) {
    return send(this.driverUrl, method, `/session/${this.id}${path}`, body);
  }

  /** @param {string} url */
  navigate(url) {
    return this.command('POST', '/url', { url });
  }

  currentUrl() {
    return this.command('GET', '/url');
  }

  back() {
    return this.command('POST', '/back', {});
  }

  /**
   * Runs `body` as a function's body with `args`; a promise it returns is awaited (WebDriver's
   * "execute script" waits for a returned promise to settle).
   * @param {string} body
   * @param {unknown[]} args
   */
  execute(body, args) {
    return this.command('POST', '/execute/sync', { script: body, args });
  }

  /**
   * The first element `selector` (CSS) finds in the document.
   * @param {string} selector
   * @returns {Promise<ElementReference>}
   */
  findElement(selector) {
    return this.command('POST', '/element', { using: 'css selector', value: selector });
  }

  /** @returns {Promise<ElementReference>} */
  activeElement() {
    return this.command('GET', '/element/active');
  }

  /** @param {ElementReference} element */
  click(element) {
    return this.command('POST', `/element/${element[ELEMENT_KEY]}/click`, {});
  }

  /**
   * Types `text` into `element` (focusing it first), as key presses.
   * @param {ElementReference} element
   * @param {string} text
   */
  sendKeys(element, text) {
    return this.command('POST', `/element/${element[ELEMENT_KEY]}/value`, { text });
  }

  /** The window's content as a PNG. */
  async screenshot() {
    return Buffer.from(await this.command('GET', '/screenshot'), 'base64');
  }

  /**
   * @param {number} width
   * @param {number} height
   */
  setWindowSize(width, height) {
    return this.command('POST', '/window/rect', { width, height });
  }

  end() {
    return send(this.driverUrl, 'DELETE', `/session/${this.id}`);
  }
}

/**
 * Sends one command; returns its answer's `value`, or throws the driver's error.
 * @param {string} driverUrl
 * @param {'GET' | 'POST' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function send(driverUrl, method, path, body) {
  const response = await fetch(`${driverUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new WebDriverError(`${method} ${path}`, answer.value ?? {});
  return answer.value;
}
