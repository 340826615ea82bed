// The JavaScript contract of missing-kbs.js, for host pages written in TypeScript and for
// the end-to-end tests. EMBEDDING.md describes it; tests/e2e/contract.spec.ts checks that the
// two agree, and tsc that missing-kbs.js keeps it.

/** How the list is sorted: machines missing (the default), CVEs addressed, KB number, name. */
export type SortKey = 'machines' | 'cves' | 'kb' | 'name';

/** How the finder is sorted: exposed devices (the default), weaknesses, name. */
export type FinderSort = 'exposure' | 'weaknesses' | 'name';

/** What the finder lists first: the software that can have KBs (the default), or all in one ranking. */
export type FinderShow = 'kbs-first' | 'all';

/** The options of `mount`. Give `getToken` or `token`. */
export interface MountOptions {
  /** The software to show, as in Defender's software inventory (`vendor-_-product`). */
  softwareId?: string;
  /** The device to show, by its Defender device ID; give it or `softwareId`, not both. */
  machineId?: string;
  /** Called before each request, so MSAL's `acquireTokenSilent` can answer from its cache. */
  getToken?: () => string | Promise<string>;
  /** A fixed access token. */
  token?: string;
  /** Where the API is: a Defender API host, a path on this page's origin, or a loopback address. */
  apiBase?: string;
  /** The Microsoft cloud, for the links to its Defender portal; default inferred from `apiBase`. */
  cloud?: 'commercial' | 'gcc' | 'gcc-high' | 'dod';
  /** `en`, `ja`, `zh-Hant`, `sv`, `fr` or `pt-BR`; default the browser's languages, then English. */
  locale?: string;
  /** Forces light or dark colours; default the page's `prefers-color-scheme`. */
  theme?: 'light' | 'dark';
  /** The list's first order. */
  sort?: SortKey;
  /** The list's first text filter. */
  filter?: string;
  /** The list's first product filter. */
  products?: string[];
  /** How long one call may take, 1 to 300 seconds; default 30. */
  timeoutSeconds?: number;
  /** Gives the widget a software finder: shown when no `softwareId` is given, and reached back from a list. Default false. */
  finder?: boolean;
  /** The finder's first sort. */
  finderSort?: FinderSort;
  /** The finder's first order: the software that can have KBs first (default), or `all` in one ranking. */
  finderShow?: FinderShow;
}

/** Drives one mounted widget. Every method does nothing after `unmount()`. */
export interface WidgetHandle {
  setSoftwareId(softwareId: string): void;
  /** Shows a device's missing KBs; throws, changing nothing, when `machineId` is not a Defender device ID. */
  setMachineId(machineId: string): void;
  setToken(token: string): void;
  setLocale(tag: string): Promise<void>;
  refresh(): void;
  /** Shows the software finder as the user left it (a widget mounted with `finder: true`). */
  showFinder(): void;
  unmount(): void;
}

/** Why a load failed, or why the widget cannot work. */
export type ErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'throttled'
  | 'server-error'
  | 'unexpected-status'
  | 'network'
  | 'invalid-response'
  | 'token-unavailable'
  | 'timeout'
  | 'redirected'
  | 'too-large'
  | 'rate-limited'
  | 'configuration'
  | 'panic'
  | 'load';

/** What a list is for: a software's ID, or a device's. */
export type ListSubjectDetail = { softwareId: string } | { machineId: string };

/** `missingkbs:loaded`: a list is shown, a software's (`softwareId`) or a device's (`machineId`). */
export type LoadedDetail = ListSubjectDetail & { count: number };

/** `missingkbs:error`: a load finally failed (after the widget's own retries), or the widget stopped. */
export type ErrorDetail = ({ softwareId: string | null } | { machineId: string }) & {
  kind: ErrorKind;
  /** The HTTP status, when there was an answer. */
  status: number | null;
  /** Kind `load`: the URL of the widget's file that could not be loaded. */
  url?: string;
};

/** `missingkbs:tokenexpired`: the API refused the token (HTTP 401). */
export type TokenExpiredDetail = ListSubjectDetail;

/** `missingkbs:viewchange`: the user sorted or filtered. */
export type ViewChangeDetail = ({ softwareId: string | null } | { machineId: string }) & {
  sort: SortKey;
  filter: string;
  products: string[];
};

/** `missingkbs:finderchange`: the user changed the finder's sort or what it lists first. */
export interface FinderChangeDetail {
  sort: FinderSort;
  show: FinderShow;
}

/** `missingkbs:softwarechosen`: the user chose a software in the finder; its list is loading. */
export interface SoftwareChosenDetail {
  softwareId: string;
}

/** `missingkbs:devicechosen`: the user opened a device (from a KB's devices or the finder's device search). */
export interface DeviceChosenDetail {
  machineId: string;
}

/** Every event the widget fires on the element it was mounted into. They bubble. */
export interface MissingKbsEventMap {
  'missingkbs:loaded': CustomEvent<LoadedDetail>;
  'missingkbs:error': CustomEvent<ErrorDetail>;
  'missingkbs:tokenexpired': CustomEvent<TokenExpiredDetail>;
  'missingkbs:viewchange': CustomEvent<ViewChangeDetail>;
  'missingkbs:softwarechosen': CustomEvent<SoftwareChosenDetail>;
  'missingkbs:devicechosen': CustomEvent<DeviceChosenDetail>;
  'missingkbs:finderchange': CustomEvent<FinderChangeDetail>;
}

/** Mounts a widget into `element`; rejects only when `element` is not an element or the module cannot load. */
export function mount(element: HTMLElement, options: MountOptions): Promise<WidgetHandle>;

/** Stops the widget module on purpose, so a host can test its handling of `missingkbs:error` with kind `panic`. */
export function simulatePanic(): Promise<void>;

/** `<missing-kbs software-id machine-id api-base locale theme>`: mounts once it has `getToken` or `token`. */
export interface MissingKbsElement extends HTMLElement {
  getToken: (() => string | Promise<string>) | undefined;
  token: string;
  /** Loads the current software again; after a `load` error, tries to load the widget's code again. */
  refresh(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'missing-kbs': MissingKbsElement;
  }
  interface HTMLElementEventMap extends MissingKbsEventMap {}
}
