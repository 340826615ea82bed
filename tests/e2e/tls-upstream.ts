import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';

/** A server certificate: its key, and the certificate followed by the CA that issued it. */
export type ServerCertificate = { key: string; chain: string };

/**
 * A certificate authority of the test's own, made with openssl in `dir`: a root, which
 * `rootFile` holds for a client to trust, and an issuing CA under it, as public CAs issue
 * server certificates. Nothing outside the test trusts it.
 */
export class TestCa {
  readonly rootFile: string;

  private constructor(private readonly dir: string) {
    this.rootFile = path.join(dir, 'root.pem');
  }

  static create(dir: string): TestCa {
    const ca = new TestCa(dir);
    const authority = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign'];
    ca.request('root', 'missing-kbs test root CA');
    ca.sign('root', 'root', authority);
    ca.request('issuing', 'missing-kbs test issuing CA');
    ca.sign(
      'issuing',
      'root',
      authority.map((line) => line.replace('CA:TRUE', 'CA:TRUE, pathlen:0')),
    );
    return ca;
  }

  /** A certificate for the host `name`, issued by this CA's issuing CA. */
  issue(name: string): ServerCertificate {
    const file = `server-${name}`;
    this.request(file, name);
    this.sign(file, 'issuing', [
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = DNS:${name}`,
    ]);
    const read = (suffix: string) => fs.readFileSync(path.join(this.dir, `${file}${suffix}`), 'utf8');
    return {
      key: read('.key'),
      chain: read('.pem') + fs.readFileSync(path.join(this.dir, 'issuing.pem'), 'utf8'),
    };
  }

  /** A new P-256 key, and a request to certify it under `commonName`. */
  private request(file: string, commonName: string) {
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${file}.key`];
    this.openssl('req', '-new', ...key, '-out', `${file}.csr`, '-subj', `/CN=${commonName}`);
  }

  private sign(file: string, issuer: string, extensions: string[]) {
    fs.writeFileSync(path.join(this.dir, `${file}.ext`), extensions.join('\n') + '\n');
    // A root signs itself with its own key; the others are signed by their issuer.
    const signer =
      file === issuer
        ? ['-key', `${issuer}.key`]
        : ['-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAserial', 'serial', '-CAcreateserial'];
    const certificate = ['-days', '2', '-extfile', `${file}.ext`, '-out', `${file}.pem`];
    this.openssl('x509', '-req', '-in', `${file}.csr`, ...signer, ...certificate);
  }

  private openssl(...args: string[]) {
    execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

/** A request as it reached the upstream, after TLS. */
export type UpstreamRequest = {
  method: string;
  path: string;
  host: string | undefined;
  authorization: string | undefined;
};

/** What the upstream answers to a request. */
export type UpstreamAnswer = { status: number; headers?: Record<string, string>; body?: string };

/**
 * An HTTPS server on loopback that poses as the Defender API for an nginx in front of it, with
 * the certificate it is given, and records what reaches it: the host name each client named in
 * its TLS handshake (SNI), and each request that came through one, with its token.
 */
export class TlsUpstream {
  /** The SNI of every TLS handshake that completed ('' for none). */
  readonly handshakes: string[] = [];
  readonly requests: UpstreamRequest[] = [];

  private constructor(
    private readonly server: https.Server,
    readonly port: number,
  ) {}

  static async start(
    certificate: ServerCertificate,
    answer: (path: string) => UpstreamAnswer = () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"value":[]}',
    }),
  ): Promise<TlsUpstream> {
    let upstream: TlsUpstream | undefined;
    const server = https.createServer({ key: certificate.key, cert: certificate.chain }, (request, response) => {
      upstream?.requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        host: request.headers.host,
        authorization: request.headers.authorization,
      });
      const { status, headers = {}, body = '' } = answer(request.url ?? '');
      response.writeHead(status, headers).end(body);
    });
    // Node sets `servername` on the server's sockets, though its types do not say so.
    server.on('secureConnection', (socket: TLSSocket & { servername?: string | false }) =>
      upstream?.handshakes.push(socket.servername || ''),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    upstream = new TlsUpstream(server, (server.address() as AddressInfo).port);
    return upstream;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
