import { trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { attachStatusPolicy } from '../../../src/index';
import type { PolicyEvent, StatusPolicyOptions } from '../../../src/index';
import { otelEvents, otelResends } from '../../../src/otel';
import { startServer } from '../../helpers/server';
import type { TestServer } from '../../helpers/server';
import { exporter } from './tracing';

/** A span as the test reads it. */
export interface SpanRecord {
  name: string;
  kind: number;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

/** What a request ended with, compared across modes. */
export interface Outcome {
  status: number | undefined;
  data: unknown;
  attempts: number | undefined;
  error: string | undefined;
}

export interface ScenarioResult {
  outcome: Outcome;
  /** The app's own span the request was made under. */
  spanId: string | undefined;
  spans: SpanRecord[];
  /** The header names each request reached the server with, in order. */
  headerNames: string[][];
  events: string[];
}

const record = (span: ReadableSpan): SpanRecord => ({
  name: span.name,
  kind: span.kind,
  spanId: span.spanContext().spanId,
  parentSpanId: span.parentSpanContext?.spanId,
  attributes: { ...span.attributes },
  events: span.events.map((event) => ({ name: event.name, attributes: { ...event.attributes } })),
});

/** The options of an attach: events recorded, and with `withOtel` our pieces; `listen` sees every event too. */
type OptionsOf = (listen?: (event: PolicyEvent) => void) => StatusPolicyOptions;
type Scenario = (server: TestServer, options: OptionsOf) => Promise<Outcome>;

async function outcomeOf(request: Promise<{ status: number; data: unknown; statusPolicy?: { attempts: number } }>): Promise<Outcome> {
  try {
    const response = await request;
    return { status: response.status, data: response.data, attempts: response.statusPolicy?.attempts, error: undefined };
  } catch (error) {
    return { status: undefined, data: undefined, attempts: undefined, error: String(error) };
  }
}

/** The answers each scenario's server gives, by path and by how many times the path was asked. */
const answers: Record<string, (path: string, nth: number) => { status: number; headers?: Record<string, string> }> = {
  // 503 with Retry-After: 1, then 200; meanwhile a second request to the same origin is held.
  'retry-after': (path, nth) => (path === '/flaky' && nth === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 }),
  // 401, a refresh through /token, the repeat with the new token.
  refresh: (path, nth) => (path === '/me' && nth === 1 ? { status: 401 } : { status: 200 }),
  // 302 → /new, which answers 503 (Retry-After: 0) once, then 200.
  redirect: (path, nth) =>
    path === '/old' ? { status: 302, headers: { location: '/new' } } : path === '/new' && nth === 1 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 },
};

const scenarios: Record<string, Scenario> = {
  'retry-after': async (server, options) => {
    let sawRetry!: () => void;
    const retried = new Promise<void>((resolve) => (sawRetry = resolve));
    const api = axios.create({ baseURL: server.url });
    attachStatusPolicy(api, options((event) => event.type === 'retry' && sawRetry()));
    const flaky = outcomeOf(api.get('/flaky'));
    await retried;
    // Made while the origin is held: its `hold` event goes on the same span.
    const other = await outcomeOf(api.get('/other'));
    if (other.status !== 200) throw new Error(`/other: ${JSON.stringify(other)}`);
    return flaky;
  },
  refresh: async (server, options) => {
    let token = 'old';
    const api = axios.create({ baseURL: server.url });
    attachStatusPolicy(api, {
      ...options(),
      auth: {
        getAccessToken: () => token,
        refresh: async () => {
          const response = await axios.post<{ token: string }>(`${server.url}/token`, {});
          token = response.data.token;
          return token;
        },
      },
    });
    return outcomeOf(api.get('/me'));
  },
  redirect: async (server, options) => {
    const api = axios.create({ baseURL: server.url });
    attachStatusPolicy(api, options());
    return outcomeOf(api.get('/old'));
  },
};

/** Runs one scenario under an active span of the app's own, `withOtel` saying whether our pieces are attached. */
export async function runScenario(name: string, withOtel: boolean): Promise<ScenarioResult> {
  const answer = answers[name];
  const scenario = scenarios[name];
  if (!answer || !scenario) throw new Error(`no scenario ${name}`);
  const asked = new Map<string, number>();
  const events: string[] = [];
  const server = await startServer((req, res) => {
    const path = req.url.split('?')[0]!;
    const nth = (asked.get(path) ?? 0) + 1;
    asked.set(path, nth);
    const { status, headers = {} } = path === '/token' ? { status: 200 } : answer(path, nth);
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(path === '/token' ? { token: 'new' } : { path, nth }));
  });
  const recordOnSpan = otelEvents();
  const options: OptionsOf = (listen) => ({
    onEvent: (event) => {
      events.push(event.type);
      if (withOtel) recordOnSpan(event);
      listen?.(event);
    },
    ...(withOtel && { aroundResend: otelResends() }),
  });
  try {
    const tracer = trace.getTracer('otel-test');
    let spanId: string | undefined;
    const outcome = await tracer.startActiveSpan('checkout', async (span) => {
      spanId = span.isRecording() ? span.spanContext().spanId : undefined;
      try {
        return await scenario(server, options);
      } finally {
        span.end();
      }
    });
    const spans = exporter.getFinishedSpans().map(record);
    exporter.reset();
    return { outcome, spanId, spans, headerNames: server.seen.map((req) => Object.keys(req.headers)), events };
  } finally {
    await server.close();
  }
}
