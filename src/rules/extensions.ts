import type { ErrorDescriber } from '../error-details';

/**
 * Work an opt-in policy lends to others, so a bundle without it carries none of its code. Absent,
 * each has a plainer fallback in its user.
 */
export interface Extensions {
  /** Reads a failed response for its error message (errorDetails); absent: status and request line only. */
  describeError: ErrorDescriber;
  /**
   * The wait the rate-limit reset headers ask for, when a 429/503 has no `Retry-After`
   * (rateLimitHeaders); absent: backoff.
   */
  rateLimitReset: (headers: unknown, now: number) => number | undefined;
}
