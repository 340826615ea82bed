import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TestCa, TlsUpstream, type ServerCertificate, type UpstreamAnswer } from './tls-upstream';
import { CONTENT_HASH, built, contentNamed } from './built-files';
import { freePort, startNginx, swapUpstream } from '../../scripts/local-nginx.mjs';

// Runs deploy/nginx/missing-kbs.conf, as DEPLOYING.md tells an admin to use it, in a
// real nginx serving dist/; only the Defender upstream is swapped for the mock API.
const repoRoot = path.resolve(__dirname, '../..');
const dist = path.join(repoRoot, 'dist');
const mockPort = Number(process.env.E2E_PORT ?? 8790);
const nginxPort = mockPort + 1;
const shipped = fs.readFileSync(path.join(repoRoot, 'deploy/nginx/missing-kbs.conf'), 'utf8');
const stops: (() => unknown)[] = [];
let workDir = '';

test.describe.configure({ mode: 'serial' });

/**
 * Starts nginx on a port with one server that serves `root` and includes `site` (the shipped file
 * as the test changed it), with `http` beside that server; returns its URL.
 */
async function startSite(options: { port: number; root: string; site: string; http?: string; accessLog?: string }) {
  const nginx = await startNginx({ dir: fs.mkdtempSync(path.join(workDir, 'nginx-')), ...options });
  stops.push(nginx.stop);
  return nginx.url;
}

/** The shipped file, with the mock API in the Defender upstream's place. */
const toMock = swapUpstream(shipped, `127.0.0.1:${mockPort}`);

test.beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'missing-kbs-deploy-'));
  await startSite({ port: nginxPort, root: dist, site: toMock });
});

test.afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

test('dist/ served by the documented nginx config works, proxying the API with the token', async ({ page }) => {
  const site = `http://127.0.0.1:${nginxPort}`;
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.route(`${site}/config.json`, (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"mockApi": true, "apiBase": "/defender"}' }),
  );
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/getmissingkbs')) apiRequests.push(request.url());
  });

  const response = await page.goto(`${site}/?softwareId=microsoft-_-edge`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(response?.headers()['cache-control']).toBe('no-cache');
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  expect(apiRequests).toEqual([`${site}/defender/api/Software/microsoft-_-edge/getmissingkbs`]);
  expect(violations).toEqual([]);

  const wasm = await page.request.get(`${site}/pkg/missing-kbs_bg.wasm`);
  expect(wasm.headers()['content-type']).toBe('application/wasm');
  const config = await page.request.get(`${site}/config.json`);
  expect(config.headers()['cache-control']).toBe('no-store');
  const unauthenticated = await page.request.get(`${site}/defender/api/Software/microsoft-_-edge/getmissingkbs`);
  expect(unauthenticated.status()).toBe(401);
});

test('the browser receives the precompressed brotli copies, and gzip where it asks for no brotli', async ({ page }) => {
  const site = `http://127.0.0.1:${nginxPort}`;
  await page.route(`${site}/config.json`, (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"mockApi": true, "apiBase": "/defender"}' }),
  );
  // What Chromium itself received for the widget's files, as it loaded the page.
  const received = new Map<string, { encoding: string | undefined; type: string | undefined; bytes: number }>();
  const reading: Promise<void>[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (!/\.(wasm|js|css)$/.test(pathname)) return;
    const read = async () => {
      const headers = await response.allHeaders();
      const sizes = await response.request().sizes();
      received.set(pathname, {
        encoding: headers['content-encoding'],
        type: headers['content-type'],
        bytes: sizes.responseBodySize,
      });
    };
    reading.push(read());
  });
  await page.goto(`${site}/?softwareId=microsoft-_-edge`);
  await expect(page.getByTestId('kb-card')).toHaveCount(5);
  // The list's tools are code that loads after the cards: every file is in once they show.
  await expect(page.getByTestId('filter')).toBeVisible();
  await Promise.all(reading);

  const wasm = received.get('/pkg/missing-kbs_bg.wasm');
  expect(wasm?.encoding).toBe('br');
  expect(wasm?.type).toBe('application/wasm');
  // The bytes on the wire are the brotli copy in dist/, sent as it is.
  expect(wasm?.bytes).toBe(fs.statSync(path.join(repoRoot, 'dist/pkg/missing-kbs_bg.wasm.br')).size);
  for (const file of ['/standalone.js', '/missing-kbs.css', `/${built('pkg/split_tools.wasm')}`]) {
    expect(received.get(file)?.encoding, file).toBe('br');
  }

  // A client that accepts only gzip gets the gzip copy; one that accepts neither, the file itself.
  const gzip = await page.request.get(`${site}/missing-kbs.js`, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  const plain = await page.request.get(`${site}/missing-kbs.js`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(await plain.text()).toBe(fs.readFileSync(path.join(repoRoot, 'dist/missing-kbs.js'), 'utf8'));
  // config.json, which an admin edits after deploying, has no compressed copy to go stale.
  expect(fs.existsSync(path.join(repoRoot, 'dist/config.json.br'))).toBe(false);
});

// The second security review's nginx findings. The proxy to the real Defender API runs as
// shipped, in front of an HTTPS server of the test's own on loopback that poses as Defender: an
// upstream block named after the Defender host sends nginx there, while nginx still names that
// host in the TLS handshake and checks the certificate against it. Each test failed before its fix,
// but the control that a server nginx should trust still gets the token.

const defenderHost = 'api.security.microsoft.com';
const systemStore = '/etc/ssl/certs/ca-certificates.crt';
const token = 'a-users-access-token';
const edgeKbs = '/defender/api/Software/microsoft-_-edge/getmissingkbs';
let testCa: TestCa | undefined;

/** The test's own CA, made on first use; only an nginx told to trusts it. */
function ca(): TestCa {
  testCa ??= TestCa.create(fs.mkdtempSync(path.join(workDir, 'ca-')));
  return testCa;
}

/**
 * The shipped file in an nginx whose Defender host is an HTTPS server with `certificate`. It
 * trusts the system store, as shipped, or, for a server it should accept, the test's own CA in
 * the system store's place.
 */
async function proxyTo(
  certificate: ServerCertificate,
  {
    trust,
    root = dist,
    answer,
  }: { trust: 'system store' | 'test CA'; root?: string; answer?: (path: string) => UpstreamAnswer },
) {
  const upstream = await TlsUpstream.start(certificate, answer);
  stops.push(() => upstream.close());
  const site = trust === 'test CA' ? shipped.replaceAll(systemStore, ca().rootFile) : shipped;
  const http = `upstream ${defenderHost} { server 127.0.0.1:${upstream.port}; }`;
  return { site: await startSite({ port: await freePort(), root, site, http }), upstream };
}

/** Opens an empty page of `site`'s origin, as a portal's page that holds the widget. */
async function openPortal(page: Page, site: string) {
  await page.route(`${site}/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Portal</title>' }),
  );
  await page.goto(`${site}/`);
}

/** What a fetch of the page's own origin gets, with the user's token, as the widget fetches. */
function fetchWithToken(page: Page, url: string, method = 'GET') {
  return page.evaluate(
    async ({ url, method, token }) => {
      const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    },
    { url, method, token },
  );
}

for (const { refused, certificate, trust } of [
  {
    // The right name, from a CA that is not the system's: as an intercepting proxy's, or a self-signed one.
    refused: 'whose certificate the system store does not vouch for',
    certificate: () => ca().issue(defenderHost),
    trust: 'system store' as const,
  },
  {
    refused: 'whose certificate names another host, even from a trusted CA',
    certificate: () => ca().issue('attacker.example'),
    trust: 'test CA' as const,
  },
]) {
  test(`the proxy gives the token to no server ${refused}`, async ({ page }) => {
    const { site, upstream } = await proxyTo(certificate(), { trust });
    await openPortal(page, site);
    expect((await fetchWithToken(page, edgeKbs)).status).toBe(502);
    // nginx reached the server and named the Defender host; the certificate stopped it there.
    await expect.poll(() => upstream.handshakes).toEqual([defenderHost]);
    expect(upstream.requests).toEqual([]);
  });
}

test('a trusted certificate for the Defender host, behind an issuing CA, gets the request and its token', async ({
  page,
}) => {
  const list = '{"value":[]}';
  const { site, upstream } = await proxyTo(ca().issue(defenderHost), {
    trust: 'test CA',
    answer: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: list }),
  });
  await openPortal(page, site);
  const answer = await fetchWithToken(page, edgeKbs);
  expect(answer.status).toBe(200);
  expect(answer.body).toBe(list);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(upstream.handshakes).toEqual([defenderHost]);
  expect(upstream.requests).toEqual([
    {
      method: 'GET',
      path: '/api/Software/microsoft-_-edge/getmissingkbs',
      host: defenderHost,
      authorization: `Bearer ${token}`,
    },
  ]);
});

test('the proxy passes only GET, and its answers, errors too, are not pages: nothing in them runs', async ({
  page,
}) => {
  const html = (status: number) => ({
    status,
    headers: { 'content-type': 'text/html' },
    body: `<!doctype html><script>console.log('upstream script ran')</script>`,
  });
  const { site, upstream } = await proxyTo(ca().issue(defenderHost), {
    trust: 'test CA',
    answer: (path) => html(path.endsWith('/failed') ? 500 : 200),
  });
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));

  const forbidAll = "default-src 'none'; frame-ancestors 'none'; sandbox";
  await openPortal(page, site);
  // The widget only reads, on the same origin: no method that writes, and no preflight, goes on.
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
    const refused = await fetchWithToken(page, edgeKbs, method);
    expect(refused.status, method).toBe(403);
    expect(refused.headers['content-security-policy'], method).toBe(forbidAll);
  }
  const failed = await fetchWithToken(page, '/defender/api/failed');
  expect(failed.status).toBe(500);
  expect(failed.headers['content-security-policy']).toBe(forbidAll);
  expect(failed.headers['x-content-type-options']).toBe('nosniff');

  // A link to the proxy, opened as a page: the upstream's HTML runs nothing on the portal's origin.
  const opened = await page.goto(`${site}/defender/api/page.html`);
  expect(opened?.headers()['content-security-policy']).toBe(forbidAll);
  expect(opened?.headers()['x-content-type-options']).toBe('nosniff');
  expect(opened?.headers()['cache-control']).toBe('no-store');
  expect(logged).not.toContain('upstream script ran');
  expect(upstream.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
    'GET /api/failed',
    'GET /api/page.html',
  ]);
});

test('config.json and redirect.html are no-store in whatever folder the widget is mounted', async ({ page }) => {
  // A site whose root holds the widget under /widgets/, as a portal mounts it in a folder of its own.
  const root = fs.mkdtempSync(path.join(workDir, 'portal-'));
  fs.symlinkSync(dist, path.join(root, 'widgets'));
  const { site, upstream } = await proxyTo(ca().issue(defenderHost), { trust: 'test CA', root });
  const cacheControl = async (url: string) => {
    const response = await page.request.get(`${site}${url}`);
    expect(response.status(), url).toBe(200);
    return response.headers()['cache-control'];
  };
  expect(await cacheControl('/widgets/config.json')).toBe('no-store');
  expect(await cacheControl('/widgets/redirect.html')).toBe('no-store');
  expect(await cacheControl('/widgets/missing-kbs.js')).toBe('no-cache');
  expect(await cacheControl('/widgets/pkg/missing-kbs_bg.wasm')).toBe('no-cache');
  // A path of the API stays the API's, even one that ends as a page file does.
  expect(await cacheControl('/defender/api/config.json')).toBe('no-store');
  expect(upstream.requests.map(({ path }) => path)).toEqual(['/api/config.json']);
});

/**
 * Release B of `a` (a copy of dist/) in `b`: A with the French title, the details' part and the
 * main wasm changed, each written as a build that changed them writes it: a catalogue and a
 * part under a new content name (scripts/content-names.mjs), which the two bundles name (the
 * part with its new digest), the main wasm under its own name. Compressed copies of what
 * changed are dropped (nginx then sends the file itself). Returns the files of A that B no
 * longer has.
 */
function releaseB(a: string, b: string) {
  // With their times, as a deployment that copies only what changed (rsync -t) keeps them: nginx's
  // validators of a file B did not change are then A's, whatever second the copy ran in.
  fs.cpSync(a, b, { recursive: true, preserveTimestamps: true });
  const bundles = ['missing-kbs.js', 'standalone.js'];
  const edits: [string, string][] = [];
  const drop = (file: string) => {
    for (const copy of [file, `${file}.br`, `${file}.gz`]) fs.rmSync(path.join(b, copy), { force: true });
  };
  const added: string[] = [];
  const renamed = (file: string, bytes: Uint8Array) => {
    const hash = crypto.createHash('sha256').update(bytes).digest();
    const name = file.replace(new RegExp(`\\.${CONTENT_HASH}\\.`), `.${hash.toString('hex').slice(0, 8)}.`);
    drop(file);
    fs.writeFileSync(path.join(b, name), bytes);
    edits.push([path.posix.basename(file), path.posix.basename(name)]);
    added.push(`/${name}`);
    return `sha256-${hash.toString('base64')}`;
  };
  const bytesOf = (file: string) => new Uint8Array(fs.readFileSync(path.join(a, file)));
  // A custom section more: valid wasm, other bytes.
  const withSection = (file: string) => new Uint8Array([...bytesOf(file), 0, 3, 1, 0x62, 0x42]);

  const french = built('i18n/fr.js');
  const title = 'Mises à jour de sécurité manquantes';
  renamed(
    french,
    new TextEncoder().encode(fs.readFileSync(path.join(a, french), 'utf8').replace(title, `${title} (B)`)),
  );
  const details = built('pkg/split_details.wasm');
  const oldDigest = `sha256-${crypto.createHash('sha256').update(bytesOf(details)).digest('base64')}`;
  edits.push([oldDigest, renamed(details, withSection(details))]);
  const main = 'pkg/missing-kbs_bg.wasm';
  const mainB = withSection(main);
  drop(main);
  fs.writeFileSync(path.join(b, main), mainB);
  for (const bundle of bundles) {
    let source = fs.readFileSync(path.join(a, bundle), 'utf8');
    for (const [from, to] of edits) {
      if (!source.includes(from)) throw new Error(`${bundle} does not name ${from}`);
      source = source.replaceAll(from, to);
    }
    drop(bundle);
    fs.writeFileSync(path.join(b, bundle), source);
  }
  return { gone: [`/${french}`, `/${details}`], added, mainWasmBytes: mainB.length };
}

test('a new release is used on the next visit, whole: the module and the main wasm revalidated, the parts and catalogues kept for good until the module names others', async ({
  browser,
}) => {
  const releases = fs.mkdtempSync(path.join(workDir, 'releases-'));
  const [a, b, live] = ['a', 'b', 'live'].map((name) => path.join(releases, name));
  fs.cpSync(dist, a, { recursive: true, preserveTimestamps: true });
  // In the release's files, not by page.route: Playwright turns the HTTP cache off for a page that routes.
  fs.writeFileSync(path.join(a, 'config.json'), '{"mockApi": true, "apiBase": "/defender"}');
  const { gone, added, mainWasmBytes } = releaseB(a, b);
  /** Points the site at a release at once, as a deployment that swaps a folder's link does. */
  const deploy = (release: string) => {
    fs.symlinkSync(release, `${live}.next`);
    fs.renameSync(`${live}.next`, live);
  };
  deploy(a);
  const accessLog = path.join(releases, 'access.log');
  const site = await startSite({ port: await freePort(), root: live, site: toMock, accessLog });
  /** What nginx served since the last call: [path, status], of the lines it has written whole. */
  let read = 0;
  const served = () => {
    const written = fs.readFileSync(accessLog, 'utf8').slice(read);
    const whole = written.slice(0, written.lastIndexOf('\n') + 1);
    read += whole.length;
    return whole
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [, file = line, status] = /"GET ([^ ?]+)\S* HTTP\/[\d.]+" (\d+)/.exec(line) ?? [];
        return [file, Number(status)] as const;
      });
  };

  // One browser profile, its HTTP cache kept from visit to visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  const visit = async () => {
    await page.goto(`${site}/?softwareId=microsoft-_-windows_10&lang=fr`);
    const card = page.getByTestId('kb-card').filter({ hasText: 'KB5049981' });
    await card.getByTestId('details-toggle').click();
    await expect(card.getByTestId('cve')).toHaveCount(97);
  };
  /**
   * What nginx served for the visit just made. The page leaves for about:blank, so that it asks
   * for nothing more, then a marker is asked for: nginx writes its line after those of the
   * requests the page made before it, which are then all in.
   */
  let marks = 0;
  const visitServed = async () => {
    await page.goto('about:blank');
    const mark = `/__mark-${++marks}`;
    await page.request.get(`${site}${mark}`);
    const lines: (readonly [string, number])[] = [];
    await expect
      .poll(() => {
        lines.push(...served());
        return lines.some(([file]) => file === mark);
      })
      .toBe(true);
    return lines.filter(([file]) => file !== mark);
  };

  await visit();
  await expect(page.locator('#page-title')).toHaveText('Mises à jour de sécurité manquantes');
  const first = await visitServed();
  expect(first.filter(([file]) => gone.includes(file)).map(([, status]) => status)).toEqual([200, 200]);
  const part = await page.request.get(`${site}${gone[1]}`);
  expect(part.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // nginx writes a request's line after answering it: wait for this one, lest the repeat visit count it.
  await expect.poll(() => served().some(([file]) => file === gone[1])).toBe(true);

  // The repeat visit asks again only for what has a stable name (the page, its scripts and
  // stylesheets, the main wasm), each answered 304, besides config.json, which is no-store.
  await visit();
  const repeat = (await visitServed()).filter(([file]) => !file.startsWith('/defender/') && file !== '/config.json');
  expect(repeat.filter(([file]) => contentNamed(file))).toEqual([]);
  expect(repeat.filter(([, status]) => status !== 304)).toEqual([]);
  expect(repeat.map(([file]) => file)).toEqual(
    expect.arrayContaining(['/standalone.js', '/missing-kbs.css', '/pkg/missing-kbs_bg.wasm']),
  );

  // Release B: the next visit runs B's module, B's main wasm, B's catalogue and B's part, and
  // asks for nothing of A.
  deploy(b);
  const wasmResponses: number[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('/pkg/missing-kbs_bg.wasm')) wasmResponses.push((await response.body()).length);
  });
  await visit();
  await expect(page.locator('#page-title')).toHaveText('Mises à jour de sécurité manquantes (B)');
  await expect.poll(() => wasmResponses.length).toBe(1);
  const afterB = await visitServed();
  expect(afterB.filter(([file]) => gone.includes(file))).toEqual([]);
  // B's catalogue and part, new names both; every other part and catalogue is as it was, kept.
  expect(afterB.filter(([file]) => contentNamed(file))).toEqual(
    expect.arrayContaining(added.map((file) => [file, 200])),
  );
  expect(afterB.filter(([file]) => contentNamed(file))).toHaveLength(added.length);
  expect(afterB).toEqual(
    expect.arrayContaining([
      ['/missing-kbs.css', 304],
      ['/standalone.js', 200],
    ]),
  );
  expect(wasmResponses).toEqual([mainWasmBytes]);
  await context.close();
});
