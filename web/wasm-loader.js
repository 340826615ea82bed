// Loads the widget's wasm module once, and the texts of a language other than English when a
// widget or page speaks it. Shared by missing-kbs.js (the module portals import) and
// standalone.js (the standalone page); it is served from pkg/, beside the wasm-bindgen glue
// (./missing-kbs.js here), so a portal copies it with pkg/.
import init, { addTexts, textsToLoad } from './missing-kbs.js';

/** The wasm file, beside this module. */
export const WASM_URL = new URL('./missing-kbs_bg.wasm', import.meta.url).href;
/**
 * The folder of this module, the glue, the wasm and the wasm parts that load later
 * (__wasm_split.js fetches them): every frame of the widget's code has a URL under it.
 */
export const PKG_URL = new URL('./', import.meta.url).href;

let loading = null;

/** Loads the wasm module, once. */
export function loadModule() {
  loading ??= init({ module_or_path: WASM_URL });
  return loading;
}

/**
 * Installs the texts of the language the widget would speak for `requested` (a tag, or
 * empty for the browser's languages), if they are not in yet. If the catalogue cannot be
 * loaded the widget speaks English, and the console says why.
 */
export async function loadTexts(requested) {
  const tag = textsToLoad(requested);
  if (!tag) return;
  try {
    const catalogue = await import(new URL(`../i18n/${tag}.js`, import.meta.url).href);
    addTexts(tag, catalogue.default);
  } catch (error) {
    console.warn(`missing-kbs: the "${tag}" texts could not be loaded, so the widget speaks English:`, error);
  }
}

/** Loads the wasm module, then the texts of the language the widget would speak for `requested`. */
export async function loadSpeaking(requested) {
  await loadModule();
  await loadTexts(requested);
}
