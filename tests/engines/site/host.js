// The cross-engine suite's host page (host.html, served under the mock's strict policy): it
// records, from before any widget exists, what a case checks afterwards. A classic script, so
// it runs before the page's first event.
window.widgetEvents = [];
window.handles = {};
window.tokenCalls = {};
/** The page's uncaught errors and unhandled rejections. @type {string[]} */
window.pageErrors = [];
/** What the page's Content Security Policy refused. @type {string[]} */
window.violations = [];
for (const type of ['missingkbs:loaded', 'missingkbs:error', 'missingkbs:tokenexpired']) {
  document.addEventListener(type, (event) =>
    window.widgetEvents.push({
      type,
      target: /** @type {HTMLElement} */ (event.target).id,
      detail: /** @type {CustomEvent} */ (event).detail,
    }),
  );
}
window.addEventListener('error', (event) => window.pageErrors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.pageErrors.push(String(event.reason)));
document.addEventListener('securitypolicyviolation', (event) =>
  window.violations?.push(`${event.violatedDirective} ${event.blockedURI}`),
);
