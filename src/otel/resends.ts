import { context } from '@opentelemetry/api';
import type { AroundResend } from '../types';
import { RESEND_KEY, pendingResend } from './pending-resend';

/**
 * The `aroundResend` option that lets {@link otelHttpHooks} give each re-send's HTTP client span
 * its `http.request.resend_count`: the count goes into the OpenTelemetry context the re-send is
 * made in, where the instrumentation's hook reads it as the request starts. Nothing goes on the
 * wire. Without a context manager registered (an SDK sets one up) the count is simply not seen.
 */
export function otelResends(): AroundResend {
  return (send, resendCount, config) => {
    context.with(context.active().setValue(RESEND_KEY, pendingResend(resendCount, config)), send);
  };
}
