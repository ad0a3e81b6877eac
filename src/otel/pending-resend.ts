import { createContextKey } from '@opentelemetry/api';
import type { InternalAxiosRequestConfig } from 'axios';
import { isRecord } from '../http/record';
import { originOf } from '../http/url';
import { methodOf } from '../run/hop';

/**
 * Where a re-send's count waits in the OpenTelemetry context for the HTTP client span. The key is
 * `Symbol.for` its description, so a second copy of this package (ESM beside CommonJS) shares it.
 */
export const RESEND_KEY = createContextKey('axios-status-policy http.request.resend_count');

/**
 * One re-send about to go out: its count, and what identifies its HTTP request among any others
 * made in the same context before it (a token request of a refresh that this send started).
 */
export interface PendingResend {
  readonly resendCount: number;
  /** Upper-case. */
  readonly method: string;
  /** Lower-case, without brackets or port; `''` when it could not be worked out. */
  readonly hostname: string;
  /** Set by the one HTTP request it was for: later requests in the same context are not resends. */
  taken: boolean;
}

/**
 * `scheme://user@host:port/…`, `host:port` or `host` → `host`; `[::1]:80` → `::1`. A bare IPv6
 * address (`::1`, as `http.request`'s `hostname` gives it) has more than one colon and no port.
 */
export function hostnameOf(hostAndMore: string): string {
  const authority = hostAndMore.replace(/^[a-z][a-z\d+.-]*:\/\//i, '').replace(/[/?#].*$/s, '').replace(/^.*@/, '');
  const bracketed = /^\[([^\]]*)\]/.exec(authority)?.[1];
  if (bracketed !== undefined) return bracketed.toLowerCase();
  return (authority.indexOf(':') === authority.lastIndexOf(':') ? authority.replace(/:\d*$/, '') : authority).toLowerCase();
}

export const pendingResend = (resendCount: number, config: InternalAxiosRequestConfig): PendingResend => ({
  resendCount,
  method: methodOf(config),
  // '' for a relative URL without baseURL: the method alone decides then.
  hostname: hostnameOf(originOf(config)),
  taken: false,
});

export const isPendingResend = (value: unknown): value is PendingResend =>
  isRecord(value) &&
  typeof value.resendCount === 'number' &&
  typeof value.taken === 'boolean' &&
  typeof value.method === 'string' &&
  typeof value.hostname === 'string';
