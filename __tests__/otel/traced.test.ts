import { bundleDriver, runTraced } from './traced-process';
import type { TracedRun } from './traced-process';
import type { SpanRecord } from './traced/scenarios';

/**
 * Issue 23, "traced backends see what the policy did", for real: the OpenTelemetry SDK
 * (NodeTracerProvider: AsyncLocalStorage context, in-memory exporter) and
 * @opentelemetry/instrumentation-http with `otelHttpHooks()`, in a child Node process (the
 * instrumentation patches `http` as Node loads it), against a loopback server. The request is made
 * under the app's own active span (`checkout`): the policy's events must be on it, in order, and
 * each HTTP client span must carry `http.request.resend_count` as the semantic conventions define
 * it (none on the first send, 1 on the second, counting every resend whatever its cause).
 */
jest.setTimeout(90_000);

const SPAN_KIND_CLIENT = 2;
const URL_OF = /^http:\/\/127\.0\.0\.1:\d+\//;

let driver: { file: string; remove(): void };
beforeAll(async () => {
  driver = await bundleDriver();
});
afterAll(() => driver.remove());

/** The HTTP client spans, as `path status resend_count` in the order they ended. */
function clientSpans(run: TracedRun): string[] {
  return run.spans
    .filter((span) => span.kind === SPAN_KIND_CLIENT)
    .map((span) => {
      const path = String(span.attributes['url.full']).replace(URL_OF, '/');
      const count = span.attributes['http.request.resend_count'];
      return `${span.attributes['http.request.method']} ${path} ${span.attributes['http.response.status_code']} resend_count=${count ?? 'absent'}`;
    });
}

function appSpan(run: TracedRun): SpanRecord {
  const span = run.spans.find((s) => s.name === 'checkout');
  if (!span) throw new Error('the app span was not exported');
  return span;
}

/** Every client span is a child of the app span: the events and the sends are read together. */
function expectUnderAppSpan(run: TracedRun): void {
  const app = appSpan(run);
  expect(app.spanId).toBe(run.spanId);
  const clients = run.spans.filter((span) => span.kind === SPAN_KIND_CLIENT);
  expect(clients.length).toBeGreaterThan(1);
  for (const span of clients) expect(span.parentSpanId).toBe(app.spanId);
}

const url = (path: string) => expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${path}$`));

it('503 with Retry-After, a request held meanwhile, then 200: the events on the active span, in order, and resend_count 1 on the second send only', async () => {
  const run = await runTraced(driver.file, 'traced', 'retry-after');
  expect(run.outcome).toEqual({ status: 200, data: { path: '/flaky', nth: 2 }, attempts: 2 });
  expectUnderAppSpan(run);
  const [retry, hold, ...more] = appSpan(run).events;
  expect(more).toEqual([]);
  expect(retry).toEqual({
    name: 'axios_status_policy.retry',
    attributes: {
      'axios_status_policy.policy': 'rateLimit',
      'axios_status_policy.attempt': 2,
      'axios_status_policy.delay_ms': 1000,
      'http.response.status_code': 503,
      'axios_status_policy.code': 'ERR_BAD_RESPONSE',
      'http.request.method': 'GET',
      'url.full': url('/flaky'),
    },
  });
  expect(hold).toEqual({
    name: 'axios_status_policy.hold',
    attributes: {
      'axios_status_policy.origin': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      'axios_status_policy.wait_ms': expect.any(Number),
      'http.request.method': 'GET',
      'url.full': url('/other'),
    },
  });
  const waitMs = hold!.attributes['axios_status_policy.wait_ms'] as number;
  expect(waitMs).toBeGreaterThan(0);
  expect(waitMs).toBeLessThanOrEqual(1000);
  expect(clientSpans(run).sort()).toEqual([
    'GET /flaky 200 resend_count=1',
    'GET /flaky 503 resend_count=absent',
    'GET /other 200 resend_count=absent', // held, but its first send: not a resend
  ]);
});

it('401, a refresh, the repeat: refresh start/done and the auth retry on the span; the token request is no resend, the repeat is resend 1', async () => {
  const run = await runTraced(driver.file, 'traced', 'refresh');
  expect(run.outcome).toEqual({ status: 200, data: { path: '/me', nth: 2 }, attempts: 2 });
  expectUnderAppSpan(run);
  const me = { 'http.request.method': 'GET', 'url.full': url('/me') };
  expect(appSpan(run).events).toEqual([
    { name: 'axios_status_policy.refresh', attributes: { 'axios_status_policy.phase': 'start', 'axios_status_policy.reason': 'unauthorized', ...me } },
    { name: 'axios_status_policy.refresh', attributes: { 'axios_status_policy.phase': 'done', 'axios_status_policy.reason': 'unauthorized', ...me } },
    {
      name: 'axios_status_policy.retry',
      attributes: {
        'axios_status_policy.policy': 'auth',
        'axios_status_policy.attempt': 2,
        'axios_status_policy.delay_ms': 0,
        'http.response.status_code': 401,
        'axios_status_policy.code': 'ERR_BAD_REQUEST',
        ...me,
      },
    },
  ]);
  expect(clientSpans(run)).toEqual(['GET /me 401 resend_count=absent', 'POST /token 200 resend_count=absent', 'GET /me 200 resend_count=1']);
});

it('302 → a 503 → 200: the redirect hop is resend 1 and the retry of the hop resend 2 (every resend counts, whatever its cause)', async () => {
  const run = await runTraced(driver.file, 'traced', 'redirect');
  expect(run.outcome).toEqual({ status: 200, data: { path: '/new', nth: 2 }, attempts: 2 });
  expectUnderAppSpan(run);
  expect(appSpan(run).events).toEqual([
    {
      name: 'axios_status_policy.redirect',
      attributes: {
        'http.response.status_code': 302,
        'axios_status_policy.method': 'GET',
        'axios_status_policy.from': url('/old'),
        'axios_status_policy.to': url('/new'),
        'http.request.method': 'GET',
        'url.full': url('/old'),
      },
    },
    {
      name: 'axios_status_policy.retry',
      attributes: {
        'axios_status_policy.policy': 'rateLimit',
        'axios_status_policy.attempt': 2,
        'axios_status_policy.delay_ms': 0,
        'http.response.status_code': 503,
        'axios_status_policy.code': 'ERR_BAD_RESPONSE',
        // The request the caller made; the hop that answered 503 is the redirect's `to`.
        'http.request.method': 'GET',
        'url.full': url('/old'),
      },
    },
  ]);
  expect(clientSpans(run)).toEqual(['GET /old 302 resend_count=absent', 'GET /new 503 resend_count=1', 'GET /new 200 resend_count=2']);
});

it('nothing goes on the wire for it: every request reaches the server with the same headers as without our pieces', async () => {
  const [traced, plain] = await Promise.all([runTraced(driver.file, 'traced', 'redirect'), runTraced(driver.file, 'traced', 'redirect', false)]);
  expect(traced.headerNames).toEqual(plain.headerNames);
  expect(traced.headerNames.flat().filter((name) => /resend|policy/i.test(name))).toEqual([]);
  // The same instrumentation without our pieces: client spans, but no resend_count and no events.
  expect(clientSpans(plain)).toEqual(['GET /old 302 resend_count=absent', 'GET /new 503 resend_count=absent', 'GET /new 200 resend_count=absent']);
  expect(appSpan(plain).events).toEqual([]);
});

describe.each(['bare', 'instrumented'] as const)('with no tracer provider registered (%s)', (mode) => {
  it.each(['retry-after', 'refresh', 'redirect'])('%s: the same result and the same requests as without otelEvents/otelResends, nothing thrown', async (scenario) => {
    const [withOtel, without] = await Promise.all([runTraced(driver.file, mode, scenario), runTraced(driver.file, mode, scenario, false)]);
    expect(withOtel.outcome).toEqual(without.outcome);
    expect(withOtel.outcome.status).toBe(200);
    expect(withOtel.events).toEqual(without.events);
    expect(withOtel.headerNames).toEqual(without.headerNames);
    expect(withOtel.spans).toEqual([]);
    expect(withOtel.spanId).toBeUndefined();
  });
});
