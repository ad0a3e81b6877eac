// The API and rotating OAuth server the Redis suites' worker processes talk to.
import type http from 'node:http';
import { startServer } from '../helpers/server';
import type { SeenRequest, TestServer } from '../helpers/server';

/**
 * A rotating OAuth server plus the API: `/token` accepts only the current refresh token and
 * replaces it (a reused one is refused, as rotating servers do); the API accepts only the current
 * access token (`<prefix><generation>`, so two apps' tokens differ). 401s are held back until
 * `holdUnauthorized` of them arrived, so every request of a burst was sent with the old token
 * before any refresh can start.
 */
export class Api {
  tokenCalls = 0;
  rejectedRefreshes = 0;
  private generation = 0;
  /** `revoke()` was called and no refresh since: the current access token is refused. */
  private revoked = false;
  private held: http.ServerResponse[] = [];
  holdUnauthorized = 0;
  /** The API (not /token) answers 500 to everything: an outage, for the circuit breaker. */
  failing = false;
  /** How long `/token` takes to answer (it checks the refresh token after this, as a slow server would). */
  tokenDelayMs = 0;
  /** First 429 on /limited: when it was sent; every later /limited request arrival. */
  limitedAt: number | undefined;
  server!: TestServer;

  constructor(private readonly prefix = 'a') {}

  static async start(prefix?: string): Promise<Api> {
    const api = new Api(prefix);
    api.server = await startServer((req, res) => api.handle(req, res));
    return api;
  }

  /** The access token of the current generation. */
  get accessToken(): string {
    return `${this.prefix}${this.generation}`;
  }

  /** The current access token stops working (it expired): the next requests get 401s. */
  revoke(): void {
    this.revoked = true;
  }

  /** Every `Authorization` header the API (not /token) received. */
  authorizations(): string[] {
    return this.server.seen.filter((r) => r.url !== '/token').map((r) => String(r.headers.authorization ?? ''));
  }

  handle(req: SeenRequest, res: http.ServerResponse): void {
    if (req.url === '/token') return void this.token(req, res);
    if (this.failing) return void res.writeHead(500).end();
    if (req.url === '/limited' && this.limitedAt === undefined) {
      this.limitedAt = req.at;
      res.writeHead(429, { 'retry-after': '2' }).end();
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.accessToken}` || this.generation === 0 || this.revoked) {
      this.held.push(res.writeHead(401));
      if (this.held.length >= this.holdUnauthorized) for (const r of this.held.splice(0)) r.end();
      return;
    }
    if (req.url === '/etag') {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      return void res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' }).end('{"cached":"body"}');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  }

  private async token(req: SeenRequest, res: http.ServerResponse): Promise<void> {
    this.tokenCalls++;
    if (this.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
    // JSON ({ refreshToken }) from the suite's workers, an OAuth form (refresh_token=…) from examples/.
    const form = String(req.headers['content-type']).includes('x-www-form-urlencoded');
    const refreshToken = form ? new URLSearchParams(req.body).get('refresh_token') : (JSON.parse(req.body) as { refreshToken: string }).refreshToken;
    if (refreshToken !== `r${this.generation}`) {
      this.rejectedRefreshes++;
      return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
    }
    this.generation++;
    this.revoked = false;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        accessToken: this.accessToken,
        refreshToken: `r${this.generation}`,
        access_token: this.accessToken,
        refresh_token: `r${this.generation}`,
        token_type: 'Bearer',
        expires_in: 3600,
      }));
  }
}
