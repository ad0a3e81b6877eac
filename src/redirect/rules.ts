// The method rules of DESIGN.md §2, in one place for the hop loop (Node) and the policy (browsers).

/**
 * What a 3xx asks for. `rewrite`: follow with GET (HEAD stays HEAD), body and `Content-*` dropped
 * (301 302 303). `keep`: follow with the same method and body (307 308). `repeat`: no `Location`,
 * send the same request to the same URL again. `undefined`: not ours to follow (300 and 304 are
 * answers, not redirects; a 305/306 with a `Location` is obsolete and left alone).
 */
export type HopKind = 'rewrite' | 'keep' | 'repeat';

/** Statuses that may turn out to be a hop once the `Location` is read. */
export const mayHop = (status: number): boolean => status > 300 && status < 400 && status !== 304;

export const hopKind = (status: number, hasLocation: boolean): HopKind | undefined =>
  !mayHop(status) ? undefined : !hasLocation ? 'repeat' : status < 304 ? 'rewrite' : status === 307 || status === 308 ? 'keep' : undefined;

/** The method of the next request, upper-case. */
export const methodAfter = (kind: HopKind, method: string): string =>
  kind === 'rewrite' && method !== 'HEAD' ? 'GET' : method;
