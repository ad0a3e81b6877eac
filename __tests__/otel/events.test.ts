import { context, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { InternalAxiosRequestConfig } from 'axios';
import { AxiosError, AxiosHeaders } from 'axios';
import { StatusPolicyConfigError } from '../../src';
import type { PolicyEvent } from '../../src';
import { otelEvents } from '../../src/otel';
import { rig, settle, useFakeClock } from '../helpers/mock';

/**
 * `otelEvents()` with the real SDK (BasicTracerProvider, in-memory exporter, AsyncLocalStorage
 * context): what each kind of event becomes on the active span. The HTTP side (instrumentation-http,
 * resend_count) is proven in traced.test.ts, in a child process.
 */
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

const config = (url: string, more: Partial<InternalAxiosRequestConfig> = {}): InternalAxiosRequestConfig => ({
  url,
  method: 'get',
  headers: new AxiosHeaders(),
  ...more,
});

/** Runs `body` under an active span of its own and returns that span's events as exported. */
async function eventsUnderSpan(body: () => Promise<void> | void) {
  const tracer = trace.getTracer('events-test');
  await tracer.startActiveSpan('app', async (span) => {
    try {
      await body();
    } finally {
      span.end();
    }
  });
  const app = exporter.getFinishedSpans().find((s) => s.name === 'app')!;
  exporter.reset();
  return app.events.map(({ name, attributes }) => ({ name, attributes }));
}

describe('with no tracer provider and no context manager registered', () => {
  it('does nothing and throws nothing', () => {
    const record = otelEvents();
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(() => record({ type: 'hold', origin: 'https://api.example.com', waitMs: 10, config: config('https://api.example.com/a') })).not.toThrow();
  });
});

describe('with the SDK registered', () => {
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  describe('through a real attach (axios-mock-adapter)', () => {
    useFakeClock();
    // axios-mock-adapter's errors carry no `code`: no `axios_status_policy.code` here (traced.test.ts has it).
    it('503, 502, 200: two retry events on the span that was active when the request was made, in order', async () => {
      const record = otelEvents();
      const { api, mock } = rig({ onEvent: record, retry: { baseDelayMs: 100 } });
      mock.onGet('/flaky').replyOnce(503, '', { 'retry-after': '2' }).onGet('/flaky').replyOnce(502).onGet('/flaky').reply(200, 'ok');
      const events = await eventsUnderSpan(async () => {
        const { value } = await settle(api.get('/flaky'));
        expect(value?.data).toBe('ok');
      });
      const request = { 'http.request.method': 'GET', 'url.full': 'http://api.test/flaky' };
      expect(events).toEqual([
        {
          name: 'axios_status_policy.retry',
          attributes: { 'axios_status_policy.policy': 'rateLimit', 'axios_status_policy.attempt': 2, 'axios_status_policy.delay_ms': 2000, 'http.response.status_code': 503, ...request },
        },
        {
          name: 'axios_status_policy.retry',
          attributes: { 'axios_status_policy.policy': 'retry', 'axios_status_policy.attempt': 3, 'axios_status_policy.delay_ms': 75, 'http.response.status_code': 502, ...request },
        },
      ]);
    });

    it('a request that gives up: give_up with its reason', async () => {
      const { api, mock } = rig({ onEvent: otelEvents(), retry: { maxRetries: 0 } });
      mock.onGet('/down').reply(500);
      const events = await eventsUnderSpan(async () => {
        await settle(api.get('/down'));
      });
      expect(events).toEqual([
        {
          name: 'axios_status_policy.give_up',
          attributes: { 'axios_status_policy.reason': 'max-retries', 'http.response.status_code': 500, 'http.request.method': 'GET', 'url.full': 'http://api.test/down' },
        },
      ]);
    });
    it('an offline wait and a circuit that opens: offline with its wait, circuit with the origin and state', async () => {
      let online = false;
      let comeBack = (): void => undefined;
      const connectivity = { isOnline: () => online, onOnline: (listener: () => void) => ((comeBack = listener), () => undefined) };
      const { api, mock } = rig({
        onEvent: otelEvents(),
        retry: { connectivity, maxRetries: 0 },
        circuitBreaker: { failureRatio: 0.5, minRequests: 1, windowMs: 10_000, openMs: 30_000 },
      });
      // The server behind the device's network: unreachable while offline, then a 500.
      mock.onGet('/inbox').reply((sent) => {
        // As axios's adapters reject: the config on the error (the policy finds its run there).
        if (!online) throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, sent as InternalAxiosRequestConfig);
        return [500];
      });
      const events = await eventsUnderSpan(async () => {
        const pending = settle(api.get('/inbox'));
        await jest.advanceTimersByTimeAsync(1500);
        online = true;
        comeBack();
        await pending;
      });
      const request = { 'http.request.method': 'GET', 'url.full': 'http://api.test/inbox' };
      expect(events.map((e) => e.name)).toEqual(['axios_status_policy.offline', 'axios_status_policy.give_up', 'axios_status_policy.circuit']);
      // settle() moves the fake clock on in 50 ms steps: the wait is 1500 ms and a step at most.
      expect(events[0]!.attributes).toEqual({ 'axios_status_policy.wait_ms': expect.any(Number), ...request });
      const waitMs = Number(events[0]!.attributes?.['axios_status_policy.wait_ms']);
      expect(waitMs).toBeGreaterThanOrEqual(1500);
      expect(waitMs).toBeLessThanOrEqual(1550);
      expect(events[2]!.attributes).toMatchObject({ 'axios_status_policy.origin': 'http://api.test', 'axios_status_policy.state': 'open' });
    });
  });

  it('URLs as error messages show them: credentials and secret-looking parameters hidden, the rest readable', async () => {
    const record = otelEvents();
    const events = await eventsUnderSpan(() => {
      record({
        type: 'redirect',
        status: 302,
        method: 'GET',
        from: 'https://ada:pw@api.example.com/login?next=%2Fhome&code=s3cret',
        to: 'https://api.example.com/cb?access_token=abc&page=2',
        // `params` are axios's to serialise: url.full is baseURL + url, without them.
        config: config('/login?code=s3cret&next=%2Fhome', { baseURL: 'https://ada:pw@api.example.com/', params: { page: 2 } }),
      });
    });
    expect(events[0]!.attributes).toEqual({
      'http.response.status_code': 302,
      'axios_status_policy.method': 'GET',
      'axios_status_policy.from': 'https://***@api.example.com/login?next=%2Fhome&code=***',
      'axios_status_policy.to': 'https://api.example.com/cb?access_token=***&page=2',
      'http.request.method': 'GET',
      'url.full': 'https://***@api.example.com/login?code=***&next=%2Fhome',
    });
    expect(JSON.stringify(events)).not.toMatch(/s3cret|abc|pw@/);
  });

  it('an event about the instance (coordinator) has no request attributes; its text is cleaned of control characters', async () => {
    const record = otelEvents();
    const events = await eventsUnderSpan(() => record({ type: 'coordinator', state: 'degraded', reason: 'ECONNREFUSED\u001b[2J 127.0.0.1:6379' }));
    expect(events).toEqual([
      { name: 'axios_status_policy.coordinator', attributes: { 'axios_status_policy.state': 'degraded', 'axios_status_policy.reason': 'ECONNREFUSED 127.0.0.1:6379' } },
    ]);
  });

  it('a kind it does not know (one a later version adds) is recorded generically: its name, its plain fields in snake_case', async () => {
    const record = otelEvents();
    const later = { type: 'laterKind', waitedMs: 1200, online: true, detail: { nested: 1 }, config: config('https://api.example.com/items') };
    const events = await eventsUnderSpan(() => record(later as unknown as PolicyEvent));
    expect(events).toEqual([
      {
        name: 'axios_status_policy.later_kind',
        attributes: { 'axios_status_policy.waited_ms': 1200, 'axios_status_policy.online': true, 'http.request.method': 'GET', 'url.full': 'https://api.example.com/items' },
      },
    ]);
  });

  it('no span active: nothing recorded, nothing thrown', () => {
    const record = otelEvents();
    expect(trace.getActiveSpan()).toBeUndefined();
    expect(() => record({ type: 'giveUp', reason: 'max-retries', status: 503, config: config('/x') })).not.toThrow();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('a span that is not recording (sampled out) is left alone: the attributes are not even worked out', () => {
    const addEvent = jest.fn();
    const sampledOut = { isRecording: () => false, addEvent } as unknown as Span;
    const record = otelEvents({ span: () => sampledOut });
    record({ type: 'hold', origin: 'https://api.example.com', waitMs: 10, config: config('https://api.example.com/a') });
    expect(addEvent).not.toHaveBeenCalled();
  });

  it('`span` picks the span to record on', async () => {
    const tracer = trace.getTracer('events-test');
    const mine = tracer.startSpan('mine');
    const record = otelEvents({ span: () => mine });
    record({ type: 'resolve', policy: 'deleteNotFound', status: 404, config: config('https://api.example.com/a/1', { method: 'delete' }) });
    mine.end();
    const [span] = exporter.getFinishedSpans();
    exporter.reset();
    expect(span!.events.map((e) => [e.name, e.attributes])).toEqual([
      ['axios_status_policy.resolve', { 'axios_status_policy.policy': 'deleteNotFound', 'http.response.status_code': 404, 'http.request.method': 'DELETE', 'url.full': 'https://api.example.com/a/1' }],
    ]);
  });
});

it('a `span` option that is not a function is a typed error', () => {
  expect(() => otelEvents({ span: 'active' as unknown as () => Span })).toThrow(StatusPolicyConfigError);
});
