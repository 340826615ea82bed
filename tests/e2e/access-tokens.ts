/**
 * An access token shaped like Microsoft Entra's: a JWT whose payload holds `claims`. The mock
 * and the widget read its claims; neither checks a signature, so `signature` only makes two
 * tokens of the same claims differ (as an hourly refresh does).
 */
export function jwt(claims: Record<string, unknown>, signature = 'c2ln'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.${signature}`;
}

/** The audience of a Defender API token, as the mock accepts it. */
export const DEFENDER_AUDIENCE = 'https://api.securitycenter.microsoft.com';

/** An `exp` claim an hour from now. */
export const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** A Defender token of `account` in one tenant, with both permissions the widget asks for. */
export function accountToken(account: string, signature?: string): string {
  return jwt(
    {
      aud: DEFENDER_AUDIENCE,
      scp: 'Software.Read Vulnerability.Read',
      exp: inAnHour(),
      tid: 'tenant-1',
      oid: account,
    },
    signature,
  );
}
