// `npm run example:backend`: examples/backend/service.ts against two local upstreams on
// 127.0.0.1 (free ports): a flaky catalog and a billing API that wants a bearer token and
// rate-limits. Each step calls the service over HTTP, prints what the upstreams saw and what the
// policy decided, and checks the outcome.
import axios from 'axios';
import type http from 'node:http';
import type { PolicyEvent } from 'axios-status-policy';
import { startService } from '../../examples/backend/service';
import { startServer } from '../../__tests__/helpers/server';
import type { SeenRequest } from '../../__tests__/helpers/server';
import { check, finish, say, step } from './report';

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
  void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function describe(upstream: string, event: PolicyEvent): string {
  switch (event.type) {
    case 'retry':
      return `${upstream}: ${event.status ?? event.code} → attempt ${event.attempt} in ${event.delayMs} ms (${event.policy} rule)`;
    case 'refresh':
      return `${upstream}: token refresh ${event.phase} (${event.reason})`;
    case 'giveUp':
      return `${upstream}: gave up on ${event.status ?? 'no response'} (${event.reason})`;
    case 'hold':
      return `${upstream}: held ${event.waitMs} ms (origin ${event.origin} backing off)`;
    default:
      return `${upstream}: ${event.type}`;
  }
}

async function main(): Promise<void> {
  // Scripted answers, consumed in order; an empty script means "healthy".
  const catalogScript: number[] = [];
  const billingScript: Array<[number, Record<string, string>?]> = [];
  let issued = 0;
  let valid = '';

  const catalog = await startServer((req, res) => {
    const status = catalogScript.shift() ?? 200;
    json(res, status, status === 200 ? { price: 42 } : { message: `catalog says ${status}` });
  });
  const billing = await startServer((req, res) => {
    if (req.url === '/oauth/token') {
      const body = JSON.parse(req.body) as { client_secret?: string };
      if (body.client_secret !== 'example-secret') return json(res, 401, { error: 'invalid_client' });
      valid = `tok-${(issued += 1)}`;
      return json(res, 200, { access_token: valid, token_type: 'Bearer' });
    }
    if (req.headers.authorization !== `Bearer ${valid}`) return json(res, 401, { error: 'invalid_token', error_description: 'expired or missing' });
    const [status, headers] = billingScript.shift() ?? [201];
    json(res, status, status === 201 ? { id: `ch_${billing.seen.length}` } : { errorCode: 'E', message: `billing says ${status}` }, headers);
  });
  const lines: string[] = [];
  const service = await startService({
    catalogURL: catalog.url,
    billingURL: billing.url,
    billingClient: { id: 'checkout', secret: 'example-secret' },
    onEvent: (upstream, event) => lines.push(describe(upstream, event)),
  });
  const seen = (server: { seen: SeenRequest[] }, from: number): string =>
    server.seen.slice(from).map((r) => `${r.method} ${r.url}`).join(', ') || 'nothing';

  /** One checkout through the service; prints what happened upstream. */
  async function checkout(): Promise<{ status: number; data: Record<string, unknown> }> {
    const [c, b] = [catalog.seen.length, billing.seen.length];
    lines.length = 0;
    const res = await axios.get<Record<string, unknown>>(`${service.url}/checkout/abc`, { validateStatus: () => true });
    say(`catalog saw: ${seen(catalog, c)}`);
    say(`billing saw: ${seen(billing, b)}`);
    for (const line of lines) say(`policy  ${line}`);
    say(`service answered ${res.status} ${JSON.stringify(res.data)}`);
    return res;
  }

  try {
    step('first checkout: billing answers 401 (no token yet) → one token request → the charge repeated');
    let res = await checkout();
    check(res.status === 200, 'checkout succeeded', res.status);
    check(billing.seen.filter((r) => r.url === '/oauth/token').length === 1, 'one token request');
    check(billing.seen.filter((r) => r.url === '/charges').length === 2, 'the charge sent twice: without a token, then with it');

    step('catalog answers 500, then 502: retried with backoff (GET is idempotent)');
    catalogScript.push(500, 502);
    res = await checkout();
    check(res.status === 200, 'checkout succeeded', res.status);
    check(JSON.stringify(res.data.attempts) === JSON.stringify({ catalog: 3, billing: 1 }), 'catalog took 3 attempts, billing 1', res.data.attempts);

    step('billing answers 429 with Retry-After: 1: waited out, then charged once');
    billingScript.push([429, { 'retry-after': '1' }]);
    const before = billing.seen.length;
    res = await checkout();
    const [first, second] = billing.seen.slice(before);
    check(res.status === 200, 'checkout succeeded', res.status);
    check(!!first && !!second && second.at - first.at >= 990, 'the retry went out no sooner than 1 s after the 429');

    step('billing answers 500 to the POST: not retried (a charge is not idempotent)');
    billingScript.push([500]);
    res = await checkout();
    check(res.status === 502, 'the service answered 502', res.status);
    check(res.data.reason === 'not-idempotent' && res.data.attempts === 1, 'reason not-idempotent after 1 attempt', res.data);

    step('billing asks for Retry-After: 60, beyond its 5 s cap: fails fast');
    billingScript.push([429, { 'retry-after': '60' }]);
    res = await checkout();
    check(res.status === 502 && res.data.reason === 'retry-after-too-long', 'reason retry-after-too-long', res.data);
  } finally {
    await Promise.all([service.close(), catalog.close(), billing.close()]);
  }
}

finish(main, 'example:backend');
