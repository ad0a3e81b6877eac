// `node scripts/examples/run.mjs telemetry`: examples/backend/tracing.ts and traced-upstream.ts
// against a local upstream on 127.0.0.1 that answers 503 with Retry-After: 1 once, then 200. The
// spans go to an in-memory exporter and are printed as the trace a backend engineer would open;
// the checks say what that trace must show. __tests__/integration/telemetry-example.test.ts runs it.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../examples/backend/tracing';
import { check, finish, say, step } from './report';

// Before axios is loaded: the instrumentation patches `http` as it is required.
const exporter = new InMemorySpanExporter();
const provider = startTracing(exporter);

const CLIENT = 2;

function printTree(spans: ReadableSpan[], parent: string | undefined, depth: number): void {
  for (const span of spans.filter((s) => s.parentSpanContext?.spanId === parent)) {
    const count = span.attributes['http.request.resend_count'];
    const status = span.attributes['http.response.status_code'];
    say(`${'  '.repeat(depth)}${span.name}${status ? ` → ${status}` : ''}${count !== undefined ? `  http.request.resend_count=${count}` : ''}`);
    for (const event of span.events) {
      const attrs = Object.entries(event.attributes ?? {}).filter(([key]) => key.startsWith('axios_status_policy.') || key === 'http.response.status_code');
      say(`${'  '.repeat(depth + 1)}• ${event.name} ${attrs.map(([key, value]) => `${key.replace('axios_status_policy.', '')}=${String(value)}`).join(' ')}`);
    }
    printTree(spans, span.spanContext().spanId, depth + 1);
  }
}

async function main(): Promise<void> {
  // Loaded now, after tracing started: axios (and `http` with it) come in with these imports.
  const { trace } = await import('@opentelemetry/api');
  const { startServer } = await import('../../__tests__/helpers/server');
  const { createTracedUpstream } = await import('../../examples/backend/traced-upstream');

  let asked = 0;
  const upstream = await startServer((_req, res) => {
    asked += 1;
    if (asked === 1) res.writeHead(503, { 'retry-after': '1' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"price":42}');
  });
  try {
    const catalog = createTracedUpstream(upstream.url);
    step('GET /price under the span "quote" (the upstream answers 503, Retry-After: 1, then 200)');
    const tracer = trace.getTracer('example');
    const data = await tracer.startActiveSpan('quote', async (span) => {
      try {
        return (await catalog.get<{ price: number }>('/price')).data;
      } finally {
        span.end();
      }
    });
    check(data.price === 42, 'the call succeeded after the retry', data);

    step('the trace');
    const spans = exporter.getFinishedSpans().filter((s) => s.name === 'quote' || s.kind === CLIENT);
    const quote = spans.find((s) => s.name === 'quote');
    printTree(spans, undefined, 0);
    const retry = quote?.events.find((e) => e.name === 'axios_status_policy.retry');
    check(retry?.attributes?.['http.response.status_code'] === 503, 'a retry event on "quote" says the upstream answered 503', retry?.attributes);
    check(retry?.attributes?.['axios_status_policy.delay_ms'] === 1000, '… and that it waited 1000 ms (Retry-After)', retry?.attributes);
    const sends = spans.filter((s) => s.kind === CLIENT).map((s) => [s.attributes['http.response.status_code'], s.attributes['http.request.resend_count']]);
    check(JSON.stringify(sends) === JSON.stringify([[503, undefined], [200, 1]]), 'two client spans: the 503 without resend_count, the 200 with resend_count 1', sends);
    check(spans.filter((s) => s.kind === CLIENT).every((s) => s.parentSpanContext?.spanId === quote?.spanContext().spanId), 'both under "quote"');
  } finally {
    await upstream.close();
    await provider.shutdown();
  }
}

finish(main, 'example:telemetry');
