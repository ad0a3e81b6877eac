// Set up before axios (and with it `http`) is loaded: instrumentation-http patches `http.request`
// as the module is required. main.ts imports this first and everything else after it.
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { otelHttpHooks } from '../../../src/otel';

/** `traced`: the real SDK; `instrumented`: the instrumentation with our hooks but no SDK; `bare`: nothing. */
export type Mode = 'traced' | 'instrumented' | 'bare';

export const mode: Mode = (process.argv[2] as Mode | undefined) ?? 'bare';
export const exporter = new InMemorySpanExporter();

if (mode === 'traced') {
  // register(): the global tracer provider, the AsyncLocalStorage context manager, W3C propagation.
  new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
}
if (mode !== 'bare') {
  registerInstrumentations({ instrumentations: [new HttpInstrumentation({ ...otelHttpHooks() })] });
}
