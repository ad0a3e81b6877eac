// OpenTelemetry for a Node service, set up before anything loads `http` (axios does, as it is
// imported): run it first, as `node --import ./tracing.js server.js` would, or import it first.
// `@opentelemetry/instrumentation-http` makes a client span per request sent; `otelHttpHooks()`
// gives a resend's span `http.request.resend_count`. docs/telemetry.md explains each piece.
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { otelHttpHooks } from 'axios-status-policy/otel';

/** Starts tracing into `exporter` (your OTLP exporter in production); returns the provider to shut down. */
export function startTracing(exporter: SpanExporter): NodeTracerProvider {
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  // The global tracer provider, the AsyncLocalStorage context manager, W3C trace context.
  provider.register();
  registerInstrumentations({ instrumentations: [new HttpInstrumentation({ ...otelHttpHooks() })] });
  return provider;
}
