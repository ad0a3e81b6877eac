import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { InternalAxiosRequestConfig } from 'axios';
import { AxiosHeaders } from 'axios';
import { otelHttpHooks, otelResends } from '../../src/otel';
import type { OutgoingRequestOptions } from '../../src/otel';

/**
 * How a re-send's count reaches its HTTP client span: `otelResends()` puts it in the context of the
 * send, `otelHttpHooks().startOutgoingSpanHook` takes it for the one request it is for. Here the
 * hook is called as instrumentation-http calls it (with `http.request`'s options, inside the
 * send's context); traced.test.ts runs the real instrumentation.
 */
const config = (url: string, method = 'get'): InternalAxiosRequestConfig => ({ url, method, headers: new AxiosHeaders() });
const get = (hostname: string, more: Partial<OutgoingRequestOptions> = {}): OutgoingRequestOptions => ({ method: 'GET', hostname, headers: {}, ...more });

/** What the hook returns for each of `requests` made, in order, inside a re-send of `sent`. */
function attributesInside(sent: InternalAxiosRequestConfig, resendCount: number, requests: OutgoingRequestOptions[]): object[] {
  const { startOutgoingSpanHook } = otelHttpHooks();
  let seen: object[] = [];
  otelResends()(() => (seen = requests.map((request) => startOutgoingSpanHook(request))), resendCount, sent);
  return seen;
}

describe('with a context manager (as an SDK registers one)', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());

  it('the re-send gets http.request.resend_count; a request outside any re-send gets nothing', () => {
    expect(attributesInside(config('https://api.example.com/items'), 2, [get('api.example.com')])).toEqual([{ 'http.request.resend_count': 2 }]);
    expect(otelHttpHooks().startOutgoingSpanHook(get('api.example.com'))).toEqual({});
  });

  it('only the one request it is for: a later request in the same context is not a resend', () => {
    expect(attributesInside(config('https://api.example.com/items'), 1, [get('api.example.com'), get('api.example.com')])).toEqual([
      { 'http.request.resend_count': 1 },
      {},
    ]);
  });

  it('a token request made first in the re-send’s context (a refresh it started) does not take the count', () => {
    const tokenRequest = { method: 'POST', hostname: 'auth.example.com', headers: {} };
    expect(attributesInside(config('https://api.example.com/items'), 1, [tokenRequest, get('api.example.com')])).toEqual([{}, { 'http.request.resend_count': 1 }]);
    // Same host, another method: not it either.
    expect(attributesInside(config('https://api.example.com/items'), 1, [{ ...tokenRequest, hostname: 'api.example.com' }, get('api.example.com')])).toEqual([
      {},
      { 'http.request.resend_count': 1 },
    ]);
  });

  it('through a proxy the target host is in the `host` header axios sets', () => {
    const viaProxy = get('proxy.internal', { headers: { host: 'api.example.com:8443' }, path: 'https://api.example.com:8443/items' } as OutgoingRequestOptions);
    expect(attributesInside(config('https://api.example.com:8443/items'), 1, [viaProxy])).toEqual([{ 'http.request.resend_count': 1 }]);
  });

  it('IPv6 literals and a baseURL: the host is compared without brackets or port', () => {
    const sent = { ...config('/items'), baseURL: 'http://[::1]:8080' };
    expect(attributesInside(sent, 3, [get('::1')])).toEqual([{ 'http.request.resend_count': 3 }]);
  });
});

it('without a context manager nothing is seen and nothing throws; the send is still made', () => {
  const send = jest.fn(() => otelHttpHooks().startOutgoingSpanHook(get('api.example.com')));
  otelResends()(send, 1, config('https://api.example.com/items'));
  expect(send).toHaveBeenCalledTimes(1);
  expect(send.mock.results[0]!.value).toEqual({});
});
