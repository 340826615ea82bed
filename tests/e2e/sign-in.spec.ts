import { expect, test, type Page } from '@playwright/test';
import { FakeIdentityPlatform } from './fake-identity-platform';

/** Serves a config.json that signs in to the fake identity platform's tenant, plus `extra` fields. */
function serveSignInConfig(page: Page, extra: Record<string, string> = {}) {
  return page.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        clientId: '11111111-2222-3333-4444-555555555555',
        tenantId: 'contoso.onmicrosoft.com',
        apiBase: '',
        ...extra,
      }),
    }),
  );
}

test('the portal signs in with MSAL.js, gets a token silently before each call, and signs out', async ({
  page,
  context,
}) => {
  const identity = new FakeIdentityPlatform();
  await identity.install(context);
  const apiAuth: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/getmissingkbs')) apiAuth.push(request.headers()['authorization']);
  });

  await page.goto('/examples/portal.html');
  await page.getByTestId('portal-sign-in').click();
  await expect(page.getByTestId('portal-user')).toHaveText(identity.userName);
  expect(identity.authorizeRequests).toHaveLength(1);
  const authorize = identity.authorizeRequests[0];
  expect(authorize.searchParams.get('client_id')).toBe('5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9');
  expect(authorize.searchParams.get('scope')).toContain('https://api.securitycenter.microsoft.com/Software.Read');
  expect(authorize.searchParams.get('redirect_uri')).toMatch(/\/redirect\.html$/);

  // Both widgets load with the access token MSAL got, taken from its cache by acquireTokenSilent.
  await expect(page.getByTestId('widget-windows-10').getByTestId('kb-card')).not.toHaveCount(0);
  await expect(page.getByTestId('widget-edge').getByTestId('kb-card')).not.toHaveCount(0);
  expect(identity.issuedAccessTokens).toEqual(['test-access-token-1']);
  expect(apiAuth).toEqual(['Bearer test-access-token-1', 'Bearer test-access-token-1']);

  // getToken runs before every request: count acquireTokenSilent across a refresh.
  await page.evaluate(() => {
    const prototype = window.msal.PublicClientApplication.prototype;
    const original = prototype.acquireTokenSilent;
    window.silentCalls = 0;
    prototype.acquireTokenSilent = function (...args) {
      window.silentCalls += 1;
      return original.apply(this, args);
    };
  });
  await page.getByTestId('widget-edge').getByTestId('software-id').fill('microsoft-_-office');
  await page.getByTestId('widget-edge').getByTestId('show').click();
  await expect(page.getByTestId('widget-edge').getByTestId('kb-number').first()).toHaveText('KB5002623');
  expect(await page.evaluate(() => window.silentCalls)).toBe(1);
  expect(apiAuth.at(-1)).toBe('Bearer test-access-token-1');

  await page.getByTestId('portal-sign-out').click();
  await expect(page.getByTestId('portal-sign-in')).toBeVisible();
  expect(identity.signOuts).toBe(1);
  await expect(page.getByTestId('portal-user')).toHaveText('');
  await expect(page.locator('.mkb')).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('test-access-token-1');
});

test('the standalone page signs in when config.json names a tenant, and keeps the software in the URL', async ({
  page,
  context,
}) => {
  const identity = new FakeIdentityPlatform();
  await identity.install(context);
  await serveSignInConfig(page, { cloud: 'commercial' });
  await page.goto('/?softwareId=microsoft-_-edge');
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.locator('.mkb')).toHaveCount(0);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('account-name')).toHaveText(identity.userName);
  expect(identity.authorizeRequests[0].pathname).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  expect(new URL(page.url()).searchParams.get('softwareId')).toBe('microsoft-_-edge');

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
});

test('the standalone page asks for Vulnerability.Read silently, and offers Grant access only when consent is missing', async ({
  page,
  context,
}) => {
  const identity = new FakeIdentityPlatform();
  identity.vulnerabilityConsented = false;
  await identity.install(context);
  await serveSignInConfig(page);
  await page.goto('/?softwareId=microsoft-_-edge');
  await page.getByTestId('sign-in').click();
  // Without consent the list still loads, with Software.Read alone, and the page offers consent.
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  await expect(page.getByTestId('grant-details')).toHaveText('Grant access to CVEs and devices');
  const authorizeBefore = identity.authorizeRequests.length;
  // No redirect of its own: the page stays, however often the widget asks for a token.
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  expect(identity.authorizeRequests.length).toBe(authorizeBefore);

  await page.getByTestId('grant-details').click();
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  const consent = identity.authorizeRequests.at(-1)!;
  expect(consent.searchParams.get('scope')).toContain('https://api.securitycenter.microsoft.com/Vulnerability.Read');
  await expect(page.getByTestId('grant-details')).toHaveCount(0);
  // Now the silent request holds both scopes.
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  const lastScope = identity.tokenRequests.at(-1)!.get('scope') ?? '';
  expect(lastScope).toContain('Vulnerability.Read');
  expect(lastScope).toContain('Software.Read');
});

test('declining the optional consent keeps the page signed in, with the list and the Grant access button', async ({
  page,
  context,
}) => {
  const identity = new FakeIdentityPlatform();
  identity.vulnerabilityConsented = false;
  identity.declineVulnerabilityConsent = true;
  await identity.install(context);
  await serveSignInConfig(page);
  await page.goto('/?softwareId=microsoft-_-edge');
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('grant-details')).toBeVisible();
  await page.getByTestId('grant-details').click();
  // Back from the declined consent: signed in, the list there, the offer still open, no error page.
  await expect(page.getByTestId('account-name')).toHaveText(identity.userName);
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  await expect(page.getByTestId('grant-details')).toHaveCount(1);
  await expect(page.getByTestId('config-error')).toHaveCount(0);
});
