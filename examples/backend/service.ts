// A Node service calling two upstream APIs, each through its own axios instance with its own
// policy: what a backend typically needs. `npm run example:backend` runs it against local
// upstreams (scripts/examples/backend.ts); __tests__/integration/backend-example.test.ts asserts
// it on both Node adapters.
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachStatusPolicy, isStatusPolicyError } from 'axios-status-policy';
import type { PolicyEvent } from 'axios-status-policy';

export interface ServiceConfig {
  catalogURL: string;
  billingURL: string;
  /** This service's client credentials at billing (OAuth client-credentials grant). */
  billingClient: { id: string; secret: string };
  /** Where policy decisions go (your logger / metrics). */
  onEvent?: (upstream: 'catalog' | 'billing', event: PolicyEvent) => void;
}

export interface Upstreams {
  /** Read-mostly, flaky: retry 5xx and dropped connections generously. */
  catalog: AxiosInstance;
  /**
   * Money: POSTs are never retried on 5xx (no Idempotency-Key), 429 waits at most 5 s. Needs a
   * bearer token, fetched on the first 401 and again whenever billing says it expired.
   */
  billing: AxiosInstance;
}

export function createUpstreams(config: ServiceConfig): Upstreams {
  const catalog = axios.create({ baseURL: config.catalogURL, timeout: 2000 });
  attachStatusPolicy(catalog, {
    retry: { maxRetries: 4, baseDelayMs: 50, maxDelayMs: 1000 },
    rateLimit: { maxRetries: 3, maxRetryAfterMs: 10_000 },
    totalTimeoutMs: 8000,
    onEvent: (e) => config.onEvent?.('catalog', e),
  });
  const billing = axios.create({ baseURL: config.billingURL, timeout: 5000 });
  // The token lives here; the plugin reads it before every request and sets Authorization.
  let billingToken: string | undefined;
  attachStatusPolicy(billing, {
    auth: {
      getAccessToken: () => billingToken,
      // One call for every concurrent 401. `statusPolicy: false`: the token request itself is
      // never held behind this refresh, retried or refreshed.
      refresh: async ({ instance }) => {
        const { data } = await instance.post<{ access_token: string }>(
          '/oauth/token',
          { grant_type: 'client_credentials', client_id: config.billingClient.id, client_secret: config.billingClient.secret },
          { statusPolicy: false },
        );
        billingToken = data.access_token;
        return billingToken;
      },
    },
    retry: { maxRetries: 1, baseDelayMs: 100, methods: ['GET'] },
    rateLimit: { maxRetries: 1, maxRetryAfterMs: 5000 },
    onEvent: (e) => config.onEvent?.('billing', e),
  });
  return { catalog, billing };
}

/** GET /checkout/:sku → price from the catalog, then a charge at billing. */
export async function startService(config: ServiceConfig): Promise<{ url: string; close(): Promise<void> }> {
  const { catalog, billing } = createUpstreams(config);
  const server = http.createServer((req, res) => {
    const sku = /^\/checkout\/(\w+)$/.exec(req.url ?? '')?.[1];
    if (!sku) return void res.writeHead(404).end();
    (async () => {
      const item = await catalog.get<{ price: number }>(`/items/${sku}`);
      const charge = await billing.post<{ id: string }>('/charges', { sku, amount: item.data.price });
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ sku, price: item.data.price, charge: charge.data.id, attempts: { catalog: item.statusPolicy?.attempts, billing: charge.statusPolicy?.attempts } }),
      );
    })().catch((error: unknown) => {
      // Typed failures tell the caller what happened upstream, without leaking internals.
      const info = isStatusPolicyError(error) ? error.statusPolicy : undefined;
      res.writeHead(502, { 'content-type': 'application/json' }).end(
        JSON.stringify({ error: info?.serverMessage ?? 'upstream failed', reason: info?.reason, attempts: info?.attempts }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
