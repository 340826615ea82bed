// A real nginx on loopback running the shipped deploy/nginx/missing-kbs.conf, for the deployment
// tests (tests/e2e/deploy.spec.ts) and the benchmark's network section (bench/network.mjs): one
// server that serves a folder and includes the shipped file, its Defender upstream swapped for
// a server of the caller's. Debian's nginx, with the modules its packages enable (brotli_static).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Where the shipped file sends the API, and the Host it names there. */
const DEFENDER_API = 'https://api.security.microsoft.com/api/';
const DEFENDER_HOST = 'Host api.security.microsoft.com';

/**
 * The shipped file with the Defender upstream swapped for `hostPort` over plain HTTP (the mock
 * API); everything else is left as shipped. Throws if the file no longer names what is swapped.
 *
 * @param {string} shipped the text of deploy/nginx/missing-kbs.conf
 * @param {string} hostPort
 */
export function swapUpstream(shipped, hostPort) {
  const swaps = [
    [DEFENDER_API, `http://${hostPort}/api/`],
    [DEFENDER_HOST, `Host ${hostPort}`],
  ];
  let site = shipped;
  for (const [from, to] of swaps) {
    if (!site.includes(from)) throw new Error(`the nginx configuration no longer holds "${from}" to swap for the mock`);
    site = site.replace(from, to);
  }
  return site;
}

/**
 * A port free on 127.0.0.1 when asked.
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * A certificate for 127.0.0.1 signed by its own key, written into `dir` by the openssl command,
 * with the hash of its public key (`spki`), by which a browser can be told to trust it.
 *
 * @param {string} dir
 * @returns {{ certificate: string, key: string, spki: string }}
 */
export function selfSignedCertificate(dir) {
  const certificate = path.join(dir, 'localhost.pem');
  const key = path.join(dir, 'localhost.key');
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    certificate,
  ]);
  // What Chromium's --ignore-certificate-errors-spki-list takes: the SHA-256 of the public key,
  // base64. A browser told so trusts the certificate, and caches what it serves.
  const publicKey = new X509Certificate(readFileSync(certificate, 'utf8')).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  const spki = createHash('sha256').update(new Uint8Array(publicKey)).digest('base64');
  return { certificate, key, spki };
}

/**
 * Starts nginx on 127.0.0.1:`port` with one server that serves `root` and includes `site`, with
 * `http` beside that server; its files (the configuration, the pid, error.log) are in `dir`.
 * With `tls`, the server speaks HTTPS with that certificate, and HTTP/2 when `tls.http2`.
 * Resolves once it listens.
 *
 * @param {{ dir: string, port: number, root: string, site: string, http?: string, accessLog?: string,
 *   tls?: { certificate: string, key: string, http2: boolean } }} options
 * @returns {Promise<{ url: string, version: string, stop: () => Promise<void> }>}
 */
export async function startNginx({ dir, port, root, site, http = '', accessLog = 'off', tls }) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate)) ?? 'nginx';
  writeFileSync(path.join(dir, 'site.conf'), site);
  // Run as root, nginx's workers would drop to an unprivileged user that cannot read a private
  // checkout (CI may clone into a 0700 directory); this test server keeps the caller's user.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((name) => `${name}_temp_path ${dir};`)
    .join(' ');
  // nginx 1.22's form (Debian's): `http2` on the listen line.
  const listen = tls
    ? `listen 127.0.0.1:${port} ssl${tls.http2 ? ' http2' : ''}; ssl_certificate ${tls.certificate}; ssl_certificate_key ${tls.key};`
    : `listen 127.0.0.1:${port};`;
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `include /etc/nginx/modules-enabled/*.conf;
     daemon off; ${user} worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
     events {}
     http { include /etc/nginx/mime.types; access_log ${accessLog}; ${temp} ${http}
       server { ${listen} root ${root}; include ${dir}/site.conf; } }`,
  );
  execFileSync(nginx, ['-t', '-q', '-c', conf]);
  // nginx -v prints "nginx version: nginx/1.22.1" on stderr.
  const version = spawnSync(nginx, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '');
  const server = spawn(nginx, ['-c', conf], { stdio: 'ignore' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    server.kill();
    await exited;
  };
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await listening(port)) return { url, version, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`nginx did not start; see ${dir}/error.log`);
}

/**
 * Whether something accepts connections on 127.0.0.1:`port`.
 *
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
