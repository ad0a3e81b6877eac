import { authPolicy } from './auth';
import { deleteNotFoundPolicy } from './delete-not-found';
import { multiStatusPolicy } from './multi-status';
import { notModifiedPolicy } from './not-modified';
import { rateLimitPolicy } from './rate-limit';
import { rateLimitInfoPolicy } from './rate-limit-info';
import { redirectPolicy } from './redirect';
import { retryPolicy } from './retry';
import type { Policy } from '../policy';

/**
 * The order policies see each outcome in; the first that does not answer `next` decides.
 * Before each attempt their `beforeRequest` hooks run in this order too.
 *
 * 0. rateLimit (info) every outcome: read rate-limit headers into statusPolicy.rateLimit, pause
 *                   the origin when none remain (proactive); never decides, so it comes first
 * 1. redirects      3xx: follow (Node) or repeat a Location-less 3xx
 * 2. auth           401: refresh once for everyone, repeat; hold requests while refreshing
 * 3. rateLimit      429/503: wait Retry-After, hold the origin, retry any method
 * 4. retry          other 5xx, network errors: backoff, idempotent only
 * 5. notModified    304: resolve, from the validator cache when on
 * 6. deleteNotFound DELETE 404: resolve as already deleted
 * 7. multiStatus    207 multipart: parse into sub-responses
 *
 * Waiting policies come first so a request held for a refresh is not also paced twice, and the
 * transforming ones last so they see the final response of all retries.
 */
export const POLICY_ORDER: readonly Policy[] = [
  rateLimitInfoPolicy,
  redirectPolicy,
  authPolicy,
  rateLimitPolicy,
  retryPolicy,
  notModifiedPolicy,
  deleteNotFoundPolicy,
  multiStatusPolicy,
];
