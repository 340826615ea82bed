import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as it reached the recording origin. */
export type RecordedRequest = { method: string; path: string; authorization: string | undefined };

/** What the origin answers to a request other than a CORS preflight. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string };

/** The name of the KB a recording origin answers with, so a test can tell its answer apart. */
export const FOREIGN_KB_NAME = 'An answer from another origin';

const FOREIGN_LIST: Answer = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ value: [{ id: '5000001', name: FOREIGN_KB_NAME, machineMissedOn: 1, cveAddressed: 1 }] }),
};

/**
 * A second origin on loopback that records every request that reaches it (the
 * token included, as an attacker's server would) and lets any page read its
 * answers (CORS allows every origin and the Authorization header). By default it
 * answers every GET with a one-KB list.
 */
export class RecordingOrigin {
  readonly requests: RecordedRequest[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(answer: (path: string) => Answer = () => FOREIGN_LIST): Promise<RecordingOrigin> {
    let origin: RecordingOrigin | undefined;
    const server = http.createServer((request, response) => {
      origin?.requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
      });
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, accept',
        'access-control-expose-headers': 'retry-after',
      };
      if (request.method === 'OPTIONS') {
        response.writeHead(204, cors).end();
        return;
      }
      const { status, headers = {}, body = '' } = answer(request.url ?? '');
      response.writeHead(status, { ...cors, ...headers }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    origin = new RecordingOrigin(server, `http://127.0.0.1:${port}`);
    return origin;
  }

  /** The requests that carried a token. */
  get withToken(): RecordedRequest[] {
    return this.requests.filter((request) => request.authorization !== undefined);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
