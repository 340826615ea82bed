// Loads the widget's wasm module once, and the texts of a language other than English when a
// widget or page speaks it. Shared by missing-kbs.js (the module portals import) and
// standalone.js (the standalone page). It is not served on its own: the build bundles it, with
// the wasm-bindgen glue (pkg/missing-kbs.js) and what the glue imports, into each of them
// (scripts/bundle-js.mjs), so that a page fetches one module of the widget's JavaScript, and
// the wasm's fetch starts as soon as that module runs. Its URLs are relative to that module,
// beside pkg/ (the wasm and its parts that load later) and i18n/ (the catalogues, catalogues.js),
// and each is written as a literal, the form a portal's bundler finds and copies
// (scripts/check-asset-urls.mjs holds the build to it).
import { importCatalogue } from './catalogues.js';
import init, { addTexts, textsToLoad } from './pkg/missing-kbs.js';

/** The main wasm module, by a literal URL: a portal's bundler copies it and gives this its URL. */
const WASM_URL = new URL('./pkg/missing-kbs_bg.wasm', import.meta.url).href;

// The wasm is most of the download: it is fetched as soon as this module runs, before the
// page has asked for a widget.
function fetchWasm() {
  const response = fetch(WASM_URL);
  // A failure is the business of loadModule's callers, which await the same fetch and say why.
  response.catch(() => {});
  return response;
}
let wasm = fetchWasm();
/** @type {Promise<WebAssembly.Exports> | null} */
let loading = null;

/**
 * Why the widget's wasm (`url`, WASM_URL) could not be loaded: `http` (an answer other than 2xx,
 * `detail` its status), `not-wasm` (an answer that is not WebAssembly, `detail` its type),
 * `csp` (the page's Content Security Policy forbids WebAssembly), `network` (no answer), or
 * `invalid` (WebAssembly that would not start, `detail` the browser's message).
 */
export class LoadFailure extends Error {
  /**
   * @param {'http' | 'not-wasm' | 'csp' | 'network' | 'invalid'} reason
   * @param {unknown} cause what the browser threw, if anything
   * @param {string} detail
   */
  constructor(reason, cause, detail = String(cause)) {
    super(`missing-kbs: ${WASM_URL} could not be loaded (${reason}: ${detail})`, { cause });
    this.url = WASM_URL;
    this.reason = reason;
    this.detail = detail;
  }
}

/** Loads the wasm module, once. A load that failed (say, offline) is tried afresh next time. */
export function loadModule() {
  if (loading) return loading;
  loading = instantiate(wasm).catch((error) => {
    loading = null;
    wasm = fetchWasm();
    throw error;
  });
  // A page's first Intl object costs 10 to 20 ms (the browser reads its locale data); every
  // later one, in any language, next to nothing. The widget formats the numbers of its first
  // cards with Intl.NumberFormat, so that cost is paid here, while the code is downloading,
  // rather than between the answer's arrival and the first card.
  new Intl.NumberFormat();
  return loading;
}

/**
 * Instantiates the wasm from its fetch, or throws a LoadFailure that says why it could not.
 * @param {Promise<Response>} fetched
 */
async function instantiate(fetched) {
  let response;
  try {
    response = await fetched;
  } catch (error) {
    throw new LoadFailure('network', error);
  }
  if (!response.ok) throw new LoadFailure('http', null, String(response.status));
  const type = response.headers.get('content-type') ?? '';
  try {
    return await init({ module_or_path: response });
  } catch (error) {
    // Engines word a refusal by the page's policy differently, each naming the policy or its
    // 'unsafe-eval'.
    if (/Content Security Policy|CSP|unsafe-eval/i.test(String(error))) {
      throw new LoadFailure('csp', error);
    }
    if (!/^application\/wasm\b/i.test(type)) throw new LoadFailure('not-wasm', error, type || 'no type');
    throw new LoadFailure('invalid', error);
  }
}

/**
 * Installs the texts of the language the widget would speak for `requested` (a tag, or
 * empty for the browser's languages), if they are not in yet. If the catalogue cannot be
 * loaded the widget speaks English, and the console says why. The texts of the parts that
 * load later (`<tag>.later.js`) are not asked for yet, unless `later` says they are needed
 * now: the wasm keeps a function that asks for them (once), which the first of those parts
 * calls, and each of them waits for its promise.
 * @param {string | undefined} requested
 * @param {{ later?: boolean }} [options]
 */
export async function loadTexts(requested, { later = false } = {}) {
  const tag = textsToLoad(requested);
  if (!tag) return;
  /** @type {Promise<{ default: object }>} */
  const first = importCatalogue(tag);
  if (later) loadLaterTexts(tag);
  try {
    addTexts(tag, (await first).default, () => loadLaterTexts(tag));
  } catch (error) {
    console.warn(`missing-kbs: the "${tag}" texts could not be loaded, so the widget speaks English:`, error);
  }
}

// How long the parts that load later wait for their texts before they speak English.
const LATER_TEXTS_WAIT_MS = 10_000;
/** @type {Map<string, Promise<object | null>>} */
const laterTexts = new Map();

/**
 * The texts of the parts that load later in the language `tag`, asked for once: a promise of
 * their module's default export, or of null when it could not be loaded in
 * LATER_TEXTS_WAIT_MS (the console then says why, once).
 * @param {string} tag
 * @returns {Promise<object | null>}
 */
function loadLaterTexts(tag) {
  if (!laterTexts.has(tag)) {
    /** @type {Promise<never>} */
    const timeout = new Promise((_, reject) => {
      setTimeout(() => reject(new Error(`no answer in ${LATER_TEXTS_WAIT_MS / 1000} s`)), LATER_TEXTS_WAIT_MS);
    });
    /** @type {Promise<object | null>} */
    const later = Promise.race([importCatalogue(`${tag}.later`), timeout]).then(
      (module) => module.default,
      (error) => {
        console.warn(
          `missing-kbs: the "${tag}" texts of the parts that load later could not be loaded, so they speak English:`,
          error,
        );
        return null;
      },
    );
    laterTexts.set(tag, later);
  }
  // There now, whether set just above or before.
  return /** @type {Promise<object | null>} */ (laterTexts.get(tag));
}

/**
 * Loads the wasm module, then the texts of the language the widget would speak for
 * `requested` (with `{ later: true }`, those of the parts that load later at the same time).
 * @param {string | undefined} requested
 * @param {{ later?: boolean }} [options]
 */
export async function loadSpeaking(requested, options) {
  await loadModule();
  await loadTexts(requested, options);
}
