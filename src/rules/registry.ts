/**
 * Every rule, once: the one list the rule order, the option block names and the status
 * catalogue's `policy` column are derived from. Adding a rule is its folder under
 * src/rules/, one line here and its factory (src/rules/<name>/policy.ts).
 *
 * The order is the order rules see each answer in; the first that does not answer `next` decides.
 * Before each send their `beforeSend` hooks run in this order too.
 *
 *   circuitBreaker    before each send: refuse while the hop's origin is open (nothing sent);
 *                     decides only on its own refusal, counts the outcome once the request settles
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
 *
 * Each entry: `id`, the rule's place in the order; `block`, the option block that configures it and
 * turns it off (`options[block] === false`), also the `policy` of its events; `statuses`, the codes
 * the catalogue lists it for, and `range`, a span of codes it takes when no entry names the code
 * itself (304 is notModified's, not a redirect). A rule's per-request state needs no entry: each
 * rule keeps its own `Slot` keys (src/run/run-state.ts).
 * This file is data only: the `axios-status-policy/status` entry imports it.
 */
export const RULES = [
  // First: its beforeSend refuses before any other rule holds or paces a request it will not send.
  { id: 'circuitBreaker', block: 'circuitBreaker' },
  { id: 'rateLimitHeaders', block: 'rateLimit' },
  // Every 3xx but 300 and 304 is followed (with Location) or repeated (without).
  { id: 'redirects', block: 'redirects', range: [301, 308] },
  { id: 'auth', block: 'auth', statuses: [401] },
  { id: 'rateLimit', block: 'rateLimit', statuses: [429, 503] },
  { id: 'retry', block: 'retry', range: [500, 599] },
  { id: 'notModified', block: 'notModified', statuses: [304] },
  { id: 'deleteNotFound', block: 'deleteNotFound', statuses: [404] },
  { id: 'multiStatus', block: 'multiStatus', statuses: [207] },
] as const satisfies ReadonlyArray<{
  id: string;
  block: string;
  statuses?: readonly number[];
  range?: readonly [number, number];
}>;

type Entry = (typeof RULES)[number];

/** A rule's place in the order. */
export type RuleId = Entry['id'];

/** The option blocks: one per rule (rateLimitHeaders shares rateLimit's), named like the option keys. */
export type BlockName = Entry['block'];

/** The rule ids in the order rules see each answer. */
export const RULE_ORDER: readonly RuleId[] = /* @__PURE__ */ RULES.map((rule) => rule.id);

/** Every block name, each once, in rule order. */
export const BLOCK_NAMES: readonly BlockName[] = /* @__PURE__ */ RULES.map((rule) => rule.block).filter((block, i, all) => all.indexOf(block) === i);

/** The block of the rule that acts on `code` with the default options, for the status catalogue. */
export function blockForStatus(code: number): BlockName | undefined {
  const named = RULES.find((rule) => 'statuses' in rule && rule.statuses.some((status) => status === code));
  if (named) return named.block;
  for (const rule of RULES) if ('range' in rule && code >= rule.range[0] && code <= rule.range[1]) return rule.block;
  return undefined;
}
