import type { InternalAxiosRequestConfig } from 'axios';
import type { AroundResend } from '../types';

/** `send()`, with a synchronous throw made a rejection: the wrapper around it must not see it. */
function settleable<T>(send: () => Promise<T>): Promise<T> {
  try {
    return send();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Makes one re-send inside the caller's `aroundResend` wrapper when there is one (the seam a tracer
 * uses to give the re-send's client span `http.request.resend_count`; the core knows nothing of
 * tracing). Exactly one send goes out: a wrapper that throws, or does not call `send`, is ignored
 * (as a throwing `onEvent` is), and one that calls it twice, or after it returned, sends once.
 */
export function sendAround<T>(
  around: AroundResend | undefined,
  send: () => Promise<T>,
  resendCount: number,
  config: InternalAxiosRequestConfig,
): Promise<T> {
  if (!around) return send();
  let sent: Promise<T> | undefined;
  try {
    around(() => void (sent ??= settleable(send)), resendCount, config);
  } catch {
    // deliberately ignored
  }
  return (sent ??= settleable(send));
}
