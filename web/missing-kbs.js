// missing-kbs: the embeddable widget, as one ES module. See EMBEDDING.md.
//
//   import { mount } from './missing-kbs/missing-kbs.js';
//   const handle = await mount(element, { softwareId, getToken, apiBase });
//
// It also defines the custom element <missing-kbs software-id="...">. Its types are in
// missing-kbs.d.ts, which tsc holds it to (tsconfig.json). The wasm module is loaded once,
// from pkg/ beside this file (its fetch starts as soon as this module is imported); so, through
// wasm-loader.js, is the catalogue of a language other than English (i18n/<tag>.js, and
// i18n/<tag>.later.js for the parts that load later), when the widget speaks it. The build
// bundles wasm-loader.js and the wasm-bindgen glue (pkg/missing-kbs.js) into this module
// (scripts/bundle-js.mjs): a portal fetches one module before the wasm, not a chain of them.
import {
  mount as mountWidget,
  simulatePanic as simulateWidgetPanic,
  stackMark,
  stoppedTexts,
} from './pkg/missing-kbs.js';
import { clearLoadFailure, showLoadFailure } from './load-failure.js';
import { showPlainCard } from './plain-card.js';
import { LoadFailure, loadModule, loadSpeaking, loadTexts } from './wasm-loader.js';
/** @import { ErrorDetail, MissingKbsElement as DeclaredElement, MountOptions, WidgetHandle } from './missing-kbs.d.ts' */
/** @import { StoppedTexts } from './pkg/missing-kbs.js' */

// If the wasm module traps (a panic, or running out of memory, which no panic hook sees), it
// cannot be used again: every widget then shows "reload the page", in its language, and fires
// missingkbs:error with kind "panic". The card and the event are made here, since after a trap
// the module cannot be asked for anything.
/** Every mounted widget's element, and the texts of its "reload the page" card. @type {Map<HTMLElement, StoppedTexts>} */
const mounted = new Map();
/** The card texts taken last, for a widget mounted after the module stopped. @type {StoppedTexts | null} */
let lastStoppedTexts = null;
let stopped = false;

// A trap unwinds the module's frames without giving back the room they took on its own stack
// (in its linear memory), so after one the stack no longer rests where it rests between calls.
// That is the evidence a trap was the module's: nothing outside the instance can move its stack,
// so a RuntimeError of the host's own wasm, or one faked with any stack, leaves it at rest. It
// does not depend on how an engine writes a stack, nor on the URL the module was loaded from
// (a portal's bundler may give it any). A trap in a function that keeps nothing on that stack
// would leave no trace; the module's code that can fail lies deeper than that.
/** The module's stack mark between calls, read once the module has loaded. @type {number | null} */
let stackAtRest = null;

/** Reads where the module's stack rests, from a point where no call into it runs (a promise's continuation). */
function noteStackAtRest() {
  stackAtRest ??= stackMark();
}

/**
 * Whether some wasm runs below this point: then a call into the module may be running (a host's
 * listener of a widget's event threw while the widget dispatched it), and its stack is not at
 * rest for that reason alone. Every engine names a wasm frame `wasm-function[…]`.
 */
function wasmIsRunning() {
  const limit = Error.stackTraceLimit;
  // V8 keeps 10 frames by default; the wasm may be deeper.
  Error.stackTraceLimit = Infinity;
  const stack = String(new Error().stack);
  Error.stackTraceLimit = limit;
  return stack.includes('wasm-function[');
}

/**
 * Stops every widget, once, if `error` is a trap of this module; returns whether it was. When
 * a call into the module may be running, the answer waits for it to end, and is false meanwhile:
 * the error may not be the module's to hide.
 * @param {unknown} error
 */
function stopOnTrap(error) {
  if (stackAtRest === null || !(error instanceof WebAssembly.RuntimeError) || stackMark() === stackAtRest) return false;
  if (wasmIsRunning()) {
    setTimeout(() => {
      if (stackMark() !== stackAtRest) stop(error);
    });
    return false;
  }
  stop(error);
  return true;
}

/**
 * Shows "reload the page" in every widget, once. The module's stack rests lower from now on:
 * a later trap of the module is told from other errors by that.
 * @param {unknown} error the trap
 */
function stop(error) {
  stackAtRest = stackMark();
  if (stopped) return;
  stopped = true;
  console.error('missing-kbs: the widget module stopped; every widget asks to reload the page.', error);
  for (const [host, texts] of mounted) showStopped(host, texts);
  mounted.clear();
}

/**
 * @param {HTMLElement} host
 * @param {StoppedTexts} texts
 */
function showStopped(host, { tag, title, body }) {
  showPlainCard(host, { tag, title, body, testid: 'widget-stopped' });
  /** @type {ErrorDetail} */
  const detail = { softwareId: null, kind: 'panic', status: null };
  host.dispatchEvent(new CustomEvent('missingkbs:error', { bubbles: true, composed: true, detail }));
}

/**
 * Calls into the module; a trap stops every widget instead of reaching the host. Once stopped, does nothing.
 * @template {unknown[]} A
 * @template R
 * @param {(...args: A) => R} call
 * @returns {(...args: A) => R | undefined}
 */
function guarded(call) {
  return (...args) => {
    if (stopped) return undefined;
    try {
      return call(...args);
    } catch (error) {
      if (!stopOnTrap(error)) throw error;
    }
  };
}

// A trap in the module's own callbacks (events, timers, fetch answers) reaches the page as an
// uncaught error or an unhandled rejection. It is handled there; the page's other errors are not touched.
window.addEventListener('error', (event) => {
  if (stopOnTrap(event.error)) event.preventDefault();
});
window.addEventListener('unhandledrejection', (event) => {
  if (stopOnTrap(event.reason)) event.preventDefault();
});

/**
 * Mounts a widget into `element`. The options and the handle are typed, and described, once:
 * in missing-kbs.d.ts (and EMBEDDING.md, which a test keeps equal to it).
 * @param {HTMLElement} element where the widget renders; it fires missingkbs:* events here.
 * @param {MountOptions} options
 * @returns {Promise<WidgetHandle>}
 */
export async function mount(element, options) {
  try {
    await loadSpeaking(options?.locale);
  } catch (error) {
    // Anything else is a trap, which stopOnTrap handles as the mount's rejection reaches the page.
    if (error instanceof LoadFailure) {
      // Its message says so, and names the URL.
      console.error(error);
      await showLoadFailure(element, options, error);
    }
    throw error;
  }
  clearLoadFailure(element);
  noteStackAtRest();
  if (stopped) {
    if (lastStoppedTexts) showStopped(element, lastStoppedTexts);
    return inertHandle();
  }
  lastStoppedTexts = stoppedTexts(options?.locale ?? '');
  mounted.set(element, lastStoppedTexts);
  let handle;
  try {
    handle = guarded(() => mountWidget(element, options))();
  } catch (error) {
    mounted.delete(element);
    throw error;
  }
  if (!handle) return inertHandle();
  for (const method of /** @type {const} */ (['setSoftwareId', 'setMachineId', 'setToken', 'refresh', 'showFinder'])) {
    // Each takes a string or nothing; tsc cannot pair each method with its own type through the loop.
    handle[method] = guarded(/** @type {(arg?: string) => void} */ (handle[method].bind(handle)));
  }
  const unmount = guarded(handle.unmount.bind(handle));
  handle.unmount = () => {
    mounted.delete(element);
    unmount();
  };
  // setLocale loads the language's texts first; of quick successive calls, the last one wins.
  const setLocale = guarded(handle.setLocale.bind(handle));
  let latest = 0;
  handle.setLocale = async (tag) => {
    const call = ++latest;
    await loadTexts(tag);
    if (call !== latest || stopped) return;
    setLocale(tag ?? '');
    if (mounted.has(element)) mounted.set(element, (lastStoppedTexts = stoppedTexts(tag ?? '')));
  };
  // Now the handle of missing-kbs.d.ts: its setLocale returns a promise, a change of type that
  // tsc does not follow through the assignment above.
  return /** @type {WidgetHandle} */ (handle);
}

/**
 * The handle of a widget that could not start because the module stopped: every call does nothing.
 * @returns {WidgetHandle}
 */
function inertHandle() {
  const nothing = () => {};
  return {
    setSoftwareId: nothing,
    setMachineId: nothing,
    setToken: nothing,
    setLocale: async () => {},
    refresh: nothing,
    showFinder: nothing,
    unmount: nothing,
  };
}

/**
 * Makes the widget module fail on purpose, so a host can test its handling of
 * `missingkbs:error` with kind "panic". Every widget then shows "reload the page".
 */
export async function simulatePanic() {
  await loadModule();
  noteStackAtRest();
  // The failure is reported through the widgets and their events, not thrown at the host.
  guarded(simulateWidgetPanic)();
}

/**
 * <missing-kbs software-id="microsoft-_-edge" api-base="..."></missing-kbs>, or machine-id="…" for a device's page.
 * Set `element.getToken = async () => token` (or `element.token = "..."`) before or after
 * it is connected: the widget mounts once it has one.
 * @implements {DeclaredElement}
 */
class MissingKbsElement extends HTMLElement {
  static observedAttributes = ['software-id', 'machine-id', 'locale'];

  /** @type {MountOptions['getToken']} */
  #getToken = undefined;
  /** @type {string | undefined} */
  #token = undefined;
  /** @type {WidgetHandle | null} */
  #handle = null;
  /** @type {Promise<WidgetHandle> | null} */
  #mounting = null;

  get getToken() {
    return this.#getToken;
  }

  set getToken(getToken) {
    this.#getToken = getToken;
    this.#mountWhenReady();
  }

  /** @param {string} token */
  set token(token) {
    this.#token = token;
    if (this.#handle) this.#handle.setToken(token);
    else this.#mountWhenReady();
  }

  connectedCallback() {
    this.#mountWhenReady();
  }

  disconnectedCallback() {
    this.#mounting = null;
    this.#handle?.unmount();
    this.#handle = null;
  }

  /**
   * @param {string} name
   * @param {string | null} oldValue
   * @param {string | null} newValue
   */
  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#handle) return;
    if (name === 'locale') this.#handle.setLocale(newValue ?? '');
    else if (name === 'machine-id') this.#handle.setMachineId(newValue ?? '');
    else this.#handle.setSoftwareId(newValue ?? '');
  }

  /** Loads the current software again; if the widget's code could not be loaded, tries that again. */
  refresh() {
    if (this.#handle) this.#handle.refresh();
    else this.#mountWhenReady();
  }

  #mountWhenReady() {
    if (!this.isConnected || this.#mounting || (this.#getToken === undefined && this.#token === undefined)) return;
    const mounting = mount(this, {
      softwareId: this.getAttribute('software-id') ?? '',
      machineId: this.getAttribute('machine-id') ?? '',
      apiBase: this.getAttribute('api-base') ?? undefined,
      locale: this.getAttribute('locale') ?? undefined,
      // An attribute may hold anything: the widget takes any other theme for the page's scheme.
      theme: /** @type {MountOptions['theme']} */ (this.getAttribute('theme') ?? undefined),
      getToken: this.#getToken,
      token: this.#token,
    });
    this.#mounting = mounting;
    mounting.then(
      (handle) => {
        if (this.#mounting === mounting) this.#handle = handle;
        else handle.unmount();
      },
      () => {
        // The wasm could not be loaded: mount() said so in the element, and fired
        // missingkbs:error with kind "load". refresh() tries again.
        if (this.#mounting === mounting) this.#mounting = null;
      },
    );
  }
}

if (!customElements.get('missing-kbs')) customElements.define('missing-kbs', MissingKbsElement);
