// What a case of the cross-engine suite may ask of a browser: one interface, which each engine's
// adapter (gecko.mjs, webkit.mjs) implements with its own protocol, so that every case runs
// unchanged in each engine.

/** The keys a case presses, by their DOM `key` names. */
export type Key = 'Backspace' | 'Tab' | 'Enter' | 'Escape' | 'End' | 'Home' | 'ArrowUp' | 'ArrowDown';

export interface Engine {
  /** `firefox` or `webkit`: the name a case and a screenshot go by. */
  readonly name: 'firefox' | 'webkit';
  /** The browser's own name and version, for the report. */
  readonly version: string;
  /** Where the browser saves a download, without asking. */
  readonly downloadsDir: string;
  /** Opens `path` on the mock's origin and waits for the page's load event. */
  goto(path: string): Promise<void>;
  /** The page's URL. */
  url(): Promise<string>;
  /** The browser's Back. */
  back(): Promise<void>;
  /**
   * Runs `fn` in the page with `args` (JSON values) and gives back its result, a promise's once
   * settled. `fn` is sent as source: it must use nothing but its arguments and the page's globals.
   */
  evaluate<Args extends unknown[], Result>(fn: (...args: Args) => Result, ...args: Args): Promise<Awaited<Result>>;
  /** Runs a script's source in the page, outside any Content Security Policy (axe-core's). */
  addScript(source: string): Promise<void>;
  /** A real click in the middle of the first element `selector` (CSS) finds. */
  click(selector: string): Promise<void>;
  /** Types `text` as key presses into the element that has the focus. */
  typeText(text: string): Promise<void>;
  /** Presses `key` in the element that has the focus. */
  press(key: Key): Promise<void>;
  /** Saves what the page shows as a PNG. */
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}
