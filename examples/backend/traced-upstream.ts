// An upstream instance whose policy shows up in traces: each retry, hold, refresh and redirect is
// an event on the span active when the call was made, and each resend's HTTP client span carries
// `http.request.resend_count`. Needs tracing.ts started first.
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';
import { otelEvents, otelResends } from 'axios-status-policy/otel';

export function createTracedUpstream(baseURL: string): AxiosInstance {
  const api = axios.create({ baseURL, timeout: 5000 });
  attachStatusPolicy(api, {
    retry: { maxRetries: 3, baseDelayMs: 50 },
    onEvent: otelEvents(),
    aroundResend: otelResends(),
  });
  return api;
}
