// The globals of MSAL.js's classic scripts, which the pages load before their module
// (index.html: msal-browser.min.js before standalone.js; redirect.html:
// msal-redirect-bridge.min.js before redirect.js), typed by the package they come from.

interface Window {
  /** MSAL.js (standalone.js still checks that it arrived, and says so when it did not). */
  msal: typeof import('@azure/msal-browser');
  msalRedirectBridge: typeof import('@azure/msal-browser/redirect-bridge');
}
