// What the cross-engine suite's host page (site/host.js) keeps on its window, beside what the
// Chromium suite's pages keep (tests/e2e/page-globals.d.ts).
export {};

declare global {
  interface Window {
    /** The page's uncaught errors and unhandled rejections. */
    pageErrors: string[];
    /** What the widget asked the browser to save: each file's name and text (cases.mjs). */
    savedFiles?: { name: string; text: string }[];
    /** What the widget asked the clipboard to hold (cases.mjs). */
    copiedTexts?: string[];
    /** The first card's distance below the summary, frame by frame, and whether the list's tools were there (cases.mjs). */
    cardTops?: { top: number; tools: boolean }[];
  }
}
