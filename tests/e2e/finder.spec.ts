import { expect, test, type Page } from '@playwright/test';
import { holdRequests } from './network';
import { EmbedHost } from './pages/embed-host';
import { built } from './built-files';

// The software finder: the organisation's inventory, searched by what people call a
// software, so nobody needs to know its ID.

const finder = (page: Page) => page.getByTestId('finder');
const options = (page: Page) => page.getByTestId('software-option');
const names = (page: Page) => options(page).getByTestId('software-name');

test('the standalone page opens on the finder; a search finds Windows 10 by its name, in any order and case', async ({
  page,
}) => {
  await page.goto('/');
  await expect(finder(page)).toBeVisible();
  await expect(page.getByTestId('finder-status')).toContainText(/^[\d,]+ results$/);
  const total = Number((await page.getByTestId('finder-status').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThanOrEqual(150);
  // The first fifty are shown, the software that can have KBs first, most exposed first; the rest on demand.
  await expect(options(page)).toHaveCount(50);
  const exposed = await options(page)
    .filter({ hasNot: page.getByTestId('no-kbs') })
    .getByTestId('software-exposed')
    .evaluateAll((cells) => cells.map((cell) => Number(cell.textContent!.replace(/\D/g, ''))));
  expect(exposed).toEqual([...exposed].sort((a, b) => b - a));
  // Show more adds rows after the fifty, which stay the very elements they were.
  type Seen = Element & { seenAt?: number };
  await options(page).evaluateAll((rows) => rows.forEach((row, i) => Object.assign(row, { seenAt: i })));
  await page.getByTestId('show-more-software').click();
  await expect(options(page)).toHaveCount(100);
  const seen = await options(page).evaluateAll((rows) => rows.map((row) => (row as Seen).seenAt ?? null));
  expect(seen).toEqual([...Array(50).keys(), ...Array(50).fill(null)]);

  // A software that stays in the matches keeps its row: only rows new to them are built.
  await page.getByTestId('find-software').fill('windows');
  const windows10 = options(page).filter({ has: page.getByText('Windows 10', { exact: true }) });
  await windows10.evaluate((row) => Object.assign(row, { seenAt: -1 }));
  for (const query of ['windows 10', '10 WINDOWS', 'microsoft-_-windows_10']) {
    await page.getByTestId('find-software').fill(query);
    await expect(names(page).first()).toHaveText('Windows 10');
    expect(
      await options(page)
        .first()
        .evaluate((row) => (row as Seen).seenAt),
    ).toBe(-1);
  }
  await page.getByTestId('find-software').fill('no such software at all');
  await expect(page.getByTestId('finder-status')).toHaveText('No software matches “no such software at all”.');
  await expect(options(page)).toHaveCount(0);
});

test("the finder's first screen lists software with KBs first, by default, and the order is in the URL", async ({
  page,
}) => {
  await page.goto('/');
  await expect(options(page)).toHaveCount(50);
  await expect(page.getByTestId('finder-show')).toHaveValue('kbs-first');
  await expect(page.getByTestId('finder-show').locator('option:checked')).toHaveText(
    'Software that can have KBs first',
  );
  // The demo's inventory is mostly not Microsoft's, as a real one is: the software that can
  // have KBs comes first all the same, and the rest, each with its note, after it.
  const noKbs = await options(page).evaluateAll((rows) =>
    rows.map((row) => !!row.querySelector('[data-testid=no-kbs]')),
  );
  expect(noKbs.slice(0, 10)).toEqual(Array(10).fill(false));
  expect(noKbs.indexOf(true) === -1 || noKbs.slice(noKbs.indexOf(true)).every(Boolean)).toBe(true);

  // "All software": one ranking, whoever the vendor; kept in the URL, and after a reload.
  await page.getByTestId('finder-show').selectOption('all');
  await page.getByTestId('finder-sort').selectOption('name');
  await expect(page).toHaveURL(/[?&]finderShow=all(&|$)/);
  await expect(page).toHaveURL(/[?&]finderSort=name(&|$)/);
  const mixed = () =>
    options(page).evaluateAll((rows) => rows.map((row) => !!row.querySelector('[data-testid=no-kbs]')));
  await expect
    .poll(async () => {
      const rows = await mixed();
      return rows.indexOf(true) < rows.lastIndexOf(false);
    })
    .toBe(true);
  const firstByName = await names(page).first().textContent();
  await page.reload();
  await expect(page.getByTestId('finder-show')).toHaveValue('all');
  await expect(page.getByTestId('finder-sort')).toHaveValue('name');
  await expect(names(page).first()).toHaveText(firstByName!);
  // Back to the default: the URL holds no order again.
  await page.getByTestId('finder-show').selectOption('kbs-first');
  await page.getByTestId('finder-sort').selectOption('exposure');
  await expect(page).not.toHaveURL(/finder/);
  await expect(options(page).first().getByTestId('no-kbs')).toHaveCount(0);
});

test('non-Microsoft software says it has no KBs, and badges show exploits and alerts', async ({ page }) => {
  await page.goto('/');
  // By name, Chrome comes before Chrome Remote Desktop.
  await page.getByTestId('finder-sort').selectOption('name');
  await page.getByTestId('find-software').fill('chrome');
  const chrome = options(page).filter({ has: page.getByText('Chrome', { exact: true }) });
  await expect(chrome).toHaveCount(1);
  await expect(chrome.getByTestId('no-kbs')).toContainText('Microsoft products only');
  await page.getByTestId('find-software').fill('windows 10');
  const windows = options(page).first();
  await expect(windows.getByTestId('no-kbs')).toHaveCount(0);
  await expect(windows.getByTestId('public-exploit')).toBeVisible();
});

test('choosing a software shows its KBs and puts it in the URL; Back returns to the finder as it was', async ({
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 500 });
  await page.goto('/');
  await page.getByTestId('finder-sort').selectOption('weaknesses');
  await page.getByTestId('find-software').fill('microsoft');
  // One far enough down the list that the page had to scroll to it.
  const chosen = options(page).nth(30);
  const id = await chosen.getAttribute('data-software-id');
  await chosen.getByRole('button').scrollIntoViewIfNeeded();
  const scrolledTo = await page.evaluate(() => window.scrollY);
  expect(scrolledTo).toBeGreaterThan(0);
  await chosen.getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`[?&]softwareId=${id!.replace(/[.+]/g, '\\$&')}$`));
  await expect(page.getByTestId('summary').or(page.getByTestId('empty')).or(page.getByTestId('error'))).toBeVisible();
  await expect(finder(page)).toHaveCount(0);

  await page.goBack();
  await expect(finder(page)).toBeVisible();
  await expect(page.getByTestId('find-software')).toHaveValue('microsoft');
  await expect(page.getByTestId('finder-sort')).toHaveValue('weaknesses');
  // Scrolled back to where the user chose, so the list is as they left it.
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolledTo);

  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`softwareId=`));
  await expect(finder(page)).toHaveCount(0);
  // The widget's own way back keeps the search too; Windows 10's list has cards.
  await page.getByTestId('all-software').click();
  await expect(page.getByTestId('find-software')).toHaveValue('microsoft');
  await page.getByTestId('find-software').fill('windows 10');
  await options(page)
    .filter({ has: page.getByText('Windows 10', { exact: true }) })
    .getByRole('button')
    .click();
  await expect(page.getByTestId('kb-card')).not.toHaveCount(0);
});

test('the finder is reached by keyboard alone: type, Tab to a software, Enter', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('find-software').focus();
  await page.keyboard.type('office');
  await expect(names(page).first()).toHaveText('Office');
  await page.keyboard.press('Tab'); // the sort
  await page.keyboard.press('Tab'); // what comes first
  await page.keyboard.press('Tab'); // the first software
  await expect(options(page).first().getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/softwareId=microsoft-_-office/);
  await expect(page.getByTestId('kb-card')).not.toHaveCount(0);
});

test('an embedded widget has no finder unless asked; with finder it fires missingkbs:softwarechosen', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['plain', 'finder']);
  await page.evaluate(() =>
    document.addEventListener('missingkbs:softwarechosen', (event) =>
      window.widgetEvents.push({
        type: event.type,
        target: (event.target as HTMLElement).id,
        detail: (event as CustomEvent).detail,
      }),
    ),
  );
  await host.mount('plain', { token: 'mock-development-token', apiBase: '' });
  await host.mount('finder', { token: 'mock-development-token', apiBase: '', finder: true });
  await expect(host.container('plain').getByTestId('idle')).toBeVisible();
  await expect(host.container('plain').getByTestId('finder')).toHaveCount(0);
  const embedded = host.container('finder');
  await embedded.getByTestId('find-software').fill('edge');
  // Edge itself, not the more widespread Edge WebView2 Runtime.
  await embedded.locator('[data-software-id="microsoft-_-edge"]').getByRole('button').click();
  await expect(embedded.getByTestId('kb-card')).toHaveCount(5);
  const chosen = (await host.events()).filter((event) => event.type === 'missingkbs:softwarechosen');
  expect(chosen).toEqual([
    { type: 'missingkbs:softwarechosen', target: 'finder', detail: { softwareId: 'microsoft-_-edge' } },
  ]);
  // The host's Back: showFinder.
  await host.call('finder', 'showFinder');
  await expect(embedded.getByTestId('find-software')).toHaveValue('edge');
});

test('a failed inventory says why, offers Retry, and the software ID field still works', async ({ page }) => {
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { token: 'inventory-forbidden', apiBase: '', finder: true });
  const widget = host.container('a');
  await expect(widget.getByTestId('finder-status')).toContainText('The software list could not be loaded.');
  await expect(widget.getByTestId('finder-status')).toContainText('Software.Read (HTTP 403)');
  await expect(widget.getByTestId('retry-inventory')).toBeVisible();
  // No missingkbs:error: the host's events are about the list.
  expect((await host.events()).filter((event) => event.type === 'missingkbs:error')).toEqual([]);
  await widget.getByTestId('software-id').fill('microsoft-_-edge');
  await widget.getByTestId('show').click();
  await expect(widget.getByTestId('kb-card')).toHaveCount(5);
});

test('a malformed inventory is a specific message, never a crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const host = new EmbedHost(page);
  await host.open(['a']);
  await host.mount('a', { token: 'inventory-malformed', apiBase: '', finder: true });
  await expect(host.container('a').getByTestId('finder-status')).toContainText('not the expected software list');
  expect(errors).toEqual([]);
});

test('the portal example shows something in the demo: portal.html?demo runs against the mock without a sign-in', async ({
  page,
}) => {
  await page.goto('/examples/portal.html?demo');
  await expect(page.getByTestId('portal-user')).toContainText('Demo');
  await expect(page.getByTestId('widget-windows-10').getByTestId('kb-card')).not.toHaveCount(0);
  await expect(page.getByTestId('widget-edge').getByTestId('kb-card')).toHaveCount(5);
  const any = page.getByTestId('widget-any');
  await any.getByTestId('find-software').fill('office');
  await any.getByTestId('software-option').first().getByRole('button').click();
  await expect(any.getByTestId('kb-card')).not.toHaveCount(0);
});

test("the finder's code is not in the first download: fetched when the finder is first shown, and Retry after a failed fetch", async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/${built('pkg/split_finder.wasm')}`)) fetched.push(new URL(request.url()).pathname);
  });
  // The part fails once, as on a dropped connection.
  let failures = 1;
  await page.route(`**/${built('pkg/split_finder.wasm')}`, (route) =>
    failures-- > 0 ? route.abort() : route.continue(),
  );
  const host = new EmbedHost(page);
  await host.open(['plain', 'finder']);
  await host.mount('plain', { token: 'mock-development-token', apiBase: '', softwareId: 'microsoft-_-edge' });
  await expect(host.container('plain').getByTestId('kb-card')).toHaveCount(5);
  expect(fetched).toEqual([]);

  await host.mount('finder', { token: 'mock-development-token', apiBase: '', finder: true });
  const embedded = host.container('finder');
  await expect(embedded.getByTestId('part-failed')).toContainText('could not be downloaded');
  // The widget is alive: the ID field works without the finder.
  await expect(embedded.getByTestId('software-id')).toBeEditable();
  await embedded.getByTestId('retry-part').click();
  await expect(embedded.getByTestId('software-option')).toHaveCount(50);
  await expect(embedded.getByTestId('part-failed')).toHaveCount(0);
  expect(fetched).toEqual([`/${built('pkg/split_finder.wasm')}`, `/${built('pkg/split_finder.wasm')}`]);
});

test("the standalone page asks for the finder's code with its config.json, not once signed in; never for a software's list", async ({
  page,
}) => {
  const finderPart = `/${built('pkg/split_finder.wasm')}`;
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  // config.json held: the page cannot mount a widget (nor sign in) until it is let go.
  const letConfigGo = await holdRequests(page, '**/config.json');
  const finderAskedFor = page.waitForRequest((request) => request.url().endsWith(finderPart));
  await page.goto('/');
  await finderAskedFor;
  await expect(finder(page)).toHaveCount(0);
  letConfigGo();
  await expect(options(page)).toHaveCount(50);
  expect(fetched.filter((file) => file === finderPart)).toHaveLength(1);

  // A list first: the finder's code is left for when the finder is shown.
  const list = await page.context().newPage();
  const listFetched: string[] = [];
  list.on('request', (request) => listFetched.push(new URL(request.url()).pathname));
  await list.goto('/?softwareId=microsoft-_-edge');
  await expect(list.getByTestId('kb-card')).toHaveCount(5);
  await expect(list.getByTestId('list-tools').getByTestId('refresh')).toBeVisible();
  expect(listFetched).not.toContain(finderPart);
});

test('choosing in a widget low in a portal page brings the widget into view, not the page top', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  const host = new EmbedHost(page);
  // A portal's own content above the widget (no CSP here, for the inline style).
  await host.open(['portal', 'a'], [], {
    csp: false,
    head: '<style>[data-testid=host-portal] { height: 1500px }</style>',
  });
  await host.mount('a', { token: 'mock-development-token', apiBase: '', finder: true });
  const widget = host.container('a');
  const chosen = widget.getByTestId('software-option').nth(20);
  await chosen.getByRole('button').scrollIntoViewIfNeeded();
  const widgetTop = await widget.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(widgetTop);
  await chosen.getByRole('button').click();
  await expect(widget.getByTestId('all-software')).toBeVisible();
  // The widget's top is in view: the page was not scrolled to its own top, above the portal's content.
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY).toBeGreaterThan(1000);
  expect(scrollY).toBeLessThanOrEqual(Math.ceil(widgetTop));
  await expect(widget.getByTestId('all-software')).toBeInViewport();
});

test('the software ID field is a WAI-ARIA combobox: type, Down, Up, Home, End, Escape, Enter, by keyboard alone', async ({
  page,
}) => {
  const host = new EmbedHost(page);
  await host.open(['plain', 'finder']);
  await host.mount('plain', { token: 'mock-development-token', apiBase: '' });
  await host.mount('finder', { token: 'mock-development-token', apiBase: '', finder: true });
  // A widget without the finder keeps a plain text field.
  await expect(host.container('plain').getByTestId('software-id')).not.toHaveAttribute('role', 'combobox');

  const widget = host.container('finder');
  const field = widget.getByTestId('software-id');
  await expect(field).toHaveAttribute('role', 'combobox');
  await expect(field).toHaveAttribute('aria-expanded', 'false');
  const listbox = widget.getByRole('listbox');
  await field.focus();
  await page.keyboard.type('windows');
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await expect(field).toHaveAttribute('aria-controls', (await listbox.getAttribute('id'))!);
  const suggestions = listbox.getByRole('option');
  await expect(suggestions).toHaveCount(8);
  await expect(field).not.toHaveAttribute('aria-activedescendant');

  const active = async () => page.locator(`#${await field.getAttribute('aria-activedescendant')}`);
  const suggestion = async (index: number) => (await suggestions.nth(index).textContent()) ?? '';
  await page.keyboard.press('ArrowDown');
  await expect(await active()).toHaveAttribute('aria-selected', 'true');
  await expect(await active()).toHaveText(await suggestion(0));
  await page.keyboard.press('ArrowDown');
  await expect(await active()).toHaveText(await suggestion(1));
  await page.keyboard.press('ArrowUp');
  await expect(await active()).toHaveText(await suggestion(0));
  await page.keyboard.press('End');
  await expect(await active()).toHaveText(await suggestion(7));
  await page.keyboard.press('Home');
  await expect(await active()).toHaveText(await suggestion(0));
  await page.keyboard.press('Escape');
  await expect(field).toHaveAttribute('aria-expanded', 'false');
  await expect(listbox).toBeHidden();
  // The focus never left the field.
  await expect(field).toBeFocused();

  // Words in any order: "10 windows" suggests Windows 10; Enter chooses the active one.
  await field.fill('');
  await page.keyboard.type('10 windows');
  await expect(suggestions.first()).toContainText('Windows 10');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(widget.getByTestId('kb-card')).toHaveCount(8);
  await expect(field).toHaveValue('microsoft-_-windows_10');
  await expect(field).toHaveAttribute('aria-expanded', 'false');

  // An ID typed or pasted in full, with no suggestion active, is submitted as it is, and the
  // suggestions close.
  await field.fill('microsoft-_-edge');
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Enter');
  await expect(widget.getByTestId('kb-card')).toHaveCount(5);
  await expect(field).toHaveAttribute('aria-expanded', 'false');
});

test('a widget unmounted while its finder’s code is on the way stops cleanly', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The finder's part is held until the widget is gone.
  const release = await holdRequests(page, `**/${built('pkg/split_finder.wasm')}`);
  const host = new EmbedHost(page);
  await host.open(['a', 'b']);
  await host.mount('b', { token: 'mock-development-token', apiBase: '', softwareId: 'microsoft-_-edge' });
  await expect(host.container('b').getByTestId('kb-card')).toHaveCount(5);
  const requested = page.waitForRequest(`**/${built('pkg/split_finder.wasm')}`);
  await host.mount('a', { token: 'mock-development-token', apiBase: '', finder: true });
  await requested;
  await host.call('a', 'unmount');
  release();
  await page.waitForResponse(`**/${built('pkg/split_finder.wasm')}`);
  // The part arrived for a widget that is gone: nothing traps, and the other widget works on.
  await page.waitForTimeout(300);
  await expect(page.getByTestId('widget-stopped')).toHaveCount(0);
  await host.call('b', 'setSoftwareId', 'microsoft-_-windows_10');
  await expect(host.container('b').getByTestId('kb-card')).toHaveCount(8);
  expect(errors).toEqual([]);
});
