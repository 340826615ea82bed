import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Runs deploy/nginx/missing-kbs.conf, as DEPLOYING.md tells an admin to use it, in a
// real nginx serving dist/; only the Defender upstream is swapped for the mock API.
const repoRoot = path.resolve(__dirname, '../..');
const mockPort = Number(process.env.E2E_PORT ?? 8790);
const nginxPort = mockPort + 1;
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => fs.existsSync(candidate)) ?? 'nginx';
let workDir = '';
let server: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'missing-kbs-nginx-'));
  const site = fs
    .readFileSync(path.join(repoRoot, 'deploy/nginx/missing-kbs.conf'), 'utf8')
    .replace('https://api.security.microsoft.com/api/', `http://127.0.0.1:${mockPort}/api/`)
    .replace('Host api.security.microsoft.com', `Host 127.0.0.1:${mockPort}`);
  fs.writeFileSync(path.join(workDir, 'site.conf'), site);
  // Run as root, nginx's workers would drop to an unprivileged user that cannot read a
  // private checkout (CI may clone into a 0700 directory); this test server keeps the caller's user.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${workDir};`)
    .join(' ');
  fs.writeFileSync(
    path.join(workDir, 'nginx.conf'),
    // The modules Debian's packages enable, as its own nginx.conf includes them (brotli_static).
    `include /etc/nginx/modules-enabled/*.conf;
     daemon off; ${user} worker_processes 1; pid ${workDir}/nginx.pid; error_log ${workDir}/error.log;
     events {}
     http { include /etc/nginx/mime.types; access_log off; ${temp}
       server { listen 127.0.0.1:${nginxPort}; root ${path.join(repoRoot, 'dist')}; include ${workDir}/site.conf; } }`,
  );
  execFileSync(nginx, ['-t', '-q', '-c', path.join(workDir, 'nginx.conf')]);
  server = spawn(nginx, ['-c', path.join(workDir, 'nginx.conf')], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${nginxPort}/index.html`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not start; see ${workDir}/error.log`);
});

test.afterAll(() => {
  server?.kill();
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
  for (const file of ['/standalone.js', '/missing-kbs.css', '/pkg/split_tools.wasm']) {
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
