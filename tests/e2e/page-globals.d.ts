// What the end-to-end tests keep on a test page's window, typed, so no test needs `as any`.
// The page's own globals (MSAL.js's `msal`) are typed for web/ in web/types/msal-globals.d.ts.
import type {
  ErrorDetail,
  LoadedDetail,
  TokenExpiredDetail,
  ViewChangeDetail,
  WidgetHandle,
} from '../../web/missing-kbs';

declare global {
  /** A missingkbs:* event as the host page saw it (tests/e2e/pages/embed-host.ts). */
  interface RecordedWidgetEvent {
    type: string;
    target: string;
    detail: LoadedDetail | ErrorDetail | TokenExpiredDetail | ViewChangeDetail;
  }

  /** bench/page/harness.js's controls. */
  interface BenchControls {
    useAnswer(size: number): { bytes: number; count: number };
    render(kind: string): Promise<{ all: number; first: number; longestTask: number }>;
    sort(): Promise<number>;
    filter(): Promise<number>;
  }

  interface Window {
    /** The handles of the widgets a test mounted, by container name. */
    handles: Record<string, WidgetHandle>;
    widgetEvents: RecordedWidgetEvent[];
    tokenCalls: Record<string, number>;
    violations?: string[];
    /** security-review.spec.ts: the next call into the wasm runs in a timer callback. */
    deferNextWasmCall?: boolean;
    __xssTrap?: () => void;
    __pwned?: number;
    bench: BenchControls;
    silentCalls: number;
  }
}
