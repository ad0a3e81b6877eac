import { context } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { isRecord } from '../http/record';
import { RESEND_KEY, hostnameOf, isPendingResend } from './pending-resend';
import type { PendingResend } from './pending-resend';

/**
 * What `@opentelemetry/instrumentation-http` hands `startOutgoingSpanHook`: the options of
 * `http.request` (Node's `RequestOptions`), the fields read here.
 */
export interface OutgoingRequestOptions {
  method?: string | null | undefined;
  hostname?: string | null | undefined;
  host?: string | null | undefined;
  headers?: unknown;
}

/** The hooks of {@link otelHttpHooks}, to spread into `HttpInstrumentation`'s config. */
export interface OtelHttpHooks {
  startOutgoingSpanHook: (request: OutgoingRequestOptions) => Attributes;
}

/** The HTTP resend attribute of the OpenTelemetry semantic conventions. */
export const RESEND_COUNT = 'http.request.resend_count';

/** The host the request is for: through a proxy, axios names it in the `host` header. */
function hostnamesOf(request: OutgoingRequestOptions): string[] {
  const names: string[] = [];
  const direct = request.hostname ?? request.host;
  if (direct) names.push(hostnameOf(direct));
  const headers = request.headers;
  if (isRecord(headers)) {
    const header = headers.host ?? headers.Host;
    if (typeof header === 'string') names.push(hostnameOf(header));
  }
  return names;
}

/** The request the re-send was for: its method, and its host when both sides know one. */
function isFor(pending: PendingResend, request: OutgoingRequestOptions): boolean {
  if ((request.method ?? 'GET').toUpperCase() !== pending.method) return false;
  const names = hostnamesOf(request);
  return !pending.hostname || names.length === 0 || names.includes(pending.hostname);
}

/**
 * Hooks for `@opentelemetry/instrumentation-http`'s config (`new HttpInstrumentation({
 * ...otelHttpHooks() })`): the HTTP client span of each re-send made through {@link otelResends}
 * carries `http.request.resend_count` (1 for the second send), set as the span starts; the first
 * send carries none, as the semantic conventions say.
 */
export function otelHttpHooks(): OtelHttpHooks {
  return {
    startOutgoingSpanHook(request) {
      const pending = context.active().getValue(RESEND_KEY);
      if (!isPendingResend(pending) || pending.taken || !isFor(pending, request)) return {};
      pending.taken = true;
      return { [RESEND_COUNT]: pending.resendCount };
    },
  };
}
