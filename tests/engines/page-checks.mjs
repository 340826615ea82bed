// The checks and page actions the cases share, in terms of the Engine interface alone: every
// check reads the DOM through a script, every action is real input (a click, key presses).
import assert from 'node:assert/strict';
/** @import { Engine } from './engine' */

/** The selector of the element a widget marks `data-testid="id"`, inside `scope` if given. */
export const testId = (/** @type {string} */ id, scope = '') => `${scope ? `${scope} ` : ''}[data-testid="${id}"]`;

/**
 * Polls `fn` in the page until it returns something truthy, and returns that; fails after
 * `timeout` ms with `what` and the last value seen.
 * @template {unknown[]} Args
 * @template Result
 * @param {Engine} engine
 * @param {string} what
 * @param {(...args: Args) => Result} fn
 * @param {[...Args]} args
 * @param {number} [timeout]
 * @returns {Promise<NonNullable<Awaited<Result>>>}
 */
export async function waitFor(engine, what, fn, args, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  /** @type {unknown} */
  let last;
  for (;;) {
    last = await engine.evaluate(fn, ...args);
    if (last) return /** @type {NonNullable<Awaited<Result>>} */ (last);
    if (Date.now() > deadline)
      throw new assert.AssertionError({ message: `waited ${timeout} ms for ${what}; last: ${JSON.stringify(last)}` });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until `selector` finds exactly `count` elements.
 * @param {Engine} engine
 * @param {string} selector
 * @param {number} count
 * @param {number} [timeout]
 */
export const waitForCount = (engine, selector, count, timeout) =>
  waitFor(
    engine,
    `${count} × ${selector}`,
    (selector, count) => document.querySelectorAll(selector).length === count,
    [selector, count],
    timeout,
  );

/**
 * Waits until the first element `selector` finds has a text that `pattern` (a regular
 * expression's source) matches; returns the text.
 * @param {Engine} engine
 * @param {string} selector
 * @param {string} pattern
 * @param {number} [timeout]
 */
export const waitForText = (engine, selector, pattern, timeout) =>
  waitFor(
    engine,
    `${selector} to read /${pattern}/`,
    (selector, pattern) => {
      const text = document.querySelector(selector)?.textContent?.trim();
      return text !== undefined && new RegExp(pattern).test(text) ? text : '';
    },
    [selector, pattern],
    timeout,
  );

/**
 * The trimmed texts of every element `selector` finds.
 * @param {Engine} engine
 * @param {string} selector
 * @returns {Promise<string[]>}
 */
export const texts = (engine, selector) =>
  engine.evaluate(
    (selector) => [...document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? ''),
    selector,
  );

/**
 * The attribute `name` of the first element `selector` finds (null when it has none or none is found).
 * @param {Engine} engine
 * @param {string} selector
 * @param {string} name
 * @returns {Promise<string | null>}
 */
export const attribute = (engine, selector, name) =>
  engine.evaluate((selector, name) => document.querySelector(selector)?.getAttribute(name) ?? null, selector, name);

/**
 * Replaces the text of the field `selector` finds as a person does: focus, select all, type
 * (or Backspace, for an empty text).
 * @param {Engine} engine
 * @param {string} selector
 * @param {string} text
 */
export async function fill(engine, selector, text) {
  await engine.evaluate((selector) => {
    const field = /** @type {HTMLInputElement} */ (document.querySelector(selector));
    field.focus();
    field.select();
  }, selector);
  if (text) await engine.typeText(text);
  else await engine.press('Backspace');
}

/**
 * Chooses `value` in the `<select>` that `selector` finds, as choosing it from its list does
 * (a select's own list is drawn by each browser in its own way, outside the page).
 * @param {Engine} engine
 * @param {string} selector
 * @param {string} value
 */
export const selectOption = (engine, selector, value) =>
  engine.evaluate(
    (selector, value) => {
      const select = /** @type {HTMLSelectElement} */ (document.querySelector(selector));
      select.value = value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    value,
  );

/**
 * Opens the suite's host page (site/host.html, under the mock's strict policy) and mounts a
 * widget into its container `name` through the public module. `tokens`, if given, become a
 * getToken that answers them in turn (repeating the last).
 * @param {Engine} engine
 * @param {string} name `a` or `b`
 * @param {Record<string, unknown>} options mount()'s options, but getToken
 * @param {string[]} [tokens]
 */
export async function mountOnHost(engine, name, options, tokens) {
  await engine.evaluate(
    async (name, options, tokens) => {
      const { mount } = await import(`${location.origin}/missing-kbs.js`);
      const full = { ...options };
      if (tokens) {
        window.tokenCalls[name] = 0;
        full.getToken = async () => tokens[Math.min(window.tokenCalls[name]++, tokens.length - 1)];
      }
      window.handles[name] = await mount(/** @type {HTMLElement} */ (document.getElementById(name)), full);
    },
    name,
    options,
    tokens ?? null,
  );
}

/**
 * The page's getmissingkbs requests so far, as the browser's resource timing lists them.
 * @param {Engine} engine
 */
export const missingKbsRequests = (engine) =>
  engine.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.endsWith('/getmissingkbs')),
  );
