// What a widget shows when its wasm could not be loaded (EMBEDDING.md, kind "load"): a short
// card made in plain DOM, since no wasm is there to make it, in the widget's language when its
// later catalogue can be loaded (its `loader` texts, which only this module reads: the first
// download's catalogues stay as small as they were), English otherwise;
// and a missingkbs:error event with kind "load" and the URL that failed.
import { importCatalogue } from './catalogues.js';
import { showPlainCard } from './plain-card.js';
import { LoadFailure } from './wasm-loader.js';
/** @import { ErrorDetail, MountOptions } from './missing-kbs.d.ts' */

/** @typedef {{ title: string } & Record<LoadFailure['reason'], string>} LoadFailureTexts */

/** @type {LoadFailureTexts} */
const ENGLISH = {
  title: 'The widget could not be loaded',
  http: 'The server answered {detail} for {url}.',
  'not-wasm': 'The server sent {detail}, not WebAssembly, for {url}: are the widget’s files deployed there?',
  csp: "The page’s Content Security Policy does not allow WebAssembly: its script-src needs 'wasm-unsafe-eval' to run {url}.",
  network: 'No answer for {url}: the network or a proxy failed.',
  invalid: '{url} did not start: {detail}',
};

/**
 * The tag of the catalogue for the first language of `requested` the widget speaks, or null
 * for English: the rule of the wasm's `Locale::negotiate` (core/src/i18n/locale.rs).
 * @param {readonly string[]} requested
 * @returns {string | null}
 */
function catalogueTag(requested) {
  for (const tag of requested) {
    const [language, ...rest] = tag.trim().toLowerCase().replaceAll('_', '-').split('-');
    if (language === 'en') return null;
    if (language === 'ja' || language === 'sv' || language === 'fr') return language;
    if (language === 'pt') return 'pt-BR';
    if (language === 'zh' && rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part))) return 'zh-Hant';
  }
  return null;
}

/**
 * The card's texts in the widget's language, and that language's tag.
 * @param {string | undefined} locale the `locale` option
 * @returns {Promise<{ tag: string, texts: LoadFailureTexts }>}
 */
async function textsFor(locale) {
  const tag = catalogueTag([...(locale ? [locale] : []), ...navigator.languages]);
  if (!tag) return { tag: 'en', texts: ENGLISH };
  try {
    /** @type {{ default: { loader?: LoadFailureTexts } }} */
    const catalogue = await importCatalogue(`${tag}.later`);
    if (catalogue.default.loader) return { tag, texts: catalogue.default.loader };
  } catch {
    // Unreachable too, as the wasm was: English it is.
  }
  return { tag: 'en', texts: ENGLISH };
}

/** The card shown in each element whose widget could not be loaded. @type {WeakMap<HTMLElement, HTMLElement>} */
const shown = new WeakMap();

/**
 * Takes away the card of an earlier failure from `element`, as a widget is mounted there at last.
 * @param {HTMLElement} element
 */
export function clearLoadFailure(element) {
  shown.get(element)?.closest('section')?.remove();
  shown.delete(element);
}

/**
 * Shows in `element` why the widget could not be loaded, and fires missingkbs:error there.
 * @param {HTMLElement} element
 * @param {MountOptions | undefined} options
 * @param {unknown} error what loading the wasm threw
 */
export async function showLoadFailure(element, options, error) {
  const failure =
    error instanceof LoadFailure ? error : new LoadFailure('missing-kbs_bg.wasm', 'invalid', String(error), error);
  const { tag, texts } = await textsFor(options?.locale);
  const body = texts[failure.reason].replace('{url}', failure.url).replace('{detail}', failure.detail);
  const card = showPlainCard(element, { tag, title: texts.title, body, testid: 'widget-load-failed' });
  card.dataset.reason = failure.reason;
  shown.set(element, card);
  /** @type {ErrorDetail} */
  const detail = {
    ...(options?.machineId ? { machineId: options.machineId } : { softwareId: options?.softwareId || null }),
    kind: 'load',
    status: failure.reason === 'http' ? Number(failure.detail) : null,
    url: failure.url,
  };
  element.dispatchEvent(new CustomEvent('missingkbs:error', { bubbles: true, composed: true, detail }));
}
