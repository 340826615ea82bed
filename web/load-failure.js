// What a widget shows when its wasm could not be loaded (EMBEDDING.md, kind "load"): a short
// card made in plain DOM, since no wasm is there to make it, in the widget's language when its
// later catalogue can be loaded (its `loader` texts, which only this module reads: the first
// download's catalogues stay as small as they were), English otherwise;
// and a missingkbs:error event with kind "load" and the URL that failed.
import { importCatalogue } from './catalogues.js';
import { showPlainCard } from './plain-card.js';
/** @import { ErrorDetail, MountOptions } from './missing-kbs.d.ts' */
/** @import { LoadFailure } from './wasm-loader.js' */

/** @typedef {{ title: string } & Record<LoadFailure['reason'], string>} LoadFailureTexts */

/** The card's test ID, by which clearLoadFailure finds it. */
const TESTID = 'widget-load-failed';

/** @type {LoadFailureTexts} */
const ENGLISH = {
  title: 'The widget could not be loaded',
  http: 'The server answered {detail} for {url}.',
  'not-wasm': 'The server sent {detail}, not WebAssembly, for {url}: are the widget’s files there?',
  csp: "The page’s Content Security Policy blocks WebAssembly: its script-src needs 'wasm-unsafe-eval' for {url}.",
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
    if (['ja', 'sv', 'fr'].includes(language)) return language;
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
  // English when the catalogue is unreachable too, as the wasm was.
  const texts = tag
    ? await importCatalogue(`${tag}.later`).then(
        (catalogue) => /** @type {{ loader?: LoadFailureTexts }} */ (catalogue.default).loader,
        () => undefined,
      )
    : undefined;
  return tag && texts ? { tag, texts } : { tag: 'en', texts: ENGLISH };
}

/**
 * Takes away the card of an earlier failure from `element`, as a widget is mounted there at last.
 * @param {HTMLElement} element
 */
export function clearLoadFailure(element) {
  element.querySelector(`[data-testid=${TESTID}]`)?.parentElement?.remove();
}

/**
 * Shows in `element` why the widget could not be loaded, and fires missingkbs:error there.
 * @param {HTMLElement} element
 * @param {MountOptions | undefined} options
 * @param {LoadFailure} failure what loading the wasm threw
 */
export async function showLoadFailure(element, options, failure) {
  const { tag, texts } = await textsFor(options?.locale);
  const body = texts[failure.reason].replace('{url}', failure.url).replace('{detail}', failure.detail);
  const card = showPlainCard(element, { tag, title: texts.title, body, testid: TESTID });
  card.dataset.reason = failure.reason;
  /** @type {ErrorDetail} */
  const detail = {
    ...(options?.machineId ? { machineId: options.machineId } : { softwareId: options?.softwareId || null }),
    kind: 'load',
    status: failure.reason === 'http' ? Number(failure.detail) : null,
    url: failure.url,
  };
  element.dispatchEvent(new CustomEvent('missingkbs:error', { bubbles: true, composed: true, detail }));
}
