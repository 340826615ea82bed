// Loads the widget's wasm module once, and the texts of a language other than English when a
// widget or page speaks it. Shared by missing-kbs.js (the module portals import) and
// standalone.js (the standalone page). It is not served on its own: the build bundles it into
// each of them (scripts/bundle-js.mjs), so the wasm's fetch starts as soon as the one module a
// page imports has run, not one module's round trip later. Its URLs are relative to that
// module, beside pkg/ (the glue and the wasm) and i18n/ (the catalogues).

/**
 * The folder of the glue, the wasm and the wasm parts that load later (__wasm_split.js
 * fetches them): every frame of the widget's code but this module's has a URL under it.
 */
export const PKG_URL = new URL('./pkg/', import.meta.url).href;

// The wasm is most of the download. It is fetched as soon as this module runs, while the glue
// and the modules it imports are still on their way, rather than after them: this module
// imports the glue only here, so that it runs before the glue has arrived.
function fetchWasm() {
  const response = fetch(new URL('missing-kbs_bg.wasm', PKG_URL));
  // A failure is the business of loadModule's callers, which await the same fetch and say why.
  response.catch(() => {});
  return response;
}
let wasm = fetchWasm();

/** The wasm-bindgen glue: the module's exports, usable once loadModule() has resolved. */
export const glue = import('./pkg/missing-kbs.js');
glue.catch(() => {});

// The modules the glue imports, listed by the build (scripts/bundle-js.mjs) relative to pkg/,
// are asked for now too, rather than once the glue has arrived; the glue then finds them
// loaded. One of them (__wasm_split.js) imports the glue in turn, which is safe in either
// order: neither uses the other's exports until the wasm is loaded.
const GLUE_IMPORTS = [];
for (const specifier of GLUE_IMPORTS) import(new URL(specifier, PKG_URL).href).catch(() => {});

let loading = null;

/** Loads the wasm module, once. A load that failed (say, offline) is tried afresh next time. */
export function loadModule() {
  if (loading) return loading;
  loading = glue
    .then(({ default: init }) => init({ module_or_path: wasm }))
    .catch((error) => {
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
 * Installs the texts of the language the widget would speak for `requested` (a tag, or
 * empty for the browser's languages), if they are not in yet. If the catalogue cannot be
 * loaded the widget speaks English, and the console says why. The texts of the parts that
 * load later (`<tag>.later.js`) are not asked for yet, unless `later` says they are needed
 * now: the wasm keeps a function that asks for them (once), which the first of those parts
 * calls, and each of them waits for its promise.
 */
export async function loadTexts(requested, { later = false } = {}) {
  const { addTexts, textsToLoad } = await glue;
  const tag = textsToLoad(requested);
  if (!tag) return;
  const first = import(catalogueUrl(tag));
  if (later) loadLaterTexts(tag);
  try {
    addTexts(tag, (await first).default, () => loadLaterTexts(tag));
  } catch (error) {
    console.warn(`missing-kbs: the "${tag}" texts could not be loaded, so the widget speaks English:`, error);
  }
}

// How long the parts that load later wait for their texts before they speak English.
const LATER_TEXTS_WAIT_MS = 10_000;
const laterTexts = new Map();

/**
 * The texts of the parts that load later in the language `tag`, asked for once: a promise of
 * their module's default export, or of null when it could not be loaded in
 * LATER_TEXTS_WAIT_MS (the console then says why, once).
 */
function loadLaterTexts(tag) {
  if (!laterTexts.has(tag)) {
    const timeout = new Promise((_, reject) => {
      setTimeout(() => reject(new Error(`no answer in ${LATER_TEXTS_WAIT_MS / 1000} s`)), LATER_TEXTS_WAIT_MS);
    });
    const later = Promise.race([import(catalogueUrl(`${tag}.later`)), timeout]).then(
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
  return laterTexts.get(tag);
}

/** The URL of a language catalogue module, `i18n/<name>.js` beside `missing-kbs.js`. */
function catalogueUrl(name) {
  return new URL(`./i18n/${name}.js`, import.meta.url).href;
}

/**
 * Loads the wasm module, then the texts of the language the widget would speak for
 * `requested` (with `{ later: true }`, those of the parts that load later at the same time).
 */
export async function loadSpeaking(requested, options) {
  await loadModule();
  await loadTexts(requested, options);
}
