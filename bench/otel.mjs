// `node bench/otel.mjs` (after `npm run build`): what `axios-status-policy/otel` costs a request.
// The real SDK is registered (NodeTracerProvider: AsyncLocalStorage context, a recording span
// exported to memory) and every request is made under an active span, as in a traced service.
// Same instance setup with and without `onEvent: otelEvents(), aroundResend: otelResends()`, on an
// in-memory adapter (so nothing of the network hides the difference), rounds interleaved, median
// of the per-round ratios:
// - happy path: a canned 200. No event fires and nothing is re-sent, so this is the cost of having
//   the handler attached (issue 23 asks for it in BENCHMARKS.md).
// - one retry: a 503 with Retry-After: 0, then the 200: one span event recorded and one re-send
//   made inside an OpenTelemetry context.
// `--smoke`: a few rounds only.
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import axios from 'axios';
import { failThenOk, ok200 } from './adapters.mjs';
import { fmt, median, rotate } from './stats.mjs';

const smoke = process.argv.includes('--smoke');
const lib = await import('../dist/index.js');
const { otelEvents, otelResends } = await import('../dist/otel.js');

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const tracer = trace.getTracer('bench');

const ROUNDS = smoke ? 3 : 25;
const PER_ROUND = smoke ? 200 : 2000;

const make = (adapter, traced) => {
  const api = axios.create({ adapter });
  lib.attachStatusPolicy(api, { ...(traced && { onEvent: otelEvents(), aroundResend: otelResends() }) });
  return api;
};

/** PER_ROUND sequential GETs, each under its own active span (ended, exported to memory). */
const run = async (api) => {
  const t0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    await tracer.startActiveSpan('request', async (span) => {
      try {
        await api.get('/x');
      } finally {
        span.end();
      }
    });
  }
  const ms = performance.now() - t0;
  exporter.reset();
  return ms;
};

async function compare(label, adapter) {
  const variants = { plain: make(adapter(), false), otel: make(adapter(), true) };
  for (const api of Object.values(variants)) await run(api); // warm-up
  const ratios = [];
  const perRequestUs = { plain: [], otel: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const times = {};
    for (const name of rotate(Object.keys(variants), r)) times[name] = await run(variants[name]);
    ratios.push(times.otel / times.plain);
    for (const name of Object.keys(times)) perRequestUs[name].push((times[name] * 1000) / PER_ROUND);
  }
  return `| ${label} | ${fmt(median(perRequestUs.plain), 1)} | ${fmt(median(perRequestUs.otel), 1)} | ${fmt(median(ratios), 3)}× |`;
}

const rows = [await compare('happy path (200)', () => ok200), await compare('one retry (503 Retry-After: 0, then 200)', () => failThenOk(axios, 503, { 'retry-after': '0' }))];
await provider.shutdown();
console.log(
  [
    `Each request under an active recording span (NodeTracerProvider, in-memory exporter), in-memory adapter; median of ${ROUNDS} interleaved rounds of ${PER_ROUND} sequential GETs:`,
    '',
    '| case | without otel (µs/request) | with otelEvents + otelResends (µs/request) | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n'),
);
