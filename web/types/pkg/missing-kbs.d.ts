// What web/*.js use of the wasm-bindgen glue, pkg/missing-kbs.js, which exists only in a build
// (scripts/split-wasm.mjs runs wasm-bindgen with --no-typescript): written by hand, for tsc
// alone, so that the JavaScript is type-checked on a fresh clone. tsconfig.json's rootDirs lays
// web/types/ over web/, so `./pkg/missing-kbs.js` in web/ finds this file. Each function is a
// `#[wasm_bindgen(js_name = …)]` export of src/ (grep for its name); a change to one's
// arguments or answer is a change here too.

import type { MountOptions } from '../../missing-kbs.d.ts';

/** What `init` can instantiate the wasm from (as wasm-bindgen declares it). */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Instantiates the wasm, once; resolves to its exports. */
export default function init(options?: {
  module_or_path: InitInput | Promise<InitInput>;
}): Promise<WebAssembly.Exports>;

/**
 * The tag of the catalogue to load before speaking `requested` (a tag; empty or not a string for
 * the browser's languages), or `undefined` when its texts are in.
 */
export function textsToLoad(requested: unknown): string | undefined;

/**
 * Installs the texts of the language `tag` from its catalogue module's default export; keeps
 * `later`, which asks for the module of the texts that load later (a promise of its default
 * export, or of null). Throws an `Error` naming the first missing text.
 */
export function addTexts(tag: string, catalogue: unknown, later: () => Promise<object | null>): void;

/** One mounted widget, as the glue makes it: the methods web/missing-kbs.js wraps. */
export interface WidgetHandle {
  setSoftwareId(softwareId: string): void;
  setMachineId(machineId: string): void;
  /** Throws an `Error` when `token` is not a usable token. */
  setToken(token: string): void;
  /** Switches to `tag`'s texts, which must be in already (web/missing-kbs.js loads them first). */
  setLocale(tag: string): void;
  refresh(): void;
  showFinder(): void;
  unmount(): void;
}

/** Mounts a widget; throws an `Error` when `element` is not an HTML element. The options are read leniently. */
export function mount(element: unknown, options: unknown): WidgetHandle;

/** Aborts the module, as running out of memory does. */
export function simulatePanic(): void;

/** An address on the module's own stack: the same between calls, lower during one, and lower for good after a trap. */
export function stackMark(): number;

/** The "reload the page" card in the language a widget speaks for `requested`. */
export interface StoppedTexts {
  tag: string;
  title: string;
  body: string;
}

export function stoppedTexts(requested: string): StoppedTexts;

/** The standalone page's texts, keyed as in the catalogues (`page.<key>`), and the languages to offer. */
export interface PageTexts {
  tag: string;
  widget_label: string;
  subtitle: string;
  demo_banner: string;
  sign_in_prompt: string;
  sign_in: string;
  sign_out: string;
  grant_details: string;
  not_configured: string;
  sign_in_failed: string;
  reload: string;
  language: string;
  config_unreachable: string;
  /** With `{status}` to fill in. */
  config_http_error: string;
  msal_missing: string;
  languages: { tag: string; name: string }[];
}

/** Resolves once the standalone page's part and its texts are here; rejects with an `Error` if they cannot come. */
export function pageTexts(requested: string): Promise<PageTexts>;

/** Starts fetching the finder's part, unless it is here or on its way (the finder says so, with Retry, should it not come). */
export function prepareFinder(): void;

/** config.json, checked: the mock API of the demo, with its development token. */
export interface MockApiConfig {
  mode: 'mock';
  apiBase: string;
  token: string;
}

/** config.json, checked: sign in with MSAL.js. */
export interface SignInConfig {
  mode: 'signIn';
  clientId: string;
  authority: string;
  scopes: string[];
  /** Empty, or the scope the KB details need besides `scopes`. */
  detailsScopes: string[];
  apiBase: string;
  cloud: NonNullable<MountOptions['cloud']>;
}

/** Reads config.json's `text`; rejects with an `Error` that says, in `locale`, what to fix. */
export function standaloneConfig(text: string, locale: string): Promise<MockApiConfig | SignInConfig>;
