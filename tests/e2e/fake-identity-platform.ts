import { type BrowserContext, type Route } from '@playwright/test';

/**
 * A stand-in for the Microsoft identity platform at login.microsoftonline.com, so the
 * real MSAL.js runs offline: discovery documents, the authorize redirect back to the
 * page's redirect URI, a token endpoint answering test tokens, and sign-out.
 */
export class FakeIdentityPlatform {
  static readonly host = 'https://login.microsoftonline.com';
  readonly tenantId = '72f988bf-0000-4000-8000-000000000001';
  readonly userId = '0b3c5d7e-0000-4000-8000-000000000002';
  readonly userName = 'Ada Admin';
  readonly username = 'ada@contoso.onmicrosoft.com';
  /** Access tokens handed out, in order. */
  readonly issuedAccessTokens: string[] = [];
  readonly authorizeRequests: URL[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  signOuts = 0;
  /**
   * Whether the user has consented to Vulnerability.Read. When not, a token request that asks
   * for it fails as Microsoft Entra ID fails it (consent required), until an authorize request
   * that asks for it: the user consents there.
   */
  vulnerabilityConsented = true;
  /** Whether the user declines when asked to consent to Vulnerability.Read (the authorize page answers access_denied). */
  declineVulnerabilityConsent = false;
  private nonce = '';

  async install(context: BrowserContext) {
    await context.route(`${FakeIdentityPlatform.host}/**`, (route) => this.answer(route));
  }

  private cors(route: Route) {
    return {
      'access-control-allow-origin': route.request().headers()['origin'] ?? '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
    };
  }

  private async answer(route: Route) {
    const request = route.request();
    const url = new URL(request.url());
    const json = (body: unknown) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: this.cors(route),
        body: JSON.stringify(body),
      });
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: this.cors(route) });

    const tenant = url.pathname.split('/')[1];
    const base = `${FakeIdentityPlatform.host}/${tenant}`;
    if (url.pathname.endsWith('/discovery/instance')) {
      return json({
        tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          {
            preferred_network: 'login.microsoftonline.com',
            preferred_cache: 'login.windows.net',
            aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
          },
        ],
      });
    }
    if (url.pathname.endsWith('/.well-known/openid-configuration')) {
      return json({
        issuer: `${FakeIdentityPlatform.host}/${this.tenantId}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['pairwise'],
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        cloud_instance_name: 'microsoftonline.com',
        tenant_region_scope: 'EU',
        msgraph_host: 'graph.microsoft.com',
      });
    }
    if (url.pathname.endsWith('/oauth2/v2.0/authorize')) {
      this.authorizeRequests.push(url);
      const asksVulnerabilityRead = url.searchParams.get('scope')?.includes('Vulnerability.Read') ?? false;
      if (asksVulnerabilityRead && this.declineVulnerabilityConsent && !this.vulnerabilityConsented) {
        const declined = new URLSearchParams({
          error: 'access_denied',
          error_description: 'AADSTS65004: User declined to consent to access the app.',
          state: url.searchParams.get('state') ?? '',
        });
        const separator = url.searchParams.get('response_mode') === 'query' ? '?' : '#';
        return route.fulfill({
          status: 302,
          headers: { location: `${url.searchParams.get('redirect_uri')}${separator}${declined}` },
        });
      }
      if (asksVulnerabilityRead) this.vulnerabilityConsented = true;
      this.nonce = url.searchParams.get('nonce') ?? '';
      const params = new URLSearchParams({
        code: `test-code-${this.authorizeRequests.length}`,
        state: url.searchParams.get('state') ?? '',
        client_info: this.clientInfo(),
      });
      const separator = url.searchParams.get('response_mode') === 'query' ? '?' : '#';
      return route.fulfill({
        status: 302,
        headers: { location: `${url.searchParams.get('redirect_uri')}${separator}${params}` },
      });
    }
    if (url.pathname.endsWith('/oauth2/v2.0/token')) {
      const form = new URLSearchParams(request.postData() ?? '');
      this.tokenRequests.push(form);
      if (!this.vulnerabilityConsented && form.get('scope')?.includes('Vulnerability.Read')) {
        return route.fulfill({
          status: 400,
          contentType: 'application/json',
          headers: this.cors(route),
          body: JSON.stringify({
            error: 'invalid_grant',
            suberror: 'consent_required',
            error_description: 'AADSTS65001: The user or administrator has not consented to use the application.',
            error_codes: [65001],
          }),
        });
      }
      const accessToken = `test-access-token-${this.issuedAccessTokens.length + 1}`;
      this.issuedAccessTokens.push(accessToken);
      return json({
        token_type: 'Bearer',
        scope: form.get('scope') ?? '',
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: accessToken,
        refresh_token: 'test-refresh-token',
        id_token: this.idToken(form.get('client_id') ?? ''),
        client_info: this.clientInfo(),
      });
    }
    if (url.pathname.endsWith('/oauth2/v2.0/logout')) {
      this.signOuts += 1;
      return route.fulfill({
        status: 302,
        headers: { location: url.searchParams.get('post_logout_redirect_uri') ?? '/' },
      });
    }
    return route.fulfill({ status: 404, headers: this.cors(route), body: 'not part of the fake identity platform' });
  }

  private clientInfo() {
    return Buffer.from(JSON.stringify({ uid: this.userId, utid: this.tenantId })).toString('base64url');
  }

  /** An id token with the claims MSAL reads; MSAL.js does not check the signature in the browser. */
  private idToken(clientId: string) {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      aud: clientId,
      iss: `${FakeIdentityPlatform.host}/${this.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: this.userName,
      preferred_username: this.username,
      oid: this.userId,
      sub: 'test-subject',
      tid: this.tenantId,
      nonce: this.nonce,
      ver: '2.0',
    };
    return `${encode({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${encode(claims)}.c2lnbmF0dXJl`;
  }
}
