// The standalone page: reads config.json, signs in with MSAL.js (or uses the
// mock API in the demo), and mounts one widget through the public embedding API.
import { mount } from './missing-kbs.js';
import { pageTexts, prepareFinder, standaloneConfig } from './pkg/missing-kbs.js';
import { loadModule, loadSpeaking } from './wasm-loader.js';
/** @import { FinderShow, FinderSort, MountOptions, SortKey, WidgetHandle } from './missing-kbs.d.ts' */
/** @import { MockApiConfig, PageTexts, SignInConfig } from './pkg/missing-kbs.js' */
/** @typedef {Error & { errorCode?: string }} SignInError an Error, or MSAL.js's, which names itself by errorCode */

/** The standalone page's texts in the best language for `tag` ('' = the browser's languages).
 * They are texts of a part that loads later, asked for with the first texts: the page needs both.
 * @param {string} tag */
async function readPageTexts(tag) {
  await loadSpeaking(tag, { later: true });
  return pageTexts(tag ?? '');
}

/** Checks config.json's text; throws an Error that says, in `locale`, what to fix.
 * @param {string} text
 * @param {string} locale */
async function readStandaloneConfig(text, locale) {
  await loadSpeaking(locale, { later: true });
  return standaloneConfig(text, locale ?? '');
}

// index.html has every element this page looks up by id.
const widgetRoot = /** @type {HTMLElement} */ (document.getElementById('missing-kbs'));
const accountBar = /** @type {HTMLElement} */ (document.getElementById('account'));
const SOFTWARE_ID = 'softwareId';
const MACHINE_ID = 'machineId';
const LANGUAGE = 'lang';
/** The page's texts, from the first applyLanguage on (main awaits it before anything else). @type {PageTexts} */
let texts;
/** @type {WidgetHandle | null} */
let widget = null;

/** The page URL's query parameters. */
const urlParams = () => new URL(window.location.href).searchParams;

/**
 * Changes the page URL's query without a history entry, so the view can be shared as a link.
 * @param {(params: URLSearchParams) => void} change
 */
function updateUrl(change) {
  const url = new URL(window.location.href);
  change(url.searchParams);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

function softwareIdFromUrl() {
  return urlParams().get(SOFTWARE_ID) ?? '';
}

function machineIdFromUrl() {
  return urlParams().get(MACHINE_ID) ?? '';
}

/**
 * The list's sort and filter as the URL holds them.
 * @returns {Pick<MountOptions, 'sort' | 'filter' | 'products'>}
 */
function viewFromUrl() {
  const params = urlParams();
  return {
    // A link may hold any sort: the widget sorts by machines missing for one it does not know.
    sort: /** @type {SortKey | undefined} */ (params.get('sort') ?? undefined),
    filter: params.get('q') ?? undefined,
    products: params.get('products')?.split(',').filter(Boolean) ?? undefined,
  };
}

/**
 * The finder's order as the URL holds it (the defaults when it holds none).
 * @returns {Pick<MountOptions, 'finderSort' | 'finderShow'>}
 */
function finderOrderFromUrl() {
  const params = urlParams();
  return {
    // A link may hold any value: the widget takes the default for one it does not know.
    finderSort: /** @type {FinderSort | undefined} */ (params.get('finderSort') ?? undefined),
    finderShow: /** @type {FinderShow | undefined} */ (params.get('finderShow') ?? undefined),
  };
}

/**
 * Keeps the finder's order in the URL (the defaults, by exposure with the software that can have
 * KBs first, as no parameter), so it survives a reload and can be shared as a link.
 * @param {HTMLElementEventMap['missingkbs:finderchange']} event
 */
function keepFinderOrderInUrl(event) {
  const { sort, show } = event.detail;
  updateUrl((params) => {
    /** @type {(name: string, value: string) => void} */
    const set = (name, value) => (value ? params.set(name, value) : params.delete(name));
    set('finderSort', sort === 'exposure' ? '' : sort);
    set('finderShow', show === 'kbs-first' ? '' : show);
  });
}

/**
 * Keeps the sort and filter in the URL, so a filtered view can be shared as a link.
 * @param {HTMLElementEventMap['missingkbs:viewchange']} event
 */
function keepViewInUrl(event) {
  const { sort, filter, products } = event.detail;
  updateUrl((params) => {
    /** @type {(name: string, value: string) => void} */
    const set = (name, value) => (value ? params.set(name, value) : params.delete(name));
    set('sort', sort === 'machines' ? '' : sort);
    set('q', filter);
    set('products', products.join(','));
  });
}

/**
 * Keeps the shown software or device in the URL (without a history entry), so the view can be
 * shared as a link.
 * @param {HTMLElementEventMap['missingkbs:loaded' | 'missingkbs:error']} event
 */
function keepSubjectInUrl(event) {
  const detail = event.detail;
  const [name, other, id] =
    'machineId' in detail ? [MACHINE_ID, SOFTWARE_ID, detail.machineId] : [SOFTWARE_ID, MACHINE_ID, detail.softwareId];
  if (id)
    updateUrl((params) => {
      params.set(name, id);
      params.delete(other);
    });
}

let languageCalls = 0;

/** Puts the page's own texts in the chosen language, and offers the others. Of quick successive
 * choices the last one wins, even when an earlier one's texts arrive after it.
 * @param {string} tag */
async function applyLanguage(tag) {
  const call = ++languageCalls;
  const chosen = await readPageTexts(tag);
  if (call !== languageCalls) return;
  texts = chosen;
  document.documentElement.lang = texts.tag;
  document.title = texts.widget_label;
  /** @type {HTMLElement} */ (document.getElementById('page-title')).textContent = texts.widget_label;
  /** @type {HTMLElement} */ (document.getElementById('page-subtitle')).textContent = texts.subtitle;
  const picker = /** @type {HTMLSelectElement} */ (document.getElementById('language'));
  /** @type {HTMLElement} */ (document.getElementById('language-label')).textContent = texts.language;
  picker.replaceChildren(
    ...texts.languages.map(({ tag: value, name }) => {
      const option = document.createElement('option');
      option.value = value;
      option.lang = value;
      option.textContent = name;
      option.selected = value === texts.tag;
      return option;
    }),
  );
}

/** @param {Event} event a change of the language picker */
function onLanguageChosen(event) {
  const tag = /** @type {HTMLSelectElement} */ (event.target).value;
  updateUrl((params) => params.set(LANGUAGE, tag));
  widget?.setLocale(tag);
  // The page's own texts (buttons, banner) follow on the next load; the header now, or, should
  // its part fail to arrive, on the next load too.
  applyLanguage(tag).catch((error) => console.warn(`missing-kbs: ${error.message}`));
}

/**
 * Mounts the widget with the software, sort and filter the URL holds, in the page's language.
 * @param {Pick<MountOptions, 'token' | 'getToken' | 'apiBase' | 'cloud'>} connection
 */
function mountWidget(connection) {
  const options = {
    softwareId: softwareIdFromUrl(),
    machineId: machineIdFromUrl(),
    ...viewFromUrl(),
    ...finderOrderFromUrl(),
    locale: texts.tag,
    finder: true,
  };
  return mount(widgetRoot, { ...options, ...connection });
}

/**
 * A software chosen in the finder gets a history entry of its own, so the browser's Back returns to the finder.
 * @param {HTMLElementEventMap['missingkbs:softwarechosen']} event
 */
function rememberChosenSoftware(event) {
  const url = new URL(window.location.href);
  url.searchParams.set(SOFTWARE_ID, event.detail.softwareId);
  for (const name of ['sort', 'q', 'products']) url.searchParams.delete(name);
  window.history.pushState(null, '', url);
}

/**
 * A device opened (from the finder or from a KB's devices) gets a history entry of its own, so the
 * browser's Back returns to where it was opened.
 * @param {HTMLElementEventMap['missingkbs:devicechosen']} event
 */
function rememberChosenDevice(event) {
  const url = new URL(window.location.href);
  url.searchParams.set(MACHINE_ID, event.detail.machineId);
  for (const name of [SOFTWARE_ID, 'sort', 'q', 'products']) url.searchParams.delete(name);
  window.history.pushState(null, '', url);
}

/**
 * Back and Forward: the device or software the URL names (the list a device was opened over, as
 * it was), or the finder when it names none.
 */
function followHistory() {
  const machineId = machineIdFromUrl();
  const softwareId = softwareIdFromUrl();
  if (machineId) widget?.setMachineId(machineId);
  else if (softwareId) widget?.setSoftwareId(softwareId);
  else widget?.showFinder();
}

/**
 * @param {string} title
 * @param {string} text
 */
function showPageProblem(title, text) {
  const box = document.createElement('div');
  box.className = 'page-problem';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'config-error';
  const heading = document.createElement('h2');
  heading.textContent = title;
  const body = document.createElement('p');
  body.textContent = text;
  box.append(heading, body);
  widgetRoot.replaceChildren(box);
}

/**
 * @param {string} label
 * @param {string} testid
 * @param {() => unknown} onClick
 */
function button(label, testid, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'page-button';
  element.textContent = label;
  element.dataset.testid = testid;
  element.addEventListener('click', onClick);
  return element;
}

/** config.json's fetch, started with the page rather than after its texts. */
function fetchConfig() {
  const response = fetch('config.json', { cache: 'no-store' });
  // Its failure is loadConfig's business, which says why in the page's language.
  response.catch(() => {});
  return response;
}

/** @param {Promise<Response>} fetched config.json's fetch */
async function loadConfig(fetched) {
  let response;
  try {
    response = await fetched;
  } catch {
    throw new Error(texts.config_unreachable);
  }
  if (!response.ok) {
    throw new Error(texts.config_http_error.replace('{status}', String(response.status)));
  }
  return readStandaloneConfig(await response.text(), texts.tag);
}

/** @param {MockApiConfig} config */
async function startDemo(config) {
  const banner = document.createElement('p');
  banner.className = 'page-banner';
  banner.dataset.testid = 'mock-banner';
  banner.textContent = texts.demo_banner;
  accountBar.replaceChildren(banner);
  widget = await mountWidget({ token: config.token, apiBase: config.apiBase });
}

/** @param {SignInConfig} config */
async function startSignedIn(config) {
  if (!window.msal) throw new Error(texts.msal_missing);
  const redirectUri = new URL('redirect.html', window.location.href).href;
  const app = new window.msal.PublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri },
    // Tokens live for this tab only.
    cache: { cacheLocation: 'sessionStorage' },
  });
  await app.initialize();
  // A user who declines the optional consent (Grant access, below) comes back with an error:
  // the page goes on signed in, with Software.Read alone.
  let redirectResult = null;
  let consentDeclined = false;
  try {
    redirectResult = await app.handleRedirectPromise();
  } catch (error) {
    if (app.getAllAccounts().length === 0) throw error;
    consentDeclined = true;
  }
  const account = redirectResult?.account ?? app.getAllAccounts()[0] ?? null;
  const request = { scopes: config.scopes };

  if (!account) {
    const hint = document.createElement('p');
    hint.textContent = texts.sign_in_prompt;
    accountBar.replaceChildren(
      hint,
      button(texts.sign_in, 'sign-in', () => app.loginRedirect(request)),
    );
    return;
  }
  app.setActiveAccount(account);
  const name = document.createElement('span');
  name.className = 'page-account';
  name.dataset.testid = 'account-name';
  name.textContent = account.name || account.username;
  accountBar.replaceChildren(
    name,
    button(texts.sign_out, 'sign-out', () => app.logoutRedirect({ account })),
  );

  // The KB details need Vulnerability.Read beside Software.Read. It is asked for silently with
  // it; until the user (or an admin for the tenant) has consented, the silent request fails,
  // the list keeps working with Software.Read alone, and a button asks for consent when the
  // user chooses to: never a redirect on its own, so never a loop. Both ask only when
  // withDetails is not null (detailsMayBeGranted, the consent button), which tsc cannot see.
  const withDetails = config.detailsScopes.length > 0 ? { scopes: [...config.scopes, ...config.detailsScopes] } : null;
  let detailsMayBeGranted = withDetails !== null && !consentDeclined;
  const offerDetailsConsent = () =>
    accountBar.append(
      button(texts.grant_details, 'grant-details', () =>
        app.acquireTokenRedirect({ .../** @type {{ scopes: string[] }} */ (withDetails), account }),
      ),
    );
  const getToken = async () => {
    if (detailsMayBeGranted) {
      try {
        return (await app.acquireTokenSilent({ .../** @type {{ scopes: string[] }} */ (withDetails), account }))
          .accessToken;
      } catch (error) {
        if (!(error instanceof window.msal.InteractionRequiredAuthError)) throw error;
        detailsMayBeGranted = false;
        offerDetailsConsent();
      }
    }
    try {
      return (await app.acquireTokenSilent({ ...request, account })).accessToken;
    } catch (error) {
      if (error instanceof window.msal.InteractionRequiredAuthError) {
        // Only when the silent path cannot work: the page navigates to sign in.
        await app.acquireTokenRedirect({ ...request, account });
      }
      throw error;
    }
  };
  if (withDetails !== null && consentDeclined) offerDetailsConsent();
  widget = await mountWidget({ getToken, apiBase: config.apiBase, cloud: config.cloud });
}

/**
 * The first screen's code starts on its way with the page, not once the page has its texts, its
 * config.json and a signed-in user: config.json, and when the URL names no software or device
 * (the first screen is the finder), the finder's part, while the page signs in.
 */
function startEarly() {
  if (!softwareIdFromUrl() && !machineIdFromUrl()) {
    // A wasm that cannot be loaded is the page's texts' business, just below.
    loadModule()
      .then(prepareFinder)
      .catch(() => {});
  }
  return fetchConfig();
}

async function main() {
  const configAnswer = startEarly();
  try {
    await applyLanguage(urlParams().get(LANGUAGE) ?? '');
  } catch (error) {
    // The page's texts come with its part of the wasm; without them, the page says why, in the
    // language it would speak if that language's first texts loaded, else in English.
    showPageProblem(document.title, /** @type {Error} */ (error).message);
    return;
  }
  /** @type {HTMLElement} */ (document.getElementById('language')).addEventListener('change', onLanguageChosen);
  widgetRoot.addEventListener('missingkbs:loaded', keepSubjectInUrl);
  widgetRoot.addEventListener('missingkbs:error', keepSubjectInUrl);
  widgetRoot.addEventListener('missingkbs:viewchange', keepViewInUrl);
  widgetRoot.addEventListener('missingkbs:softwarechosen', rememberChosenSoftware);
  widgetRoot.addEventListener('missingkbs:devicechosen', rememberChosenDevice);
  widgetRoot.addEventListener('missingkbs:finderchange', keepFinderOrderInUrl);
  window.addEventListener('popstate', followHistory);
  let config;
  try {
    config = await loadConfig(configAnswer);
  } catch (error) {
    // loadConfig's own, or readStandaloneConfig's.
    showPageProblem(texts.not_configured, /** @type {Error} */ (error).message);
    return;
  }
  try {
    if (config.mode === 'mock') await startDemo(config);
    else await startSignedIn(config);
  } catch (error) {
    showPageProblem(
      texts.sign_in_failed,
      `${/** @type {SignInError} */ (error).errorCode ?? /** @type {SignInError} */ (error).message}. ${texts.reload}`,
    );
  }
}

main();
