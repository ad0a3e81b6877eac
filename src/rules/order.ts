/**
 * The order rules see each answer in; the first that does not answer `next` decides. Before each
 * send their `beforeSend` hooks run in this order too. Adding a rule is one line here, one folder
 * under src/rules/ and one factory in src/policies.ts.
 *
 *   circuitBreaker    before each send: refuse while the hop's origin is open (nothing sent);
 *                     decides only on its own refusal, counts the run's outcome when it settles
 *   rateLimitHeaders  every answer: read rate-limit headers into statusPolicy.rateLimit, pause the
 *                     origin when none remain (proactive); never decides, so it comes first
 *   redirects         3xx: follow the hop, or repeat a Location-less 3xx where a retry is allowed
 *   auth              401: refresh once for everyone, repeat; hold requests while refreshing
 *   rateLimit         429/503: wait Retry-After, hold the origin, retry any method
 *   retry             other 5xx, network errors: backoff, idempotent only
 *   notModified       304: resolve, from the validator cache when on
 *   deleteNotFound    DELETE 404: resolve as already deleted
 *   multiStatus       207 multipart: parse into sub-responses
 *
 * Waiting rules come first so a request held for a refresh is not also paced twice, and the
 * transforming ones last so they see the final answer of all retries.
 */
export const RULE_ORDER = ['circuitBreaker', 'rateLimitHeaders', 'redirects', 'auth', 'rateLimit', 'retry', 'notModified', 'deleteNotFound', 'multiStatus'] as const;

export type RuleId = (typeof RULE_ORDER)[number];
