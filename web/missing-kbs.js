// missing-kbs: the embeddable widget, as one ES module. See EMBEDDING.md.
//
//   import { mount } from './missing-kbs/missing-kbs.js';
//   const handle = await mount(element, { softwareId, getToken, apiBase });
//
// It also defines the custom element <missing-kbs software-id="...">.
// The wasm module is loaded once, on first use, from beside this file; so is the
// catalogue of a language other than English (i18n/<tag>.js), when the widget speaks it.
import init, {
  addTexts,
  mount as mountWidget,
  pageTexts,
  simulatePanic as simulateWidgetPanic,
  standaloneConfig,
  textsToLoad,
} from './pkg/missing-kbs.js';

let loading = null;

function load() {
  loading ??= init({ module_or_path: new URL('./pkg/missing-kbs_bg.wasm', import.meta.url) });
  return loading;
}

/**
 * Installs the texts of the language the widget would speak for `requested` (a tag, or
 * empty for the browser's languages), if they are not in yet. If the catalogue cannot be
 * loaded the widget speaks English, and the console says why.
 */
async function loadTexts(requested) {
  const tag = textsToLoad(requested);
  if (!tag) return;
  try {
    const catalogue = await import(new URL(`./i18n/${tag}.js`, import.meta.url).href);
    addTexts(tag, catalogue.default);
  } catch (error) {
    console.warn(`missing-kbs: the "${tag}" texts could not be loaded, so the widget speaks English:`, error);
  }
}

/** Loads the wasm module, then the texts of the language the widget would speak for `requested`. */
async function loadSpeaking(requested) {
  await load();
  await loadTexts(requested);
}

/**
 * Mounts a widget into `element`.
 * @param {HTMLElement} element where the widget renders; it fires missingkbs:* events here.
 * @param {{softwareId?: string, getToken?: () => (string|Promise<string>), token?: string, apiBase?: string, locale?: string, theme?: 'light'|'dark'}} options
 * @returns {Promise<{setSoftwareId(id: string): void, setToken(token: string): void, setLocale(tag: string): Promise<void>, refresh(): void, unmount(): void}>}
 */
export async function mount(element, options) {
  await loadSpeaking(options?.locale);
  const handle = mountWidget(element, options);
  // setLocale loads the language's texts first; of quick successive calls, the last one wins.
  const setLocale = handle.setLocale.bind(handle);
  let latest = 0;
  handle.setLocale = async (tag) => {
    const call = ++latest;
    await loadTexts(tag);
    if (call === latest) setLocale(tag ?? '');
  };
  return handle;
}

/**
 * Makes the widget module fail on purpose, so a host can test its handling of
 * `missingkbs:error` with kind "panic". Every widget then shows "reload the page".
 */
export async function simulatePanic() {
  await load();
  try {
    simulateWidgetPanic();
  } catch {
    // The failure is reported through the widgets and their events, not thrown at the host.
  }
}

/** Checks the standalone page's config.json text; throws an Error that says, in `locale`, what to fix. */
export async function readStandaloneConfig(text, locale) {
  await loadSpeaking(locale);
  return standaloneConfig(text, locale ?? '');
}

/** The standalone page's texts in the best language for `tag` ('' = the browser's languages). */
export async function readPageTexts(tag) {
  await loadSpeaking(tag);
  return pageTexts(tag ?? '');
}

/**
 * <missing-kbs software-id="microsoft-_-edge" api-base="..."></missing-kbs>
 * Set `element.getToken = async () => token` (or `element.token = "..."`) before or after
 * it is connected: the widget mounts once it has one.
 */
class MissingKbsElement extends HTMLElement {
  static observedAttributes = ['software-id', 'locale'];

  #getToken = undefined;
  #token = undefined;
  #handle = null;
  #mounting = null;

  get getToken() {
    return this.#getToken;
  }

  set getToken(getToken) {
    this.#getToken = getToken;
    this.#mountWhenReady();
  }

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

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#handle) return;
    if (name === 'locale') this.#handle.setLocale(newValue ?? '');
    else this.#handle.setSoftwareId(newValue ?? '');
  }

  /** Loads the current software again. */
  refresh() {
    this.#handle?.refresh();
  }

  #mountWhenReady() {
    if (!this.isConnected || this.#mounting || (this.#getToken === undefined && this.#token === undefined)) return;
    const mounting = mount(this, {
      softwareId: this.getAttribute('software-id') ?? '',
      apiBase: this.getAttribute('api-base') ?? undefined,
      locale: this.getAttribute('locale') ?? undefined,
      theme: this.getAttribute('theme') ?? undefined,
      getToken: this.#getToken,
      token: this.#token,
    });
    this.#mounting = mounting;
    mounting.then(
      (handle) => {
        if (this.#mounting === mounting) this.#handle = handle;
        else handle.unmount();
      },
      (error) => this.dispatchEvent(new CustomEvent('missingkbs:error', { bubbles: true, detail: { softwareId: null, kind: 'load', status: null, message: String(error?.message ?? error) } })),
    );
  }
}

if (!customElements.get('missing-kbs')) customElements.define('missing-kbs', MissingKbsElement);
