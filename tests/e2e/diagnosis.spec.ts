import { expect, test, type Locator } from '@playwright/test';
import { DEFENDER_AUDIENCE as DEFENDER, inAnHour, jwt } from './access-tokens';
import { EmbedHost } from './pages/embed-host';

// A refused token (401 or 403) is explained by its own claims: when they name the cause, that
// cause is the headline, said once, wherever the failure shows (the list, a KB's details, the
// finder's inventory); the generic text of the HTTP status only when they do not.

const GENERIC_401 = 'Your sign-in has expired';
const GENERIC_403 = 'Software.Read (HTTP 403)';
const NO_VULNERABILITY_READ =
  'The token does not grant Vulnerability.Read: an administrator must grant the app that permission (DEPLOYING.md).';
const GRAPH = 'https://graph.microsoft.com';
const WRONG_AUDIENCE = `The token is for ${GRAPH}, not for the Defender for Endpoint API: ask for a token for https://api.securitycenter.microsoft.com.`;

/** How many times `sentence` is in `element`'s text, hidden text (a live region) included. */
async function occurrences(element: Locator, sentence: string) {
  const text = (await element.textContent()) ?? '';
  return text.split(sentence).length - 1;
}

test('a token whose scp lacks Vulnerability.Read: the details lead with that, and never blame Software.Read', async ({
  page,
}) => {
  const token = jwt({ aud: DEFENDER, scp: 'Software.Read', exp: inAnHour(), tid: 't', oid: 'o' });
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { softwareId: 'microsoft-_-windows_10', token, apiBase: '' });
  const card = host.container('a').getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  const failure = card.getByTestId('details-error');
  await expect(failure).toHaveAttribute('data-error-kind', 'forbidden');
  // The first thing the panel says is the cause its claims name.
  await expect(failure.getByTestId('details-error-message')).toHaveText(
    `The details could not be loaded. ${NO_VULNERABILITY_READ}`,
  );
  await expect(failure).not.toContainText('Software.Read');
  expect(await occurrences(host.container('a'), NO_VULNERABILITY_READ)).toBe(1);
});

test('a token for another audience: the list names the audience as its headline, once, and never says to sign in again', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  const token = jwt({ aud: GRAPH, scp: 'User.Read', exp: inAnHour() });
  await host.mount('a', { softwareId: 'microsoft-_-edge', token, apiBase: '' });
  const widget = host.container('a');
  await expect(widget.getByTestId('error')).toHaveAttribute('data-error-kind', 'unauthorized');
  await expect(widget.getByTestId('error-message')).toHaveText(WRONG_AUDIENCE);
  expect(await occurrences(widget, WRONG_AUDIENCE)).toBe(1);
  expect(await occurrences(widget, GENERIC_401)).toBe(0);
});

test("the finder's inventory leads with the cause its token's claims name", async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  const token = jwt({ aud: GRAPH, scp: 'User.Read', exp: inAnHour() });
  await host.mount('a', { token, apiBase: '', finder: true });
  const status = host.container('a').getByTestId('finder-status');
  await expect(status).toHaveText(
    `The software list could not be loaded. ${WRONG_AUDIENCE} You can still enter a software ID above.`,
  );
  expect(await occurrences(host.container('a'), GENERIC_401)).toBe(0);
});

test('without claims that say why, the generic text of the status is the headline', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  // Not a JWT: nothing to read, so the status's own words.
  await host.mount('a', { softwareId: 'scenario-_-forbidden', token: 'mock-development-token', apiBase: '' });
  await expect(host.container('a').getByTestId('error-message')).toContainText(GENERIC_403);
  await host.mount('b', { softwareId: 'microsoft-_-windows_10', token: 'vulnerability-forbidden', apiBase: '' });
  const card = host.container('b').getByTestId('kb-card').filter({ hasText: 'KB5049981' });
  await card.getByTestId('details-toggle').click();
  await expect(card.getByTestId('details-error-message')).toContainText(
    'The details could not be loaded. Your account',
  );
});
