// A portal page that signs its users in with MSAL.js and shows two widgets and a software finder.
// Replace the three constants with your own app registration and API base.
import { mount } from '../missing-kbs.js';

const CLIENT_ID = '5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'; // your app registration's Application (client) ID
const AUTHORITY = 'https://login.microsoftonline.com/contoso.onmicrosoft.com'; // your tenant
const API_BASE = ''; // '' = this origin (the mock API in the demo; a reverse proxy in production, see EMBEDDING.md)
const scopes = ['https://api.securitycenter.microsoft.com/Software.Read'];

const byId = (id) => document.getElementById(id);

/** The widgets this portal shows: two software it watches, and a finder for any other. */
async function mountWidgets(getToken) {
  await mount(byId('windows-10'), { softwareId: 'microsoft-_-windows_10', getToken, apiBase: API_BASE });
  await mount(byId('edge'), { softwareId: 'microsoft-_-edge', getToken, apiBase: API_BASE });
  await mount(byId('any'), { finder: true, getToken, apiBase: API_BASE });
}

// In the demo (bash scripts/demo.sh), portal.html?demo runs against the mock API with its
// development token, since no real sign-in can happen there.
if (new URLSearchParams(location.search).has('demo')) {
  byId('user').textContent = 'Demo: the mock API, no sign-in';
  await mountWidgets(async () => 'mock-development-token');
} else {
  const msalApp = new window.msal.PublicClientApplication({
    auth: { clientId: CLIENT_ID, authority: AUTHORITY, redirectUri: new URL('../redirect.html', location.href).href },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msalApp.initialize();
  const account = (await msalApp.handleRedirectPromise())?.account ?? msalApp.getAllAccounts()[0];
  if (!account) {
    byId('signed-out').hidden = false;
    byId('sign-in').hidden = false;
    byId('sign-in').addEventListener('click', () => msalApp.loginRedirect({ scopes }));
  } else {
    byId('user').textContent = account.name || account.username;
    byId('sign-out').hidden = false;
    byId('sign-out').addEventListener('click', () => msalApp.logoutRedirect({ account }));
    // Called by the widget before each request: MSAL answers from its cache and renews silently.
    await mountWidgets(async () => (await msalApp.acquireTokenSilent({ scopes, account })).accessToken);
  }
}
